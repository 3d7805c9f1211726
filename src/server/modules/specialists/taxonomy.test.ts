import { describe, expect, it } from 'vitest';
import {
  icd10Blocks,
  icd10Chapters,
  resolveCondition,
  specialtyByCode,
  specialtyLocales,
  specialtyName,
  specialtyTaxonomy,
} from '../../../shared/specialists.js';

describe('the specialty taxonomy', () => {
  it('has between 80 and 120 entries with unique codes, each sub-specialty under a specialty of its prefix', () => {
    expect(specialtyTaxonomy.length).toBeGreaterThanOrEqual(80);
    expect(specialtyTaxonomy.length).toBeLessThanOrEqual(120);
    expect(new Set(specialtyTaxonomy.map((entry) => entry.code)).size).toBe(specialtyTaxonomy.length);
    for (const entry of specialtyTaxonomy.filter((candidate) => candidate.parent !== null)) {
      expect(specialtyByCode(entry.parent as string)?.parent, entry.code).toBeNull();
      expect(entry.code.startsWith(`${entry.parent}-`), entry.code).toBe(true);
    }
  });

  it('names every entry in the eight languages, none left in English outside English', () => {
    for (const entry of specialtyTaxonomy) {
      for (const locale of specialtyLocales)
        expect(entry.names[locale].trim(), `${entry.code} ${locale}`).not.toBe('');
      expect(entry.names['zh-CN'], entry.code).not.toBe(entry.names.en);
      expect(entry.names.ar, entry.code).not.toBe(entry.names.en);
    }
    expect(specialtyName('IM-CARD', 'de')).toBe('Kardiologie');
    expect(specialtyName('IM-CARD', 'sw')).toBe('Cardiovascular disease');
  });
});

describe('ICD-10 chapters and blocks', () => {
  it('has the 22 chapters, blocks in each, and only known specialties in the mapping', () => {
    expect(icd10Chapters).toHaveLength(22);
    for (const chapter of icd10Chapters) {
      expect(
        icd10Blocks.some((block) => block.chapter === chapter.code),
        chapter.code,
      ).toBe(true);
    }
    for (const mapped of [...icd10Chapters, ...icd10Blocks]) {
      expect(mapped.specialties.length, mapped.code).toBeGreaterThan(0);
      for (const code of mapped.specialties)
        expect(specialtyByCode(code), `${mapped.code} → ${code}`).toBeDefined();
    }
    expect(new Set(icd10Blocks.map((block) => block.code)).size).toBe(icd10Blocks.length);
  });

  it('resolves a chapter, a block, a category and a subcategory, and refuses what is none of them', () => {
    expect(resolveCondition('II')?.block).toBeNull();
    expect(resolveCondition('C00-C14')?.block?.code).toBe('C00-C14');
    expect(resolveCondition('c50')?.block?.code).toBe('C50-C50');
    expect(resolveCondition('I21.4')?.block?.code).toBe('I20-I25');
    expect(resolveCondition('I21.4')?.chapter.code).toBe('IX');
    expect(resolveCondition('T36')?.chapter.code).toBe('XIX');
    expect(resolveCondition('C42')).toBeUndefined(); // no block holds C42
    expect(resolveCondition('Z9Z')).toBeUndefined();
    expect(resolveCondition('XXIII')).toBeUndefined();
  });
});
