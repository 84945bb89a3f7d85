import type { AuditContext } from '../context';
import type { CheckOutcome, Line } from '../outcome';
import type { AuditMode, SdkGuess, Severity } from '../types';

/**
 * One check: a stable ID, its default severity, when it runs, what a WeChat user sees when it fails and
 * how to fix it. `hostile` checks send what WeChat never sends (forged, malformed, oversized); they run one
 * at a time after the others, each followed by a genuine push to see that the server still answers.
 */
export interface CheckDef {
  id: string;
  title: string;
  severity: Severity;
  phase: 'main' | 'hostile' | 'final';
  /** Modes the check applies to (all when absent), and why it does not apply to the others. */
  modes?: readonly AuditMode[];
  notApplicable?: Line;
  /** Never observable by this command; reported as SKIP with this reason. */
  unobservable?: Line;
  why: string;
  fix: string;
  sdkFix?: Partial<Record<SdkGuess['id'], string>>;
  run(ctx: AuditContext): Promise<CheckOutcome>;
}

export const ENCRYPTED: readonly AuditMode[] = ['compatible', 'safe'];

export const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';
