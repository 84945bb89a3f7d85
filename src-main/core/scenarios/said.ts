import { asSaid, isSaid, say, sayText, verbatim, type Said } from '../../contracts/said';

/**
 * The scenario engine's sentences: every step message and failure is built as a sentence (code and
 * values) and its English text is derived from it, so reports and the CLI read the same English as before
 * while the studio shows the sentence in its reader's language.
 */

/** Sentences joined with "; ", ", " or " | " (the English text is the items' texts joined the same way). */
export function sayList(items: Said[], sep: 'semicolon' | 'comma' | 'bar'): Said {
  if (items.length === 0) return verbatim('');
  const [first, ...rest] = items;
  return rest.length === 0 ? first! : say(`scenario.list.${sep}`, { first: first!, rest: sayList(rest, sep) });
}

/**
 * An error that carries its sentence; its message is the sentence's English text, or the English given
 * (where the sentence says in full what the English clips).
 */
export class SaidError extends Error {
  readonly said: Said;
  constructor(said: Said | string, english = sayText(said)) {
    super(english);
    this.said = asSaid(said);
  }
}

/** The sentence of anything thrown: its own, or its message as it is (another part's error). */
export function saidOf(err: unknown): Said {
  const own = (err as { said?: unknown } | null)?.said;
  if (err instanceof Error && isSaid(own)) return own;
  return verbatim(err instanceof Error ? err.message : String(err));
}
