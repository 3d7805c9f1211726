/**
 * ICU messages compiled at build time (see `compile.ts`) and formatted here, in the browser, with
 * `Intl` alone: no ICU parser is shipped. The catalogues use arguments, `number` and `plural`
 * (with `#`); anything else is refused when the catalogue is compiled.
 *
 * A compiled message is its text when it has no argument, else a list of parts:
 * - a string: literal text;
 * - `0`: the `#` of the plural around it;
 * - `[name]`: an argument; `[name, 1]`: an argument as a number;
 * - `[name, 2 | 3, offset, options]`: a cardinal (2) or ordinal (3) plural, its options compiled.
 */
export type CompiledPart =
  | string
  | 0
  | [name: string]
  | [name: string, kind: 1]
  | [name: string, kind: 2 | 3, offset: number, options: Record<string, CompiledMessage>];
export type CompiledMessage = string | CompiledPart[];

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

function pluralRule(locale: string, type: Intl.PluralRuleType): Intl.PluralRules {
  const key = `${locale}|${type}`;
  let rules = pluralRules.get(key);
  if (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(locale, { type })));
  return rules;
}

/** The message with its values, as `IntlMessageFormat#format` would write it. */
export function formatCompiled(
  message: CompiledMessage,
  values: Record<string, unknown>,
  locale: string,
  pluralValue?: number,
): string {
  if (typeof message === 'string') return message;
  let text = '';
  for (const part of message) {
    if (typeof part === 'string') {
      text += part;
    } else if (part === 0) {
      if (pluralValue !== undefined) text += numberFormat(locale).format(pluralValue);
    } else {
      const value = values[part[0]];
      if (part.length === 1) {
        text += typeof value === 'string' || typeof value === 'number' ? String(value) : '';
      } else if (part.length === 2) {
        text += numberFormat(locale).format(value as number);
      } else {
        const [, kind, offset, options] = part;
        const count = Number(value);
        const chosen =
          options[`=${count}`] ??
          options[pluralRule(locale, kind === 3 ? 'ordinal' : 'cardinal').select(count - offset)] ??
          options.other ??
          '';
        text += formatCompiled(chosen, values, locale, count - offset);
      }
    }
  }
  return text;
}

/**
 * An i18next formatter for compiled catalogues: i18next finds the key (flat keys, one namespace)
 * and hands the compiled message here. Plural keys are ICU's business, so no suffixed keys are
 * looked up.
 */
export const compiledIcu = {
  type: 'i18nFormat' as const,
  // A compiled message may be a list: i18next passes it here instead of treating it as an object.
  handleAsObject: false,
  init() {},
  parse(message: unknown, values: Record<string, unknown>, locale: string): string {
    return formatCompiled(message as CompiledMessage, values ?? {}, locale);
  },
  addLookupKeys(finalKeys: string[]): string[] {
    return finalKeys;
  },
};
