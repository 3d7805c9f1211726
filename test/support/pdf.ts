/**
 * The text of a PDF as a reader's copy-and-paste would give it, read with Mozilla's PDF.js: the
 * glyphs mapped back to characters through the fonts' ToUnicode tables. A glyph the font lacks
 * (tofu) has no mapping and comes out as U+FFFD or not at all.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const items = await pdfTextItems(bytes);
  const pages = new Map<number, string[]>();
  for (const item of items) pages.set(item.page, [...(pages.get(item.page) ?? []), item.text]);
  return [...pages.values()].map((texts) => texts.join(' ')).join('\n');
}

/**
 * Each piece of text in the order the PDF draws it, with its page, where it starts and the size it
 * is set in (points).
 */
export async function pdfTextItems(
  bytes: Uint8Array,
): Promise<{ page: number; text: string; x: number; y: number; size: number }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
  }).promise;
  const items: { page: number; text: string; x: number; y: number; size: number }[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if ('str' in item)
        items.push({
          page: number,
          text: item.str,
          x: item.transform[4],
          y: item.transform[5],
          size: Math.hypot(item.transform[2], item.transform[3]),
        });
    }
  }
  await document.destroy();
  return items;
}
