import { describe, expect, it } from 'vitest';
import { planningCatalogues } from './index.js';

/** Every key of a catalogue, with its text. */
function entries(catalogue: object, prefix = ''): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : entries(value as object, `${prefix}${key}.`),
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
const english = new Map(entries(planningCatalogues.en));

describe('the planning commands’ texts', () => {
  it.each(Object.entries(planningCatalogues).filter(([locale]) => locale !== 'en'))(
    '%s has every English text, with the same figures to fill in',
    (_, catalogue) => {
      const texts = new Map(entries(catalogue));
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of texts) {
        expect(placeholders(text), key).toEqual(placeholders(english.get(key)!));
        expect(text.trim(), key).not.toBe('');
      }
    },
  );
});
