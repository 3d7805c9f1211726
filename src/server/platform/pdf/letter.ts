import { newPdfDocument, textWriter } from './text.js';

/**
 * A letter as a PDF: who sends it, to whom, the date and reference, a subject, sections of
 * paragraphs and lists, a signature and a footer on every page. The words come in already written
 * in the letter's language (any of the eight; Arabic right to left): the referral letter, the
 * guarantee of payment and the letter to a member's treating doctor are all this one template.
 */
export interface LetterContent {
  /** BCP 47 tag of the letter's language (the PDF's `Lang`, number formats). */
  language: string;
  /** The document's title in the PDF's properties. */
  title: string;
  sender: { name: string; lines: string[] };
  addressee: { name: string; lines: string[] };
  /** Already formatted for the language: "7 December 2026", "٧ ديسمبر ٢٠٢٦". */
  date: string;
  /** Label and value: "Reference: REF-2026-000123". */
  reference: string;
  subject: string;
  salutation?: string;
  sections: LetterSection[];
  closing?: string;
  signature?: string[];
  /** A line at the foot of every page; "{page}" and "{pages}" are replaced by the page numbers. */
  footer: string;
}

export interface LetterSection {
  heading?: string;
  paragraphs?: string[];
  /** A bulleted list; an empty list is left out with its heading unless `emptyText` says so. */
  items?: string[];
  emptyText?: string;
}

/** Renders the letter; resolves with the whole PDF. */
export function renderLetterPdf(content: LetterContent): Promise<Buffer> {
  const { doc, done } = newPdfDocument({ language: content.language, title: content.title });
  const write = textWriter(doc);

  write(content.sender.name, { bold: true, size: 12, gap: 0 });
  for (const line of content.sender.lines) write(line, { size: 9, gap: 0 });
  doc.moveDown(1.2);
  write(content.addressee.name, { bold: true, gap: 0 });
  for (const line of content.addressee.lines) write(line, { size: 10, gap: 0 });
  doc.moveDown(1);
  write(content.date, { size: 10, gap: 0 });
  write(content.reference, { size: 10 });
  doc.moveDown(0.6);
  write(content.subject, { bold: true, size: 14, gap: 0.6 });
  if (content.salutation) write(content.salutation);

  for (const section of content.sections) {
    const items = section.items ?? [];
    if (section.items && items.length === 0 && !section.emptyText && !section.paragraphs?.length) continue;
    if (section.heading) {
      doc.moveDown(0.4);
      write(section.heading, { bold: true, size: 12, gap: 0.2 });
    }
    for (const paragraph of section.paragraphs ?? []) write(paragraph);
    for (const item of items) write(`•  ${item}`, { indent: 10 });
    if (section.items && items.length === 0 && section.emptyText) write(section.emptyText);
  }
  if (content.closing) {
    doc.moveDown(0.8);
    write(content.closing);
  }
  for (const line of content.signature ?? []) write(line, { gap: 0 });

  const pages = doc.bufferedPageRange();
  const number = new Intl.NumberFormat(content.language);
  for (let index = pages.start; index < pages.start + pages.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Written inside the bottom margin, which PDFKit would otherwise take as a full page.
    doc.page.margins.bottom = 0;
    doc.x = doc.page.margins.left;
    doc.y = doc.page.height - bottom / 2 - 8;
    write(
      content.footer
        .replace('{page}', number.format(index - pages.start + 1))
        .replace('{pages}', number.format(pages.count)),
      { size: 8, gap: 0 },
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
