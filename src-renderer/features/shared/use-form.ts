import { useCallback, useState } from 'react';
import { ApiError } from '../../api/http';
import { useErrorText } from '../../i18n/hooks';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * State for one form: values, per-field errors (from the shared rules before submitting, or from the API's
 * 422 that names a field, translated), a form-level error, and the submitting flag.
 */
export function useForm<V extends object>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<Extract<keyof V, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errorText = useErrorText();

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key as unknown as Extract<keyof V, string>] ? { ...e, [key]: undefined } : e));
  }, []);

  /** Runs a submit: an ApiError naming a known field lands under that field, anything else above the form. */
  const submit = useCallback(
    async <T,>(run: () => Promise<T>, knownFields: readonly string[]): Promise<T | null> => {
      setSubmitting(true);
      setFormError(null);
      try {
        return await run();
      } catch (err) {
        if (err instanceof ApiError && err.field) {
          const field = err.field.replace(/^body\./, '');
          if (knownFields.includes(field)) {
            setErrors((e) => ({ ...e, [field]: errorText(err) }));
            return null;
          }
        }
        setFormError(errorText(err));
        return null;
      } finally {
        setSubmitting(false);
      }
    },
    [errorText],
  );

  return { values, setValues, set, errors, setErrors, formError, setFormError, submitting, submit };
}
