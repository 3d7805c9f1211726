import type { ReviewFlag, ReviewLanguage } from '../../../shared/feedback.js';
import { phoneNumbersIn } from '../../platform/phone.js';

/*
 * Automatic flags that help the moderator: what in a review's words looks like a phone number, an
 * e-mail address, the name of one of our staff, or a health detail. They decide nothing: the
 * moderator reads the review and decides. Words are compared without case or accents.
 */

/** Likely health terms, a short list per language (stems: "diagnos" finds "diagnosis", "diagnosed"). */
export const healthTerms: Record<ReviewLanguage, readonly string[]> = {
  en: [
    'cancer',
    'tumour',
    'tumor',
    'diabet',
    'chemo',
    'surgery',
    'diagnos',
    'depress',
    'hiv',
    'pregnan',
    'biops',
    'heart attack',
    'stroke',
    'leukaemia',
    'leukemia',
    'sclerosis',
    'dementia',
    'metasta',
    'radiotherapy',
    'transplant',
  ],
  es: [
    'cancer',
    'tumor',
    'diabet',
    'quimio',
    'cirugia',
    'diagnost',
    'depresion',
    'vih',
    'embaraz',
    'biopsia',
    'infarto',
    'ictus',
    'leucemia',
    'esclerosis',
    'demencia',
    'metasta',
    'radioterapia',
    'trasplante',
  ],
  fr: [
    'cancer',
    'tumeur',
    'diabet',
    'chimio',
    'chirurgie',
    'diagnost',
    'depression',
    'vih',
    'enceinte',
    'biopsie',
    'infarctus',
    'avc',
    'leucemie',
    'sclerose',
    'demence',
    'metasta',
    'radiotherapie',
    'greffe',
  ],
  de: [
    'krebs',
    'tumor',
    'diabet',
    'chemo',
    'operation',
    'diagnos',
    'depression',
    'hiv',
    'schwanger',
    'biopsie',
    'herzinfarkt',
    'schlaganfall',
    'leukamie',
    'sklerose',
    'demenz',
    'metasta',
    'bestrahlung',
    'transplant',
  ],
  it: [
    'cancro',
    'tumore',
    'diabet',
    'chemio',
    'chirurgi',
    'diagnos',
    'depressione',
    'hiv',
    'incinta',
    'biopsia',
    'infarto',
    'ictus',
    'leucemia',
    'sclerosi',
    'demenza',
    'metasta',
    'radioterapia',
    'trapianto',
  ],
  pt: [
    'cancro',
    'cancer',
    'tumor',
    'diabet',
    'quimio',
    'cirurgia',
    'diagnost',
    'depressao',
    'vih',
    'hiv',
    'gravida',
    'biopsia',
    'enfarte',
    'infarto',
    'avc',
    'leucemia',
    'esclerose',
    'demencia',
    'metasta',
    'radioterapia',
    'transplante',
  ],
  'zh-CN': [
    '癌',
    '肿瘤',
    '糖尿病',
    '化疗',
    '手术',
    '诊断',
    '抑郁',
    '艾滋',
    '怀孕',
    '活检',
    '心脏病',
    '中风',
    '白血病',
    '硬化',
    '痴呆',
    '转移',
    '放疗',
    '移植',
  ],
  ar: [
    'سرطان',
    'ورم',
    'السكري',
    'كيماوي',
    'جراحة',
    'عملية',
    'تشخيص',
    'اكتئاب',
    'الإيدز',
    'حامل',
    'خزعة',
    'نوبة قلبية',
    'سكتة',
    'لوكيميا',
    'تصلب',
    'خرف',
    'انتشار',
    'إشعاعي',
    'زراعة',
  ],
};

/** Where a language's numbers are most likely from, to read national phone numbers. */
const countriesOf: Record<ReviewLanguage, readonly string[]> = {
  en: ['GB', 'US'],
  es: ['ES', 'MX'],
  fr: ['FR'],
  de: ['DE'],
  it: ['IT'],
  pt: ['PT', 'BR'],
  'zh-CN': ['CN'],
  ar: ['AE', 'SA', 'EG'],
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Words in staff names that name nobody ("Dr", "Dra.", "Prof."). */
const TITLES = new Set(['dr', 'dra', 'prof', 'mr', 'mrs', 'ms', 'sr', 'sra', 'test']);

/** Lower case without accents or marks, so that "García" and "garcia" are one word. */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** Texts in scripts without spaces between words are searched for the term anywhere. */
const spaced = (term: string) => /^[\p{Script=Latin}\s]+$/u.test(term);

function termFound(folded: string, term: string): boolean {
  if (!spaced(term)) return folded.includes(term);
  // A stem matches the start of a word: "diagnos" finds "diagnosed", never "undiagnosed" mid-word.
  return new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/\s+/g, '\\s+')}`, 'u').test(folded);
}

/** The name parts worth looking for: the words of each staff name, titles and initials left out. */
function nameParts(staffNames: readonly string[]): string[] {
  const parts = new Set<string>();
  for (const name of staffNames) {
    for (const word of fold(name).split(/[^\p{L}'-]+/u)) {
      if (word.length >= 3 && !TITLES.has(word)) parts.add(word);
    }
  }
  return [...parts];
}

/** The flags of a review's title and text. */
export function flagReview(
  review: { title: string; text: string; language: ReviewLanguage },
  staffNames: readonly string[],
): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const parts = nameParts(staffNames);
  const terms = [...new Set(Object.values(healthTerms).flat().map(fold))];
  for (const field of ['title', 'text'] as const) {
    const words = review[field];
    const folded = fold(words);
    for (const match of words.match(EMAIL) ?? []) flags.push({ kind: 'email_address', field, match });
    const withoutEmails = words.replace(EMAIL, ' ');
    for (const match of phoneNumbersIn(withoutEmails, countriesOf[review.language]))
      flags.push({ kind: 'phone_number', field, match });
    for (const word of fold(withoutEmails).split(/[^\p{L}'-]+/u)) {
      if (
        parts.includes(word) &&
        !flags.some((flag) => flag.kind === 'staff_name' && fold(flag.match) === word)
      )
        flags.push({ kind: 'staff_name', field, match: originalOf(words, word) });
    }
    const found = terms.filter((term) => termFound(folded, term));
    // One flag per word: "diagnost" (Spanish) and "diagnos" (English) both find "diagnóstico".
    for (const term of found.filter(
      (term) => !found.some((other) => other !== term && other.startsWith(term)),
    ))
      flags.push({ kind: 'health_term', field, match: term });
  }
  return flags;
}

/** The word as the member wrote it (with its accents), found by its folded form. */
function originalOf(words: string, folded: string): string {
  return words.split(/[^\p{L}'-]+/u).find((word) => fold(word) === folded) ?? folded;
}
