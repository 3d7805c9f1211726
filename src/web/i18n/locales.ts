import { productLocales } from '../../shared/locales';

export type Locale = (typeof productLocales)[number];
export const locales: readonly Locale[] = productLocales;

/** Each language named in itself, as a language menu shows it (the same in every language). */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  de: 'Deutsch',
  it: 'Italiano',
  pt: 'Português',
  'zh-CN': '简体中文',
  ar: 'العربية',
};

const rightToLeft = new Set<Locale>(['ar']);
export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (rightToLeft.has(locale) ? 'rtl' : 'ltr');

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

/** The closest product language to a BCP 47 tag: "es-MX" → "es", "zh-Hans-CN" → "zh-CN". */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  if (isLocale(tag)) return tag;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return /-(tw|hk|mo|hant)/.test(lower) ? null : 'zh-CN';
  const language = lower.split('-')[0];
  return isLocale(language) ? language : null;
}
