import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { DocumentKind } from '../../../shared/documents.js';
import type { ProviderLanguage } from '../../../shared/records.js';
import { releaseLabels } from './release-labels.js';

/**
 * The signed release as a PDF (PDFKit, with the Noto fonts the written report uses, from their npm
 * packages). Latin and Chinese lines are laid out by PDFKit; an Arabic line is placed word by word
 * from the right edge, each word in the font that has its letters (Noto Naskh Arabic has no Latin
 * ones), fontkit shaping and ordering the letters of each Arabic word.
 */
const require = createRequire(import.meta.url);
const fontFolder = (pkg: string) => path.join(path.dirname(require.resolve(pkg)), '..', 'fonts');
const fonts = {
  latin: path.join(fontFolder('@embedpdf/fonts-latin'), 'NotoSans-Regular.ttf'),
  latinBold: path.join(fontFolder('@embedpdf/fonts-latin'), 'NotoSans-Bold.ttf'),
  arabic: path.join(fontFolder('@embedpdf/fonts-arabic'), 'NotoNaskhArabic-Regular.ttf'),
  arabicBold: path.join(fontFolder('@embedpdf/fonts-arabic'), 'NotoNaskhArabic-Bold.ttf'),
  chinese: path.join(fontFolder('@embedpdf/fonts-sc'), 'NotoSansHans-Regular.otf'),
  chineseBold: path.join(fontFolder('@embedpdf/fonts-sc'), 'NotoSansHans-Bold.otf'),
};

export interface ReleaseContent {
  language: ProviderLanguage;
  caseNumber: string;
  patient: { name: string; dateOfBirth: string };
  provider: { name: string; institution: string; country: string };
  kinds: DocumentKind[];
  validUntil: string;
  signedName: string;
  signedAt: string;
  clientAddress: string;
}

const arabicLetters = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const hanLetters = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export function renderReleasePdf(content: ReleaseContent): Promise<Buffer> {
  const labels = releaseLabels[content.language];
  const rtl = content.language === 'ar';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: content.language,
    info: { Title: labels.title, Producer: 'Consilium', Creator: 'Consilium' },
    displayTitle: true,
    pdfVersion: '1.7',
  });
  doc.registerFont('latin', fonts.latin);
  doc.registerFont('latin-bold', fonts.latinBold);
  doc.registerFont('arabic', fonts.arabic);
  doc.registerFont('arabic-bold', fonts.arabicBold);
  doc.registerFont('chinese', fonts.chinese);
  doc.registerFont('chinese-bold', fonts.chineseBold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const fontFor = (text: string, bold: boolean) => {
    const family = arabicLetters.test(text) ? 'arabic' : hanLetters.test(text) ? 'chinese' : 'latin';
    return bold ? `${family}-bold` : family;
  };
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;

  /** An Arabic paragraph: lines filled in reading order, each placed from the right edge. */
  const writeRightToLeft = (text: string, bold: boolean, size: number) => {
    doc.fontSize(size);
    const words = text.split(/\s+/).filter(Boolean);
    const width = (word: string) => doc.font(fontFor(word, bold)).widthOfString(word);
    const space = doc.font(bold ? 'arabic-bold' : 'arabic').widthOfString(' ');
    const lines: string[][] = [];
    let line: string[] = [];
    let used = 0;
    for (const word of words) {
      const added = line.length === 0 ? width(word) : used + space + width(word);
      if (line.length > 0 && added > right - left) {
        lines.push(line);
        line = [word];
        used = width(word);
      } else {
        line.push(word);
        used = added;
      }
    }
    if (line.length) lines.push(line);
    for (const words of lines) {
      const y = doc.y;
      let x = right;
      for (const word of words) {
        x -= width(word);
        doc.font(fontFor(word, bold)).text(word, x, y, { lineBreak: false });
        x -= space;
      }
      doc.x = left;
      doc.y = y + doc.currentLineHeight(true) + 2;
    }
  };

  const paragraph = (text: string, options: { bold?: boolean; size?: number; gap?: number } = {}) => {
    const { bold = false, size = 11, gap = 8 } = options;
    if (rtl) writeRightToLeft(text, bold, size);
    else
      doc
        .font(fontFor(text, bold))
        .fontSize(size)
        .text(text, left, doc.y, { width: right - left });
    doc.y += gap;
  };

  paragraph(labels.title, { bold: true, size: 18, gap: 14 });
  paragraph(labels.statement, { gap: 14 });
  const field = (label: string, value: string) => paragraph(`${label}: ${value}`, { gap: 4 });
  field(labels.caseNumber, content.caseNumber);
  field(labels.patient, content.patient.name);
  field(labels.dateOfBirth, content.patient.dateOfBirth);
  field(
    labels.provider,
    `${content.provider.name}, ${content.provider.institution} (${content.provider.country})`,
  );
  field(labels.records, content.kinds.map((kind) => labels.kinds[kind]).join(', '));
  field(labels.validUntil, content.validUntil);
  doc.y += 10;
  paragraph(labels.withdrawal, { gap: 14 });
  field(labels.signedBy, content.signedName);
  field(labels.signedAt, content.signedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
  field(labels.clientAddress, content.clientAddress);
  doc.end();
  return done;
}
