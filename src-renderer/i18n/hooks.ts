import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorInfo, type ErrorInfo } from '../store/errors';
import type { UiMessage } from '../store/types';
import { describeError, translateRule } from './errors';

/** A failure (a thrown error or what the store kept of one) as a sentence in the current language. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation();
  return useCallback((err: unknown) => describeError(t, isErrorInfo(err) ? err : toErrorInfo(err)), [t]);
}

/** A field's message from a form check or the API (a contract rule text), in the current language. */
export function useRuleText(): (message: string | null | undefined) => string | null {
  const { t } = useTranslation();
  return useCallback((message: string | null | undefined) => (message ? translateRule(t, message) : null), [t]);
}

/** A toast's message: its catalogue entry with its values, the failure (if any) as {{error}}. */
export function useMessageText(): (m: UiMessage) => string {
  const { t } = useTranslation();
  return useCallback(
    (m: UiMessage) => t(`toasts.${m.key}`, { ...m.values, error: m.error ? describeError(t, m.error) : '' }),
    [t],
  );
}

function isErrorInfo(v: unknown): v is ErrorInfo {
  return typeof v === 'object' && v !== null && !(v instanceof Error) && typeof (v as ErrorInfo).code === 'string' && typeof (v as ErrorInfo).message === 'string';
}
