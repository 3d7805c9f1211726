import i18next, { type TFunction } from 'i18next';
import { productLocaleOf, productLocales, type ProductLocale } from '../../../../shared/locales.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en, type Catalogue } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { pt } from './pt.js';
import { zhCN } from './zh-CN.js';

/*
 * The planning commands speak the reader's language: `--lang`, else the operator's locale
 * (LC_ALL, LC_MESSAGES, LANG: `fr_FR.UTF-8` reads as French), else English. Figures follow the
 * language's decimal mark (a comma in French); digits stay Latin in every language, so that a
 * table of figures reads the same in all of them.
 */

export const planningCatalogues: Record<ProductLocale, Catalogue> = {
  en,
  fr,
  es,
  de,
  it,
  pt,
  'zh-CN': zhCN,
  ar,
};

/** The language the operator reads, from `--lang` or the environment's locale. */
export function readerLocale(
  lang: string | undefined,
  env: Record<string, string | undefined>,
): ProductLocale {
  if (lang) return productLocaleOf(lang.replace('_', '-')) ?? 'en';
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name]?.split('.')[0]?.replace('_', '-');
    if (value && value !== 'C' && value !== 'POSIX') return productLocaleOf(value) ?? 'en';
  }
  return 'en';
}

export const isReaderLocale = (lang: string) => productLocaleOf(lang.replace('_', '-')) !== undefined;
export const readerLocales = productLocales;

export interface PlanningText {
  locale: ProductLocale;
  t: TFunction;
  /** `99.50 %`, `99,50 %`. */
  percent: (share: number | null, digits?: number) => string;
  number: (value: number, digits?: number) => string;
  /** `Mon 03:00 UTC`, `lun. 03:00 UTC` for an hour of the week. */
  hourOfWeek: (hour: number) => string;
}

/** A Monday at 00:00 UTC, for the names of the days. */
const A_MONDAY = Date.UTC(2026, 10, 2);

export function planningText(locale: ProductLocale): PlanningText {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    resources: { [locale]: { translation: planningCatalogues[locale] }, en: { translation: en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const numbering = `${locale}-u-nu-latn`;
  const number = (value: number, digits = 0) =>
    new Intl.NumberFormat(numbering, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      value,
    );
  const weekday = new Intl.DateTimeFormat(numbering, { weekday: 'short', timeZone: 'UTC' });
  return {
    locale,
    t: instance.t,
    number,
    percent: (share, digits = 2) => (share === null ? '–' : `${number(share * 100, digits)} %`),
    hourOfWeek: (hour) =>
      `${weekday.format(new Date(A_MONDAY + Math.floor(hour / 24) * 86_400_000))} ${String(hour % 24).padStart(2, '0')}:00 UTC`,
  };
}
