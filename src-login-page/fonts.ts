/** The bundled CJK font's family (@fontsource-variable/noto-sans-sc). */
const FAMILY = 'Noto Sans SC Variable';

/**
 * The page arrives hidden (class `fonts-pending` on <html>): Chromium keeps drawing boxes for text it laid
 * out while the text's font subset was loading, so the page's words (and the texts it will show) get their
 * subsets first, and the page is shown at once after that, or after `timeoutMs` whatever happens.
 */
export async function revealWhenGlyphsLoaded(doc: Document, extraText: string, timeoutMs = 1500): Promise<void> {
  const text = (doc.body.textContent ?? '') + extraText;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      doc.fonts.load(`16px "${FAMILY}"`, text),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
  } catch {
    // No font: the system's fonts draw the page.
  } finally {
    clearTimeout(timer);
    doc.documentElement.classList.remove('fonts-pending');
  }
}
