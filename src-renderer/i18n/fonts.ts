import { WECHAT_TEXT } from './wechat-texts';

/** The bundled CJK font's family, as @fontsource-variable/noto-sans-sc declares it. */
export const CJK_FAMILY = 'Noto Sans SC Variable';

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** Every string of a catalogue, flattened (keys are not shown, values are). */
export function catalogueText(catalogue: unknown): string {
  if (typeof catalogue === 'string') return catalogue;
  if (catalogue && typeof catalogue === 'object') return Object.values(catalogue).map(catalogueText).join('');
  return '';
}

/** The distinct CJK characters of a text (what decides which unicode-range subsets are needed). */
export function cjkCharacters(text: string): string {
  return [...new Set([...text].filter((c) => CJK.test(c)))].join('');
}

/**
 * Loads, before they are drawn, the font subsets that the studio's own words need (one language's catalogue
 * and WeChat's texts): only those subsets, from the studio server. Chromium keeps drawing boxes for text it
 * laid out while that text's subset was still loading, so the UI is rendered once they are in; a slow load
 * never holds the UI back longer than `timeoutMs`.
 */
export async function loadGlyphs(catalogue: unknown, fonts: FontFaceSet | undefined = globalThis.document?.fonts, timeoutMs = 2000): Promise<void> {
  const chars = cjkCharacters(catalogueText(catalogue) + catalogueText(WECHAT_TEXT));
  if (!fonts || !chars) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([fonts.load(`16px "${CJK_FAMILY}"`, chars).then(() => undefined), timeout]);
  } catch {
    // A font that cannot load leaves the system's fonts in charge; the UI still works.
  } finally {
    clearTimeout(timer);
  }
}
