/**
 * The plain-language check of a summary for the member: hints, never a refusal. No maintained
 * library measures readability across the product's eight languages (the readability formulas
 * published as packages are English-only, or count syllables of one language), so this is a
 * small heuristic on the segmentation the JavaScript engine already carries (`Intl.Segmenter`,
 * ICU's sentence and word boundaries, which also split Chinese into words):
 *
 * - a sentence is long past a number of words (alphabetic scripts: plain-language guides for
 *   patients aim at 15 to 20 words); in Chinese, where the readers count characters, past a
 *   number of Han characters (plain-language guides for Chinese aim at 25 to 30 per sentence);
 * - a word is long (and most likely rare to a lay reader: Latin and Greek medical terms,
 *   compounds) past a number of letters for its language; Chinese has no such hint: a long word
 *   there is not a mark of a hard one.
 *
 * Used live by the case manager's summary editor (docs/opinion-layers.md).
 */

export interface PlainLanguageRule {
  /** Words per sentence (or Han characters, for Chinese) past which a sentence is long. */
  sentenceLimit: number;
  sentenceUnit: 'words' | 'characters';
  /** Letters past which a word is long; null where the language has no such hint. */
  longWord: number | null;
}

/** Thresholds per language: German compounds and Arabic's attached articles make words longer. */
const rules: Record<string, PlainLanguageRule> = {
  en: { sentenceLimit: 20, sentenceUnit: 'words', longWord: 13 },
  fr: { sentenceLimit: 22, sentenceUnit: 'words', longWord: 14 },
  es: { sentenceLimit: 22, sentenceUnit: 'words', longWord: 14 },
  it: { sentenceLimit: 22, sentenceUnit: 'words', longWord: 14 },
  pt: { sentenceLimit: 22, sentenceUnit: 'words', longWord: 14 },
  de: { sentenceLimit: 18, sentenceUnit: 'words', longWord: 18 },
  ar: { sentenceLimit: 20, sentenceUnit: 'words', longWord: 11 },
  zh: { sentenceLimit: 30, sentenceUnit: 'characters', longWord: null },
};

export function plainLanguageRule(language: string): PlainLanguageRule {
  const base = language.split(/[-_]/)[0]?.toLowerCase() ?? 'en';
  return rules[base] ?? rules.en!;
}

export interface PlainLanguageHints {
  sentences: number;
  /** The longest sentence, in the rule's unit. */
  longestSentence: number;
  /** Sentences past the limit: where they start in the text, and their length in the rule's unit. */
  longSentences: { start: number; length: number; text: string }[];
  /** Long words, each once, in the order they first appear. */
  longWords: string[];
  rule: PlainLanguageRule;
}

const han = /\p{Script=Han}/gu;
const letters = /[\p{L}\p{M}]/gu;

/** The hints for a text in a language. Pure: the same text gives the same hints on both sides. */
export function plainLanguageHints(text: string, language: string): PlainLanguageHints {
  const rule = plainLanguageRule(language);
  const sentenceSegmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const wordSegmenter = new Intl.Segmenter(language, { granularity: 'word' });
  const longSentences: PlainLanguageHints['longSentences'] = [];
  const longWords = new Set<string>();
  let sentences = 0;
  let longestSentence = 0;
  for (const { segment, index } of sentenceSegmenter.segment(text)) {
    const trimmed = segment.trim();
    if (!trimmed) continue;
    sentences += 1;
    let words = 0;
    for (const word of wordSegmenter.segment(trimmed)) {
      if (!word.isWordLike) continue;
      words += 1;
      const length = word.segment.match(letters)?.length ?? 0;
      if (rule.longWord !== null && length > rule.longWord && !/\d/.test(word.segment))
        longWords.add(word.segment);
    }
    const length = rule.sentenceUnit === 'characters' ? (trimmed.match(han)?.length ?? 0) : words;
    longestSentence = Math.max(longestSentence, length);
    if (length > rule.sentenceLimit) longSentences.push({ start: index, length, text: trimmed });
  }
  return { sentences, longestSentence, longSentences, longWords: [...longWords], rule };
}
