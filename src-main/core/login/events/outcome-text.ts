import { JOURNAL_LOGIN_EN } from '../../../contracts/said/journal-login';
import { say, verbatim, type Said, type SaidCode } from '../../../contracts/said';

/**
 * An event's outcome as a sentence again, from the English text kept with the event: a retry that arrives
 * after a restart (or long after the first delivery) is answered from the stored row, and its journal entry
 * should still read in the studio's language. Every outcome is one of `login.outcome.*`; a text that matches
 * none (written by another version) stays as it is.
 */

interface Pattern {
  code: SaidCode;
  names: string[];
  re: RegExp;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(key: string, template: string): Pattern {
  const names: string[] = [];
  const source = template
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      names.push(name);
      return '(.+)';
    })
    .join('');
  return { code: `login.outcome.${key}` as SaidCode, names, re: new RegExp(`^${source}$`) };
}

// Longer templates first, so "signed in as x (field matching on UnionID)" is not read as "signed in as {{username}}".
const PATTERNS: Pattern[] = Object.entries(JOURNAL_LOGIN_EN.login.outcome)
  .map(([key, template]) => patternOf(key, template))
  .sort((a, b) => b.re.source.length - a.re.source.length);

export function outcomeFromText(text: string): Said {
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m) return p.names.length ? say(p.code, Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]]))) : say(p.code);
  }
  return verbatim(text);
}
