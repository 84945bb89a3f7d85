import { cry01, cry02, cry03, cry04 } from './checks/crypto';
import type { CheckDef } from './checks/define';
import { dup01, dup02 } from './checks/dup';
import { evt01, evt02, evt03 } from './checks/events';
import { fwd01, tok01 } from './checks/forward';
import { modeC1, modeP1, modeS1, modeS2 } from './checks/mode';
import { rep01, rep02, rep03 } from './checks/reply';
import { sec01, sec02, sec03, sec04 } from './checks/security';
import { time01, time02 } from './checks/time';
import { url01, url02, url03 } from './checks/url';

/**
 * Every check, in report order. The order of the hostile ones is their run order: least likely to
 * upset a server first, malformed ciphertexts (the known crasher) last.
 */
export const CHECKS: readonly CheckDef[] = [
  url01, url02, url03,
  modeP1, modeC1, modeS1, modeS2,
  cry01, cry02, cry03, cry04,
  rep01, rep02, rep03,
  time01, time02,
  dup01, dup02,
  evt01, evt02, evt03,
  sec01, sec02, sec03, sec04,
  fwd01, tok01,
];

export const HOSTILE_ORDER: readonly string[] = ['URL-02', 'SEC-04', 'MODE-P1', 'MODE-C1', 'MODE-S1', 'MODE-S2', 'CRY-01', 'SEC-01', 'URL-03', 'SEC-03', 'SEC-02', 'CRY-02'];

export const CHECK_IDS: readonly string[] = CHECKS.map((c) => c.id);

export function checkById(id: string): CheckDef | undefined {
  return CHECKS.find((c) => c.id === id);
}

export type { CheckDef };
