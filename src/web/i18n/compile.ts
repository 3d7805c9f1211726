import { IntlMessageFormat } from 'intl-messageformat';
import type { CompiledMessage, CompiledPart } from './compiled.js';

/**
 * Compiles a catalogue's ICU messages for `compiled.ts`, at build time (the Vite plugin in
 * vite.config.ts) and in the catalogue test. Refuses what the browser's formatter does not do
 * (select, dates, times, tags, number styles), naming the key.
 */
type Ast = ReturnType<IntlMessageFormat['getAst']>;

// The parser's element types.
const LITERAL = 0;
const ARGUMENT = 1;
const NUMBER = 2;
const PLURAL = 6;
const POUND = 7;

function compileAst(ast: Ast, key: string): CompiledMessage {
  const parts: CompiledPart[] = [];
  for (const element of ast) {
    if (element.type === LITERAL) {
      const last = parts.at(-1);
      if (typeof last === 'string') parts[parts.length - 1] = last + element.value;
      else parts.push(element.value);
    } else if (element.type === POUND) {
      parts.push(0);
    } else if (element.type === ARGUMENT) {
      parts.push([element.value]);
    } else if (element.type === NUMBER && !element.style) {
      parts.push([element.value, 1]);
    } else if (element.type === PLURAL) {
      const options: Record<string, CompiledMessage> = {};
      for (const [selector, option] of Object.entries(element.options)) {
        options[selector] = compileAst(option.value, key);
      }
      parts.push([element.value, element.pluralType === 'ordinal' ? 3 : 2, element.offset, options]);
    } else {
      throw new Error(
        `${key}: this ICU element (type ${element.type}) is not supported by the app's formatter`,
      );
    }
  }
  if (parts.length === 0) return '';
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  return parts;
}

export function compileMessage(message: string, locale: string, key: string): CompiledMessage {
  return compileAst(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst(), key);
}

export function compileCatalogue(
  messages: Record<string, string>,
  locale: string,
): Record<string, CompiledMessage> {
  return Object.fromEntries(
    Object.entries(messages).map(([key, message]) => [key, compileMessage(message, locale, key)]),
  );
}
