import { Fragment, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { fillTemplate, type Said, type SaidValue } from '../../src-main/contracts/said';

/**
 * The engine's sentences (journal verdicts and summaries, audit findings, scenario steps) in the reader's
 * language: the code picks the template in `engine.*` of the catalogue; the values are data and are shown
 * as they are (marked `translate="no"`), or sentences of their own, translated in turn. A sentence the
 * catalogue does not know (written by a newer engine) shows its English text.
 */

function template(i18n: I18n, code: string): string | undefined {
  const found = i18n.getResource(i18n.language, 'translation', `engine.${code}`) as unknown;
  return typeof found === 'string' ? found : undefined;
}

/** A sentence as plain text (titles, tooltips, search): values filled in, nested sentences translated. */
export function saidToText(i18n: I18n, s: Said): string | undefined {
  const tpl = template(i18n, s.code);
  if (tpl === undefined) return undefined;
  let missing = false;
  const text = fillTemplate(tpl, s.values, (inner) => {
    const t = saidToText(i18n, inner);
    if (t === undefined) missing = true;
    return t ?? '';
  });
  return missing ? undefined : text;
}

/** `(said, english) => text`: the sentence in the current language, or the English text when there is none. */
export function useSaidText(): (said: Said | undefined, english: string) => string {
  const { i18n } = useTranslation();
  return useCallback((said: Said | undefined, english: string) => (said ? (saidToText(i18n, said) ?? english) : english), [i18n]);
}

function Value({ value }: { value: SaidValue }): React.JSX.Element {
  if (typeof value === 'object') return <SaidParts said={value} />;
  return (
    <span className="said-value" translate="no">
      {String(value)}
    </span>
  );
}

function SaidParts({ said }: { said: Said }): React.JSX.Element | null {
  const { i18n } = useTranslation();
  const tpl = template(i18n, said.code);
  if (tpl === undefined) return null;
  const parts = tpl.split(/\{\{(\w+)\}\}/);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part ? <Fragment key={i}>{part}</Fragment> : null;
        const v = said.values?.[part];
        return v === undefined ? null : <Value key={i} value={v} />;
      })}
    </>
  );
}

/**
 * A sentence in the current language; its values (ids, URLs, bodies) stay as recorded. Without a sentence,
 * or for one the catalogue lacks, the recorded English text is shown as data.
 */
export function SaidText({ said, text }: { said?: Said | undefined; text: string }): React.JSX.Element {
  const { i18n } = useTranslation();
  if (said && saidToText(i18n, said) !== undefined) {
    return (
      <span className="said" data-said={said.code}>
        <SaidParts said={said} />
      </span>
    );
  }
  return <span translate="no">{text}</span>;
}
