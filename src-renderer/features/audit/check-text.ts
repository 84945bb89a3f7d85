import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, SdkGuess } from '../../api/types';
import zhChecks from '../../i18n/locales/zh-CN/audit-checks.json';

/**
 * A check's title, why and fix in the studio's language. The audit engine writes them in English (the
 * report, the command line, the downloaded files); the Chinese studio shows them from this catalogue, keyed
 * by the check's stable ID, with the detected server stack's own fix after the fix as the report has it.
 * Findings, summaries and labels are sentences of the engine (`SaidText`, engine.audit.* catalogues).
 */

export interface CheckWords {
  title: string;
  why: string;
  fix: string;
}

interface ZhCheck extends CheckWords {
  sdk?: Partial<Record<SdkGuess['id'], string>>;
}

const ZH: Record<string, ZhCheck | undefined> = zhChecks;

export function checkWords(language: string, check: Pick<CheckResult, 'id' | 'title' | 'why' | 'fix'>, sdk?: SdkGuess): CheckWords {
  const zh = language === 'zh-CN' ? ZH[check.id] : undefined;
  if (!zh) return { title: check.title, why: check.why, fix: check.fix };
  const hint = sdk ? zh.sdk?.[sdk.id] : undefined;
  return { title: zh.title, why: zh.why, fix: hint ? `${zh.fix}\n\n${sdk!.name}：${hint}` : zh.fix };
}

/** A check's title, why and fix in the current language. */
export function useCheckWords(): (check: Pick<CheckResult, 'id' | 'title' | 'why' | 'fix'>, sdk?: SdkGuess) => CheckWords {
  const { i18n } = useTranslation();
  return useCallback((check, sdk) => checkWords(i18n.language, check, sdk), [i18n.language]);
}

/** A check's title alone (progress lines, comparisons), in the current language. */
export function useCheckTitle(): (check: { id: string; title: string }) => string {
  const { i18n } = useTranslation();
  return useCallback((check) => (i18n.language === 'zh-CN' ? ZH[check.id]?.title : undefined) ?? check.title, [i18n.language]);
}
