import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { extractPdfText, pdfTextItems } from '../../../../test/support/pdf.js';
import { reportLabels, reportLanguages } from './report-labels.js';
import { markdownBlocks } from './report-markdown.js';
import { fontRuns, renderReportPdf, reportFonts, scriptOf, type ReportContent } from './report-pdf.js';

const faces = {
  latin: fontkit.openSync(reportFonts.latin) as fontkit.Font,
  arabic: fontkit.openSync(reportFonts.arabic) as fontkit.Font,
  chinese: fontkit.openSync(reportFonts.chinese) as fontkit.Font,
};

const opinion = {
  id: '0190a5a8-7b1c-7d2e-8f3a-123456789abc',
  offerId: '0190a5a8-7b1c-7d2e-8f3a-cba987654321',
  specialist: { id: '0190a5a8-7b1c-7d2e-8f3a-111111111111', name: 'Ana Ruiz', title: 'Dr' },
  version: 1,
  diagnosis: { verdict: 'changed' as const, proposedCode: 'C25.0' },
  treatment: { verdict: 'modified' as const },
  furtherTests: ['Endoscopic ultrasound'],
  answers: [{ question: '手术真的不可能吗？', answer: '新辅助治疗后可以考虑手术。' }],
  narrative: 'Borderline resectable tumour of the head of the pancreas.',
  references: ['NCCN 2026'],
  correctionReason: null,
  language: 'en',
  submittedAt: '2026-11-25T17:04:00.000Z',
};

describe('the fonts of the written report', () => {
  it('have a glyph for every character of the report’s own words in all eight languages', () => {
    for (const language of reportLanguages) {
      const labels = reportLabels[language];
      const texts = [
        ...Object.values(labels).filter((value): value is string => typeof value === 'string'),
        ...Object.values(labels.diagnosisVerdicts),
        ...Object.values(labels.treatmentVerdicts),
      ];
      for (const text of texts) {
        for (const run of fontRuns(text, scriptOf(text))) {
          for (const char of run.text) {
            expect(faces[run.font].hasGlyphForCodePoint(char.codePointAt(0)!), `${language} ${char}`).toBe(
              true,
            );
          }
        }
      }
    }
  });

  it('set a case number in an Arabic line in the Latin font, the Arabic in the Arabic one', () => {
    expect(fontRuns('الحالة: SMO-2026-000001', 'arabic')).toEqual([
      { font: 'arabic', text: 'الحالة: ' },
      { font: 'latin', text: 'SMO-2026-000001' },
    ]);
    expect(scriptOf('病例 SMO-2026-1')).toBe('chinese');
  });

  it('shape Arabic: the letters of a word join (contextual forms, not the isolated ones)', () => {
    const word = 'التشخيص';
    const shaped = faces.arabic.layout(word).glyphs.map((glyph) => glyph.id);
    const isolated = [...word]
      .map((char) => faces.arabic.glyphForCodePoint(char.codePointAt(0)!).id)
      .reverse();
    expect(shaped).not.toEqual(isolated);
    expect(shaped.every((id) => id !== 0)).toBe(true);
  });
});

describe('the written report', () => {
  it('reads back, in Arabic and Chinese, with no character lost to a missing glyph', async () => {
    const pdf = await renderReportPdf({
      language: 'ar',
      patient: { name: 'ليلى حداد', dateOfBirth: '١٢ مارس ١٩٦٩' },
      caseNumber: 'SMO-2026-000042',
      opinionDate: '٢٤ نوفمبر ٢٠٢٦',
      issuedOn: '٢٥ نوفمبر ٢٠٢٦',
      recommendations: {
        blocks: markdownBlocks('## الخطة\n\nننصح **بالعلاج الكيميائي** أولاً.\n\n- مراجعة طبيب الأورام'),
        nextSteps: ['与胰腺外科医生预约复诊'],
      },
      opinions: [opinion],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await extractPdfText(pdf);
    for (const expected of [
      reportLabels.ar.title,
      'ليلى حداد',
      'الخطة',
      // (Words with the lam-alef ligature come back from extraction with its letters swapped.)
      'الكيميائي',
      'مراجعة طبيب',
      'SMO-2026-000042',
      '与胰腺外科医生预约复诊',
      '新辅助治疗后可以考虑手术。',
      'Borderline resectable tumour of the head of the pancreas.',
      'C25.0',
    ]) {
      expect(text.replace(/\s+/g, ' '), expected).toContain(expected);
    }
    expect(text).not.toContain('\ufffd');
    expect(text).not.toMatch(/\*\*|#/);

    // Right to left: the title's first word is at the right, each next one further left, on one line.
    const items = await pdfTextItems(pdf);
    const words = reportLabels.ar.title
      .split(' ')
      .map((word) => items.find((item) => item.text.trim() === word)!);
    expect(words.every(Boolean)).toBe(true);
    expect(new Set(words.map((word) => word.y)).size).toBe(1);
    for (let index = 1; index < words.length; index += 1) {
      expect(words[index]!.x, reportLabels.ar.title).toBeLessThan(words[index - 1]!.x);
    }
    // A left-to-right line starts at the left margin.
    const latin = items.find((item) => item.text.startsWith('Borderline'))!;
    expect(Math.round(latin.x)).toBe(56);
  });
});

const english = (markdown: string, more: Partial<ReportContent> = {}): ReportContent => ({
  language: 'en',
  patient: { name: 'Maria Keller', dateOfBirth: 'March 12, 1969' },
  caseNumber: 'SMO-2026-000077',
  opinionDate: 'November 24, 2026',
  issuedOn: 'November 25, 2026',
  recommendations: { blocks: markdownBlocks(markdown), nextSteps: ['Book the endoscopic ultrasound'] },
  opinions: [opinion],
  ...more,
});

describe('the written report a treating doctor reads', () => {
  const recommendations = [
    '## What we recommend',
    '',
    'Start with **chemotherapy**, then a _new_ scan. Read [the patient leaflet](https://example.org/leaflet_(pancreas)) and',
    '[our guide (click)](https://example.org/guide "Guide (click)").',
    '',
    '### Before the next visit',
    '',
    '1. Blood tests',
    '2. A `CA 19-9` level',
    '   - fasting',
    '',
    '> Ask about the clinical trial &lt;NCT-1&gt;.',
  ].join('\n');

  it('sets the case manager’s headings as headings, lists and links as text, and no Markdown syntax', async () => {
    const pdf = await renderReportPdf(english(recommendations));
    const text = (await extractPdfText(pdf)).replace(/\s+/g, ' ');
    for (const expected of [
      'What we recommend',
      'Start with chemotherapy, then a new scan.',
      'the patient leaflet (https://example.org/leaflet_(pancreas))',
      'our guide (click) (https://example.org/guide).',
      '1. Blood tests',
      '2. A CA 19-9 level',
      '• fasting',
      'Ask about the clinical trial <NCT-1>.',
    ]) {
      // (A long address may be broken across lines, which extraction reads as a space.)
      expect(text.replace(/\s/g, ''), expected).toContain(expected.replace(/\s/g, ''));
    }
    expect(text).not.toMatch(/#|\*\*|\]\(|&lt;|`/);
    // A link's address is never cut at its own parenthesis, leaving a stray bracket behind.
    expect(text).not.toMatch(/leaflet\) and|"\)|click\)"/);

    const items = await pdfTextItems(pdf);
    const sizeOf = (start: string) => items.find((item) => item.text.startsWith(start))!.size;
    const body = sizeOf('Start with');
    expect(sizeOf('What we recommend')).toBeGreaterThan(body);
    expect(sizeOf('Before the next visit')).toBeGreaterThan(body);
    // A nested item sits to the right of its parent.
    const x = (start: string) => items.find((item) => item.text.includes(start))!.x;
    expect(x('fasting')).toBeGreaterThan(x('Blood tests'));
  });

  it('names the patient, their date of birth, the case and the opinion’s date first, and the case on every page', async () => {
    const long = Array.from({ length: 40 }, (_, n) => `${n + 1}. A step of the plan, explained at length.`);
    const pdf = await renderReportPdf(english(long.join('\n')));
    const items = await pdfTextItems(pdf);
    const firstPage = items
      .filter((item) => item.page === 1)
      .map((item) => item.text)
      .join(' ');
    for (const expected of [
      'Patient: Maria Keller',
      'Date of birth: March 12, 1969',
      'Case: SMO-2026-000077',
      'Date of the opinion: November 24, 2026',
    ]) {
      expect(firstPage).toContain(expected);
    }
    const pages = Math.max(...items.map((item) => item.page));
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page += 1) {
      const footer = items.find(
        (item) => item.page === page && item.text.includes(`Page ${page} of ${pages}`),
      );
      expect(footer?.text, `page ${page}`).toContain('SMO-2026-000077');
      expect(footer!.y).toBeLessThan(56);
    }
  });
});
