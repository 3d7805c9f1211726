import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { productLocales } from '../../shared/identity.js';

/**
 * The catalogues are complete and exact: every language has every key of the English reference
 * and no other, every message is valid ICU with the same placeholders as the English one, every
 * key is used by the code, and every key the code uses exists.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..');

type Catalogue = Record<string, string>;
const catalogue = (locale: string): Catalogue =>
  JSON.parse(readFileSync(path.join(here, 'locales', `${locale}.json`), 'utf8')) as Catalogue;
const reference = catalogue('en');
const referenceKeys = Object.keys(reference).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [full] : [];
  });
}
const code = sourceFiles(webRoot)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

type Ast = ReturnType<IntlMessageFormat['getAst']>;
/** The names of a message's arguments ({name}, {count, plural, …}), nested ones included. */
function argumentsOf(ast: Ast, found = new Set<string>()): Set<string> {
  for (const element of ast) {
    if ('value' in element && typeof element.value === 'string' && element.type !== 0)
      found.add(element.value);
    if ('options' in element && element.options) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

describe('the message catalogues', () => {
  it('exist for every product language', () => {
    const files = readdirSync(path.join(here, 'locales'))
      .map((file) => file.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...productLocales].sort());
  });

  for (const locale of productLocales) {
    it(`${locale}: has exactly the English keys, each a valid ICU message with the same placeholders`, () => {
      const messages = catalogue(locale);
      const keys = Object.keys(messages).sort();
      expect(
        referenceKeys.filter((key) => !(key in messages)),
        'missing keys',
      ).toEqual([]);
      expect(
        keys.filter((key) => !(key in reference)),
        'keys not in English',
      ).toEqual([]);
      for (const key of keys) {
        const message = messages[key]!;
        expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
        const format = new IntlMessageFormat(message, locale);
        const english = new IntlMessageFormat(reference[key]!, 'en');
        expect([...argumentsOf(format.getAst())].sort(), `${locale} ${key} placeholders`).toEqual(
          [...argumentsOf(english.getAst())].sort(),
        );
      }
    });
  }

  it('has no key the code never uses', () => {
    const unused = referenceKeys.filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it('has every key the code asks for', () => {
    const asked = [...code.matchAll(/\bt\(\s*'([^']+)'/g)].map((match) => match[1]!);
    expect(asked.length).toBeGreaterThan(20);
    expect(asked.filter((key) => !(key in reference))).toEqual([]);
  });
});
