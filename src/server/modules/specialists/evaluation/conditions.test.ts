import { describe, expect, it } from 'vitest';
import { icd10Chapters, resolveCondition, specialtyByCode } from '../../../../shared/specialists.js';
import { evaluationSet, sources } from './conditions.js';

describe('the matching evaluation set', () => {
  it('holds at least 100 conditions from every clinical chapter, children among them, about 30 % held out', () => {
    expect(evaluationSet.length).toBeGreaterThanOrEqual(100);
    const chapters = new Set(evaluationSet.map((entry) => resolveCondition(entry.condition)?.chapter.code));
    for (const chapter of icd10Chapters.filter((chapter) => chapter.code !== 'XX' && chapter.code !== 'XXII'))
      expect(chapters, chapter.code).toContain(chapter.code);
    expect(evaluationSet.filter((entry) => entry.age < 18).length).toBeGreaterThanOrEqual(30);
    const heldOut = evaluationSet.filter((entry) => entry.part === 'held-out').length / evaluationSet.length;
    expect(heldOut).toBeGreaterThan(0.25);
    expect(heldOut).toBeLessThan(0.4);
  });

  it('names real codes and a published source for each entry', () => {
    for (const entry of evaluationSet) {
      expect(resolveCondition(entry.condition), entry.condition).toBeDefined();
      expect(entry.accept.length, entry.condition).toBeGreaterThan(0);
      for (const code of entry.accept)
        expect(specialtyByCode(code), `${entry.condition} ${code}`).toBeDefined();
      expect(sources[entry.source]).toBeTruthy();
    }
  });
});
