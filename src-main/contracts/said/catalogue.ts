import { AUDIT_EN } from './audit';
import { JOURNAL_LOGIN_EN } from './journal-login';
import { JOURNAL_PLATFORM_EN } from './journal-platform';
import { SCENARIOS_EN } from './scenarios';

/**
 * The engine's sentences in English, one file per part of the engine, each under its own top-level key so
 * parts written side by side never edit the same file. `{{name}}` marks a value; the Chinese catalogue of
 * the studio has the same codes with the same placeholders (a unit test holds them together).
 */
export const SAID_EN = {
  /** Text with no sentence of its own, shown as it is. */
  text: '{{text}}',
  ...JOURNAL_PLATFORM_EN,
  ...JOURNAL_LOGIN_EN,
  ...AUDIT_EN,
  ...SCENARIOS_EN,
} as const;
