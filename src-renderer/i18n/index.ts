import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './catalogue';
import type { Language } from './language';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export interface StudioI18n {
  i18n: I18n;
  /** Keys asked for that no catalogue has (the e2e tests read it; it stays empty). */
  missing: Set<string>;
}

/**
 * One i18next instance per UI (and per test), never the global one. Both catalogues are bundled, so
 * initialisation is synchronous and the first render is already in the right language.
 */
export function createI18n(lng: Language): StudioI18n {
  const missing = new Set<string>();
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({
    lng,
    resources,
    supportedLngs: ['zh-CN', 'en'],
    // A key missing from one catalogue shows as the key (the tests look for it), never in the other language.
    fallbackLng: false,
    load: 'currentOnly',
    initAsync: false,
    // React escapes what it renders; escaping here too would show &amp; in names.
    interpolation: { escapeValue: false },
    // An empty entry is deliberate (the Chinese studio has no gloss beside WeChat's own labels).
    returnEmptyString: true,
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key) => {
      missing.add(key);
    },
    react: { useSuspense: false },
  });
  return { i18n, missing };
}
