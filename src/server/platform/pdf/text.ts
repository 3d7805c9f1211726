import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * Text in a PDF in any of the product's languages, for every document the service writes (the
 * opinion report, letters). Fonts come from npm packages (Noto, SIL Open Font Licence): Noto Sans
 * for Latin, Greek and Cyrillic, Noto Naskh Arabic, and Noto Sans Hans for Chinese. PDFKit lays
 * text out with fontkit, which shapes Arabic (joining forms, ligatures) and orders the glyphs of
 * an Arabic word right to left; the words of an Arabic line are placed right to left here
 * (`writeRightToLeft`). Each character is set in the first font that has it. This is a simplified
 * bidirectional layout (an Arabic paragraph, with Latin words and numbers kept in their order),
 * not the full Unicode algorithm.
 */
const require = createRequire(import.meta.url);
const fontFolder = (pkg: string) => path.join(path.dirname(require.resolve(pkg)), '..', 'fonts');

export const pdfFonts = {
  latin: path.join(fontFolder('@embedpdf/fonts-latin'), 'NotoSans-Regular.ttf'),
  latinBold: path.join(fontFolder('@embedpdf/fonts-latin'), 'NotoSans-Bold.ttf'),
  arabic: path.join(fontFolder('@embedpdf/fonts-arabic'), 'NotoNaskhArabic-Regular.ttf'),
  arabicBold: path.join(fontFolder('@embedpdf/fonts-arabic'), 'NotoNaskhArabic-Bold.ttf'),
  chinese: path.join(fontFolder('@embedpdf/fonts-sc'), 'NotoSansHans-Regular.otf'),
  chineseBold: path.join(fontFolder('@embedpdf/fonts-sc'), 'NotoSansHans-Bold.otf'),
} as const;

type FontName = 'latin' | 'arabic' | 'chinese';

/** The faces, to ask which of them has a glyph for a character: read on first use (tens of MB). */
let loadedFaces: Record<FontName, fontkit.Font> | undefined;
const faces = (): Record<FontName, fontkit.Font> =>
  (loadedFaces ??= {
    latin: fontkit.openSync(pdfFonts.latin) as fontkit.Font,
    arabic: fontkit.openSync(pdfFonts.arabic) as fontkit.Font,
    chinese: fontkit.openSync(pdfFonts.chinese) as fontkit.Font,
  });

const neutral = /[\s\d.,:;()/\-–—·•]/u;

/**
 * Splits a paragraph into runs, each in the first font that has its characters: the paragraph's
 * own script first, then the others (Noto Naskh Arabic has no Latin letters, for example, so a
 * case number in an Arabic line is set in Noto Sans).
 */
export function fontRuns(text: string, script: FontName): { font: FontName; text: string }[] {
  const order: FontName[] = [
    script,
    ...(['latin', 'chinese', 'arabic'] as const).filter((f) => f !== script),
  ];
  const runs: { font: FontName; text: string }[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const last = runs.at(-1);
    // Spaces, digits and punctuation stay in the run they are in when its font has them.
    if (last && neutral.test(char) && faces()[last.font].hasGlyphForCodePoint(code)) {
      last.text += char;
      continue;
    }
    const font = order.find((name) => faces()[name].hasGlyphForCodePoint(code)) ?? script;
    if (last && last.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}

const arabicScript = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const hanScript = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

type Script = 'latin' | 'arabic' | 'chinese';
export const scriptOf = (text: string): Script =>
  arabicScript.test(text) ? 'arabic' : hanScript.test(text) ? 'chinese' : 'latin';

/** A new A4 document with the fonts registered, and the promise of its bytes once it ends. */
export function newPdfDocument(options: { language: string; title: string }): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: options.language,
    info: { Title: options.title, Producer: 'Consilium', Creator: 'Consilium' },
    displayTitle: true,
    pdfVersion: '1.7',
    // Pages are kept until the end, when each gets its footer.
    bufferPages: true,
  });
  for (const font of ['latin', 'arabic', 'chinese'] as const) {
    doc.registerFont(font, pdfFonts[font]);
    doc.registerFont(`${font}-bold`, pdfFonts[`${font}Bold`]);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export interface WriteOptions {
  bold?: boolean;
  size?: number;
  gap?: number;
  indent?: number;
}

/** Writes paragraphs into a document, each in its script's direction and fonts. */
export function textWriter(doc: PDFKit.PDFDocument): (text: string, options?: WriteOptions) => void {
  const runWidth = (run: { font: FontName; text: string }, bold: boolean) =>
    doc.font(bold ? `${run.font}-bold` : run.font).widthOfString(run.text);

  /**
   * PDFKit sets the words of a line from left to right, so an Arabic paragraph is broken into
   * lines and placed here: words from the right edge leftwards, a group of Latin words (or
   * numbers) kept in its own order, each word's glyphs shaped and ordered by fontkit. Words are
   * written to the page in reading order, so that copying or extracting the text gives it back
   * as written.
   */
  const writeRightToLeft = (text: string, bold: boolean, size: number, indent: number) => {
    doc.fontSize(size);
    const left = doc.page.margins.left;
    const right = doc.page.width - doc.page.margins.right - indent;
    const space = doc.font(bold ? 'arabic-bold' : 'arabic').widthOfString(' ');
    const lineHeight = doc.currentLineHeight(true) + 2;
    // A line break the writer made (a Markdown break) starts a new line: its first word says so.
    const words = text
      .split('\n')
      .flatMap((written) =>
        written
          .split(/\s+/)
          .filter(Boolean)
          .map((word, index) => ({ word, lineBreak: index === 0 })),
      )
      .map(({ word, lineBreak }) => {
        const runs = fontRuns(word, 'arabic').map((run) => ({
          ...run,
          // fontkit reverses a run it takes for Arabic; digits must read left to right.
          text:
            run.font === 'arabic' && /^[\u0660-\u0669\u06f0-\u06f9]+$/.test(run.text)
              ? [...run.text].reverse().join('')
              : run.text,
        }));
        const rtl = arabicScript.test(word);
        return {
          rtl,
          lineBreak,
          runs: rtl ? [...runs].reverse() : runs,
          width: runs.reduce((sum, run) => sum + runWidth(run, bold), 0),
        };
      });
    const lines: (typeof words)[] = [];
    let line: typeof words = [];
    let width = 0;
    for (const word of words) {
      const added = line.length === 0 ? word.width : width + space + word.width;
      if (line.length > 0 && (word.lineBreak || added > right - left)) {
        lines.push(line);
        line = [word];
        width = word.width;
      } else {
        line.push(word);
        width = added;
      }
    }
    if (line.length > 0) lines.push(line);
    for (const words of lines) {
      if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      // Visual order: right to left, with runs of left-to-right words kept together.
      const blocks: (typeof words)[] = [];
      for (const word of words) {
        const last = blocks.at(-1);
        if (!word.rtl && last && !last[0]!.rtl) last.push(word);
        else blocks.push([word]);
      }
      let x = right;
      const placed = new Map<(typeof words)[number], number>();
      for (const block of blocks) {
        const blockWidth = block.reduce((sum, word) => sum + word.width, 0) + space * (block.length - 1);
        let at = x - blockWidth;
        for (const word of block) {
          placed.set(word, at);
          at += word.width + space;
        }
        x -= blockWidth + space;
      }
      for (const word of words) {
        let at = placed.get(word)!;
        for (const run of word.runs) {
          doc.font(bold ? `${run.font}-bold` : run.font).text(run.text, at, y, { lineBreak: false });
          at += runWidth(run, bold);
        }
      }
      doc.x = left;
      doc.y = y + lineHeight;
    }
  };

  const write = (text: string, options: WriteOptions = {}) => {
    const script = scriptOf(text);
    const bold = options.bold ?? false;
    const indent = options.indent ?? 0;
    if (script === 'arabic') {
      writeRightToLeft(text, bold, options.size ?? 11, indent);
    } else {
      const runs = fontRuns(text, script);
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right - indent;
      doc.fontSize(options.size ?? 11);
      doc.x = left + indent;
      runs.forEach((run, index) => {
        doc.font(bold ? `${run.font}-bold` : run.font);
        doc.text(run.text, { lineGap: 2, width, continued: index < runs.length - 1 });
      });
      doc.x = left;
    }
    doc.moveDown(options.gap ?? 0.4);
  };
  return write;
}
