import { z } from 'zod';
import { SAID_EN } from './said/catalogue';

/**
 * A sentence the engine writes for people — a journal verdict, an audit finding, a scenario step's message —
 * kept as a code and its values, next to its English text. Scripts, reports and the CLI read the English
 * text; the studio shows the sentence in its reader's language from the code (the catalogues under
 * `said/` in English, `src-renderer/i18n/locales/zh-CN/engine-*.json` in Chinese).
 *
 * Values are data (ids, URLs, bodies, counts) shown as they are, or sentences of their own.
 */
export interface Said {
  code: SaidCode;
  values?: Record<string, SaidValue>;
}
export type SaidValue = string | number | Said;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every code of the English catalogue ("push.deliveredOnAttempt"): a typo does not compile. */
export type SaidCode = Leaves<typeof SAID_EN>;

const saidValueSchema: z.ZodType<SaidValue> = z.lazy(() => z.union([z.string(), z.number(), saidSchema]));
export const saidSchema: z.ZodType<Said> = z.lazy(() =>
  z.object({ code: z.string() as unknown as z.ZodType<SaidCode>, values: z.record(z.string(), saidValueSchema).optional() }),
) as z.ZodType<Said>;

export function say(code: SaidCode, values?: Record<string, SaidValue | undefined>): Said {
  if (!values) return { code };
  const kept: Record<string, SaidValue> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) kept[k] = v;
  return { code, values: kept };
}

/** Text that has no sentence of its own (another program's error message, a server's body): shown as it is. */
export function verbatim(text: string): Said {
  return { code: 'text', values: { text } };
}

export function isSaid(v: unknown): v is Said {
  return typeof v === 'object' && v !== null && typeof (v as Said).code === 'string';
}

/** A sentence or a plain string, as a sentence (plain strings are verbatim). */
export function asSaid(s: Said | string): Said {
  return typeof s === 'string' ? verbatim(s) : s;
}

/** The English template of a code, or undefined for a code the catalogue does not have. */
export function englishTemplate(code: string): string | undefined {
  let node: unknown = SAID_EN;
  for (const part of code.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills `{{name}}` placeholders; a value that is a sentence is rendered first by `render`. */
export function fillTemplate(template: string, values: Record<string, SaidValue> | undefined, render: (s: Said) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => {
    const v = values?.[name];
    if (v === undefined) return m;
    return typeof v === 'object' ? render(v) : String(v);
  });
}

/** The English text of a sentence (what the journal's `reasons`, reports and the CLI carry). */
export function sayText(s: Said | string): string {
  if (typeof s === 'string') return s;
  const template = englishTemplate(s.code);
  if (template === undefined) return fillTemplate(Object.keys(s.values ?? {}).map((k) => `{{${k}}}`).join(' ') || s.code, s.values, sayText);
  return fillTemplate(template, s.values, sayText);
}
