/**
 * The studio's languages and how one is chosen: a choice kept in storage wins; otherwise the browser's
 * (the OS's) preferred languages decide — any Chinese tag gives Simplified Chinese, anything else English.
 */

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, for the switch in the header. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export const LANGUAGE_STORAGE_KEY = 'follow-studio.language';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** Maps a BCP 47 tag to a supported language: zh, zh-CN, zh-Hans-SG, zh-TW… → zh-CN; the rest → en. */
export function languageOfTag(tag: string | null | undefined): Language {
  return /^zh(-|_|$)/i.test((tag ?? '').trim()) ? 'zh-CN' : 'en';
}

/** The first preferred language decides, as a browser does when it picks a page's language. */
export function detectLanguage(preferred: readonly string[] | undefined, stored: string | null | undefined): Language {
  if (isLanguage(stored)) return stored;
  return languageOfTag(preferred?.[0]);
}

type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function storedLanguage(storage: LanguageStorage | null): string | null {
  try {
    return storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberLanguage(storage: LanguageStorage | null, lang: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this window only.
  }
}
