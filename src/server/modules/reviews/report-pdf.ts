import type { Opinion } from '../../../shared/reviews.js';
import { newPdfDocument, textWriter } from '../../platform/pdf/text.js';
import { writeAddenda, type ReportAddendum } from './report-addendum.js';
import { reportLabels, type ReportLanguage } from './report-labels.js';
import type { ReportBlock } from './report-markdown.js';
import {
  originalLabel,
  writeSummaryLayer,
  writeTranslationLayer,
  type ReportLayers,
} from './report-layers.js';

/** The written opinion report as a PDF, in the report's language (platform/pdf/text.ts sets the text). */
export { fontRuns, pdfFonts as reportFonts, scriptOf } from '../../platform/pdf/text.js';

export interface ReportContent {
  language: ReportLanguage;
  /** Who the report is about, as a treating doctor identifies them: dates already localised. */
  patient: { name: string; dateOfBirth: string };
  caseNumber: string;
  /** The day the (last) specialist opinion was given, and the day the report was put together. */
  opinionDate: string;
  issuedOn: string;
  recommendations: { blocks: ReportBlock[]; nextSteps: string[] };
  opinions: Opinion[];
  /** The specialists' answers to follow-up questions, after the opinions (none before any). */
  addenda?: ReportAddendum[];
  /** The summary for the member and the translations (report-layers.ts). */
  layers?: ReportLayers;
}

/** Renders the report; resolves with the whole PDF (a few hundred kilobytes at most). */
export function renderReportPdf(content: ReportContent): Promise<Buffer> {
  const labels = reportLabels[content.language];
  const { doc, done } = newPdfDocument({ language: content.language, title: labels.title });
  const write = textWriter(doc);
  const heading = (text: string) => {
    doc.moveDown(0.6);
    write(text, { bold: true, size: 14, gap: 0.3 });
  };
  /** The recommendations' own headings sit under the report's, a size below it. */
  const headingSizes = [13, 12.5, 12, 11.5, 11, 11];
  const writeBlock = (block: ReportBlock) => {
    if (block.kind === 'heading') {
      doc.moveDown(0.3);
      write(block.text, { bold: true, size: headingSizes[block.level - 1] ?? 11, gap: 0.2 });
    } else if (block.kind === 'item') {
      write(`${block.marker}  ${block.text}`, { indent: 14 * block.indent });
    } else {
      write(block.text, { indent: 14 * block.indent });
    }
  };

  write(labels.title, { bold: true, size: 18, gap: 0.3 });
  // Who and what the report is about, as a treating doctor files it.
  write(`${labels.patient}: ${content.patient.name}`, { bold: true, size: 11, gap: 0.1 });
  for (const line of [
    `${labels.dateOfBirth}: ${content.patient.dateOfBirth}`,
    `${labels.caseNumber}: ${content.caseNumber}`,
    `${labels.opinionDate}: ${content.opinionDate}`,
  ])
    write(line, { size: 10, gap: 0 });
  write(`${labels.issuedOn}: ${content.issuedOn}`, { size: 10 });

  writeSummaryLayer(write, heading, content.language, content.layers);
  heading(labels.recommendations);
  for (const block of content.recommendations.blocks) writeBlock(block);
  if (content.recommendations.nextSteps.length > 0) {
    heading(labels.nextSteps);
    for (const step of content.recommendations.nextSteps) write(`•  ${step}`);
  }

  writeTranslationLayer(write, heading, content.language, content.layers, content.opinions);
  for (const opinion of content.opinions) {
    heading(labels.opinionBy);
    write([opinion.specialist.title, opinion.specialist.name].filter(Boolean).join(' '), { bold: true });
    write(labels.asWritten, { size: 9, gap: 0 });
    write(originalLabel(content.language, opinion.language), { size: 9 });
    const diagnosis = labels.diagnosisVerdicts[opinion.diagnosis.verdict];
    write(`${labels.diagnosis}: ${diagnosis}`, { bold: true, gap: 0.1 });
    if (opinion.diagnosis.proposedCode) write(`ICD-10 ${opinion.diagnosis.proposedCode}`);
    write(`${labels.treatment}: ${labels.treatmentVerdicts[opinion.treatment.verdict]}`, { bold: true });
    if (opinion.furtherTests.length > 0) {
      write(labels.furtherTests, { bold: true, gap: 0.1 });
      for (const test of opinion.furtherTests) write(`•  ${test}`);
    }
    if (opinion.answers.length > 0) {
      write(labels.answers, { bold: true, gap: 0.2 });
      for (const { question, answer } of opinion.answers) {
        write(question, { bold: true, gap: 0.1 });
        write(answer);
      }
    }
    write(labels.narrative, { bold: true, gap: 0.1 });
    for (const paragraph of opinion.narrative.split(/\n{2,}/)) write(paragraph);
    if (opinion.references.length > 0) {
      write(labels.references, { bold: true, gap: 0.1 });
      for (const reference of opinion.references) write(`•  ${reference}`, { size: 9 });
    }
    if (opinion.version > 1)
      write(`${labels.corrected} (${opinion.version}): ${opinion.correctionReason ?? ''}`, { size: 9 });
  }
  writeAddenda(write, heading, content.language, content.addenda ?? []);
  doc.moveDown(1);
  write(labels.footer, { size: 8 });

  // Every page carries the case reference, so a loose page finds its way back to its file.
  const pages = doc.bufferedPageRange();
  for (let index = pages.start; index < pages.start + pages.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Written inside the bottom margin, which PDFKit would otherwise take as a full page.
    doc.page.margins.bottom = 0;
    doc.x = doc.page.margins.left;
    doc.y = doc.page.height - bottom / 2 - 8;
    const number = new Intl.NumberFormat(content.language);
    const page = labels.page
      .replace('{page}', number.format(index - pages.start + 1))
      .replace('{pages}', number.format(pages.count));
    write(`${labels.caseNumber}: ${content.caseNumber} · ${content.patient.name} · ${page}`, {
      size: 8,
      gap: 0,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
