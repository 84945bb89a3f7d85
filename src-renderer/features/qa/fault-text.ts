import type { TFunction } from 'i18next';
import { FAULT_RULES, type Fault } from '../../../src-main/contracts/faults';

/** A fault in a few words: "wait 6000 ms, then answer HTTP 500 · 2 more pushes". */
export function describeFault(t: TFunction, f: Fault): string {
  const answer = t(`qa.fault.describe.${f.answer}`);
  const what = f.delayMs > 0 ? t('qa.fault.describe.delayThen', { ms: f.delayMs, answer }) : answer;
  return f.times === null ? what : `${what} · ${t('qa.fault.describe.left', { count: f.times })}`;
}

const RULE_KEYS: Record<string, 'delayMs' | 'answer' | 'times' | 'nothing'> = {
  [FAULT_RULES.delayMs]: 'delayMs',
  [FAULT_RULES.answer]: 'answer',
  [FAULT_RULES.times]: 'times',
  [FAULT_RULES.nothing]: 'nothing',
};

/** A fault rule of the contract (the form's check or the API's 422) in the current language. */
export function faultRuleText(t: TFunction, message: string): string | null {
  const bare = message.replace(/^[\w.]+: /, '');
  const key = RULE_KEYS[bare];
  return key ? t(`qa.fault.rules.${key}`) : null;
}
