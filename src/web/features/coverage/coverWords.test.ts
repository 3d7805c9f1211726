import { readFileSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { CoverRule } from '../../../shared/coverage.js';
import { ruleWords } from './coverWords.js';

/** The catalogue of a language, read as ICU messages the way the app formats them. */
function reader(locale: string): TFunction {
  const catalogue = JSON.parse(
    readFileSync(new URL(`../../i18n/locales/coverage/${locale}.json`, import.meta.url), 'utf8'),
  ) as Record<string, string>;
  return ((key: string, values?: Record<string, unknown>) =>
    String(new IntlMessageFormat(catalogue[key]!, locale).format(values as never))) as unknown as TFunction;
}

const rule = (code: CoverRule['code'], values: CoverRule['values']): CoverRule => ({
  clause: '3.3',
  code,
  key: `coverage.rule.${code}`,
  effect: 'limits',
  values,
});

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '').replace(/\u00a0/g, ' ');

describe('the words of a cover check', () => {
  it('tells the member in English what they pay, in their plan’s currency', () => {
    const text = ruleWords(
      rule('co_insurance', { percent: 10, amount: { amount: 185_000, currency: 'AED' } }),
      'en',
      reader('en'),
    );
    expect(strip(text)).toBe('You pay 10 % of the rest as co-insurance: AED 1,850.00.');
  });

  it('in Arabic, with the amount kept whole inside the right-to-left sentence', () => {
    const text = ruleWords(
      rule('co_insurance', { percent: 10, amount: { amount: 185_000, currency: 'AED' } }),
      'ar',
      reader('ar'),
    );
    expect(text).toContain('\u2068');
    expect(text).toContain('تدفع 10٪');
  });

  it('yen have no minor unit: 12,345 is ¥12,345, not ¥123.45', () => {
    const text = ruleWords(
      rule('limit_capped', {
        left: { amount: 12_345, currency: 'JPY' },
        amount: { amount: 20_000, currency: 'JPY' },
      }),
      'en',
      reader('en'),
    );
    expect(strip(text)).toBe('The plan would pay ¥20,000, but only ¥12,345 is left of the annual limit.');
  });

  it('names the country and the benefit in the reader’s language', () => {
    expect(ruleWords(rule('area_outside', { country: 'US' }), 'fr', reader('fr'))).toBe(
      'Un traitement en États-Unis est hors de la zone de couverture du contrat.',
    );
    expect(ruleWords(rule('benefit_not_covered', { benefit: 'mental_health' }), 'de', reader('de'))).toBe(
      'Der Tarif deckt nicht: Psychische Gesundheit.',
    );
  });
});
