import type { JournalEntry } from '../../contracts/api';
import { asSaid, sayText, type Said } from '../../contracts/said';

/** A summary or a reason as the engine writes it: a sentence, or plain text (shown as it is). */
export type Sentence = Said | string;

/** A verdict as the engine builds it: reasons as sentences or text; the journal keeps both forms. */
export interface SaidVerdict {
  ok: boolean;
  reasons: Sentence[];
}

/**
 * The summary and reasons in both forms: English text (`summary`, `verdict.reasons`) for scripts, reports
 * and the CLI, and sentences (`summarySaid`, `verdict.said`) the studio translates. Empty reasons are dropped
 * from both, so the two lists stay in step.
 */
export function sentenceFields(summary: Sentence | undefined, verdict: SaidVerdict): Pick<JournalEntry, 'summary' | 'summarySaid' | 'verdict'> {
  const said = verdict.reasons.map(asSaid).filter((s) => sayText(s).trim() !== '');
  return {
    ...(summary !== undefined ? { summary: sayText(summary), ...(typeof summary === 'string' ? {} : { summarySaid: summary }) } : {}),
    verdict: { ok: verdict.ok, reasons: said.map(sayText), ...(said.some((s) => s.code !== 'text') ? { said } : {}) },
  };
}
