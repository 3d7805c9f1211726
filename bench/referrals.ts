/**
 * The referral letter (`npm run bench referral-letter`): how long the letter takes to write as a
 * PDF, in English and in Arabic (right to left, fonts chosen per character), against, in the same
 * run, the same words written by PDFKit in one Latin font with its own line breaking: the figure
 * says what the letter's layout (the script runs, the right-to-left lines) costs over PDFKit itself.
 */
import { letterLabels } from '../src/server/modules/referrals/letter-labels.js';
import { renderLetterPdf, type LetterContent } from '../src/server/platform/pdf/letter.js';
import { newPdfDocument } from '../src/server/platform/pdf/text.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';

const ROUNDS = 30;
const WARMUP = 3;

function letter(language: 'en' | 'ar'): LetterContent {
  const labels = letterLabels[language];
  const reason =
    language === 'ar'
      ? 'استئصال جزئي للغضروف الهلالي بالمنظار في الركبة اليمنى، كما أكد الرأي الثاني. التصوير بالرنين المغناطيسي مرفق.'
      : 'Arthroscopic partial meniscectomy of the right knee, as the second opinion confirmed. The MRI is attached.';
  return {
    language,
    title: labels.referralTitle,
    sender: { name: labels.service, lines: [`${labels.caseManager}: Layla Mansour`] },
    addressee: { name: 'Jumeirah Sports Orthopaedics', lines: ['Al Wasl Road 12', 'Dubai, AE'] },
    date: '7 December 2026',
    reference: `${labels.reference}: SMO-2026-000042-R1`,
    subject: labels.referralSubject.replace('{service}', 'Orthopaedic sports medicine'),
    salutation: labels.salutation,
    sections: [
      { heading: labels.patient, paragraphs: ['Salma Haddad', `${labels.dateOfBirth}: 29 February 1980`] },
      {
        heading: labels.asked,
        paragraphs: [labels.askedText, `${labels.urgency}: ${labels.urgencies.soon}`],
      },
      { heading: labels.reason, paragraphs: Array.from({ length: 6 }, () => reason) },
      { heading: labels.records, items: ['MRI report, right knee', 'X-ray, July 2026', 'Surgeon’s letter'] },
      {
        heading: labels.cover,
        paragraphs: [`${labels.planPays}: $16,650.00`, `${labels.memberPays}: $1,850.00`],
      },
    ],
    closing: labels.closing,
    signature: ['Layla Mansour', labels.service],
    footer: labels.footer.replace('{reference}', 'SMO-2026-000042-R1'),
  };
}

/** The same words, one paragraph after another, in PDFKit's own layout and one Latin font. */
async function plainPdf(content: LetterContent): Promise<Buffer> {
  const { doc, done } = newPdfDocument({ language: 'en', title: content.title });
  doc.font('latin');
  const words = [
    content.sender.name,
    ...content.sender.lines,
    content.addressee.name,
    ...content.addressee.lines,
    content.date,
    content.reference,
    content.subject,
    ...content.sections.flatMap((section) => [
      section.heading ?? '',
      ...(section.paragraphs ?? []),
      ...(section.items ?? []),
    ]),
  ];
  for (const paragraph of words) doc.text(paragraph);
  doc.end();
  return done;
}

async function time(rounds: number, work: () => Promise<Buffer>): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    const pdf = await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (pdf.length < 1000) throw new BenchFailure('the PDF is empty');
  }
  return samples;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const round = (ms: number) => Math.round(ms * 100) / 100;

export const referralLetterBench: Bench = {
  name: 'referral-letter',
  description:
    'the referral letter as a PDF in English and Arabic, against PDFKit writing the same words plainly',
  async run(ctx: BenchContext) {
    for (const language of ['en', 'ar'] as const) {
      const content = letter(language);
      await time(WARMUP, () => renderLetterPdf(content));
      await time(WARMUP, () => plainPdf(content));
      const letterTimes: number[] = [];
      const plainTimes: number[] = [];
      // Alternating halves, so that a burst of load on a shared machine hits both alike.
      for (let half = 0; half < 2; half += 1) {
        letterTimes.push(...(await time(ROUNDS / 2, () => renderLetterPdf(content))));
        plainTimes.push(...(await time(ROUNDS / 2, () => plainPdf(content))));
      }
      ctx.progress(`${language}: ${letterTimes.length} letters`);
      ctx.report({
        metric: `referral_letter.${language}_p50`,
        value: round(median(letterTimes)),
        unit: 'ms',
        baseline: round(median(plainTimes)),
      });
    }
  },
};
