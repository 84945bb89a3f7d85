import { useTranslation } from 'react-i18next';
import { resources } from '../i18n';
import { loadGlyphs } from '../i18n/fonts';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, rememberLanguage } from '../i18n/language';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** 中文 / English: the choice is kept (localStorage) and wins over the browser's language next time. */
export function LanguageSwitch(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          className="lang-btn"
          lang={lang}
          aria-pressed={current === lang}
          onClick={() => {
            rememberLanguage(storage(), lang);
            // The new language's glyphs first, so nothing is drawn while its font subsets load.
            void loadGlyphs(resources[lang]).then(() => i18n.changeLanguage(lang));
          }}
        >
          {LANGUAGE_NAMES[lang]}
        </button>
      ))}
    </div>
  );
}
