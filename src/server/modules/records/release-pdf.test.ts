import { describe, expect, it } from 'vitest';
import { extractPdfText, pdfTextItems } from '../../../../test/support/pdf.js';
import { percentile, weekStart } from './collection.js';
import { releaseLabels } from './release-labels.js';
import { renderReleasePdf, type ReleaseContent } from './release-pdf.js';

const content = (language: ReleaseContent['language']): ReleaseContent => ({
  language,
  caseNumber: 'SMO-2026-004211',
  patient: { name: 'Carmen Tester', dateOfBirth: '1985-10-01' },
  provider: { name: 'Dr. Javier Ortega', institution: 'Clínica Serrano', country: 'ES' },
  kinds: ['report', 'imaging'],
  validUntil: '2027-03-31',
  signedName: 'Carmen Tester',
  signedAt: '2026-12-07T20:15:03.120Z',
  clientAddress: '203.0.113.7',
});

describe('the signed release, read back', () => {
  it.each(['en', 'fr', 'es', 'de', 'it', 'pt', 'zh-CN', 'ar'] as const)(
    'in %s: every label and every fact of the release, no missing glyph',
    async (language) => {
      const text = await extractPdfText(await renderReleasePdf(content(language)));
      const labels = releaseLabels[language];
      const squashed = text.replace(/\s+/g, '');
      for (const label of [
        labels.title,
        labels.patient,
        labels.validUntil,
        labels.kinds.report,
        labels.kinds.imaging,
      ]) {
        // Words with the lam-alef ligature come back from extraction with its letters swapped.
        const words = label.split(/\s+/).filter((word) => !word.includes('\u0644\u0627'));
        for (const word of words) expect(squashed).toContain(word);
      }
      for (const fact of [
        'SMO-2026-004211',
        'Carmen',
        'Tester',
        '1985-10-01',
        '2027-03-31',
        '203.0.113.7',
        'Serrano',
      ])
        expect(text).toContain(fact);
      expect(text).not.toContain('\ufffd');
    },
  );

  it('in Arabic, a line reads from the right edge: its first word is placed to the right of its last', async () => {
    const items = await pdfTextItems(await renderReleasePdf(content('ar')));
    const title = releaseLabels.ar.title.split(' ');
    const first = items.find((item) => item.text === title[0]);
    const last = items.find((item) => item.text === title.at(-1));
    expect(first && last).toBeTruthy();
    expect(first!.x).toBeGreaterThan(last!.x);
  });
});

describe('the collection clock’s arithmetic', () => {
  it('takes the nearest-rank median and 90th percentile', () => {
    const hours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(hours, 0.5)).toBe(5);
    expect(percentile(hours, 0.9)).toBe(9);
    expect(percentile([42], 0.9)).toBe(42);
  });

  it('counts a week from its Monday, in UTC', () => {
    expect(weekStart(new Date('2026-12-07T09:00:00Z'))).toBe('2026-12-07');
    expect(weekStart(new Date('2026-12-13T23:59:00Z'))).toBe('2026-12-07');
    expect(weekStart(new Date('2026-12-14T00:00:00Z'))).toBe('2026-12-14');
  });
});
