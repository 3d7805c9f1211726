import { describe, expect, it } from 'vitest';
import { plainLanguageHints } from './plain-language.js';

describe('the plain-language hints a case manager sees while writing the summary', () => {
  it('in English: a long sentence and its long words are pointed out; short plain ones are not', () => {
    const plain = plainLanguageHints('Chemotherapy comes first. Then surgery may be possible.', 'en');
    expect(plain).toMatchObject({ sentences: 2, longSentences: [], longWords: [] });
    expect(plain.longestSentence).toBe(5);

    const long =
      'The multidisciplinary team recommends neoadjuvant chemotherapy followed by a reassessment of resectability with contrast-enhanced imaging before any decision about pancreaticoduodenectomy is taken by your surgeons.';
    const hints = plainLanguageHints(long, 'en');
    expect(hints.longSentences).toHaveLength(1);
    expect(hints.longSentences[0]!.length).toBeGreaterThan(20);
    // Past 13 letters: "resectability" (13) and "chemotherapy" (12) are not hinted.
    expect(hints.longWords).toEqual(['multidisciplinary', 'pancreaticoduodenectomy']);
  });

  it('in German, compounds need more letters before they count as long', () => {
    expect(plainLanguageHints('Die Bauchspeicheldrüse wird untersucht.', 'de').longWords).toEqual([]);
    expect(plainLanguageHints('Eine Pankreaskopfresektionsplanung folgt.', 'de').longWords).toEqual([
      'Pankreaskopfresektionsplanung',
    ]);
  });

  it('in Chinese, a sentence is measured in characters and no word is hinted for its length', () => {
    const short = plainLanguageHints('先做化疗。化疗后，手术可能可行。', 'zh-CN');
    expect(short).toMatchObject({ sentences: 2, longSentences: [], longWords: [] });
    expect(short.rule.sentenceUnit).toBe('characters');
    const long = plainLanguageHints(
      '多学科团队建议先进行新辅助化疗然后通过增强影像重新评估肿瘤的可切除性再由外科医生决定是否进行胰十二指肠切除术。',
      'zh-CN',
    );
    expect(long.longSentences).toHaveLength(1);
    expect(long.longestSentence).toBeGreaterThan(30);
  });

  it('doses and codes are not hinted as long words; an empty text has no sentence', () => {
    expect(plainLanguageHints('Take 1250000000 units of ICD-10 C25.0 care.', 'en').longWords).toEqual([]);
    expect(plainLanguageHints('   ', 'fr')).toMatchObject({ sentences: 0, longestSentence: 0 });
  });
});
