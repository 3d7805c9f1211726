import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { useEffect, useState } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { compiledIcu } from './compiled';
import type { Area } from './areas';
import { directionOf, isLocale, locales, matchLocale, type Locale } from './locales';

/**
 * i18next with ICU messages compiled at build time (`compiled.ts`: no ICU parser in the browser).
 * The catalogues are split by area, each area of each language its own chunk:
 * - `shared`: every page (the layout, the case page above the fold and what it is built of);
 * - `case-panels`: the case page's panels below the fold, loaded with their chunk;
 * - `errors`: the words of each error code, loaded with every page but the case page, which
 *   fetches it after it is on screen (ErrorNotice says something generic until it is there);
 * - `member`: the profile, and the words more than one member page uses (contact times...);
 * - one area per member page for its own words: `sign-in` (and sign-up), `hub`, `request`,
 *   `access-log`, and `account` (password, the steps of two-step sign-in, which the profile
 *   loads with their chunk);
 * - `staff`, `ops`, `specialist`: the workspace, the operations console, the review desk.
 * So a member opening their case first downloads their language's `shared` catalogue, and never
 * anything of the staff's. No fallback language is needed, since every catalogue has every key
 * (src/web/i18n/catalogue.test.ts fails otherwise, and when a page asks for a key of an area it
 * does not load).
 */
export type { Area } from './areas';

const catalogues = import.meta.glob<{ default: ResourceKey }>('./locales/*/*.json');

async function readCatalogues(locale: Locale, wanted: readonly Area[]): Promise<Record<string, unknown>> {
  const modules = await Promise.all(
    wanted.map((area) => {
      const load = catalogues[`./locales/${area}/${locale}.json`];
      if (!load) throw new Error(`no ${area} catalogue for ${locale}`);
      return load();
    }),
  );
  return Object.assign({}, ...modules.map((module) => module.default));
}

/** The areas the pages opened so far need; a language chosen later is loaded with all of them. */
const inUse = new Set<Area>(['shared']);
const loaded = new Map<Locale, Set<Area>>();

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    const locale = isLocale(language) ? language : 'en';
    const read = async () => {
      const present = new Set<Area>();
      let messages: Record<string, unknown> = {};
      // A page may need another area while this language is on its way: read until none is missing.
      for (
        let missing = [...inUse];
        missing.length > 0;
        missing = [...inUse].filter((a) => !present.has(a))
      ) {
        messages = { ...messages, ...(await readCatalogues(locale, missing)) };
        for (const area of missing) present.add(area);
      }
      loaded.set(locale, present);
      return messages;
    };
    read().then(
      (messages) => callback(null, messages as ResourceKey),
      (error: unknown) => callback(error as Error, false),
    );
  },
};

/**
 * Loads the catalogues of the areas a page needs, in every language already loaded, before the
 * page renders (the router's `lazy` awaits it beside the page's own code).
 */
export async function loadAreas(needed: readonly Area[]): Promise<void> {
  for (const area of needed) inUse.add(area);
  await Promise.all(
    [...loaded].map(async ([locale, present]) => {
      const missing = needed.filter((area) => !present.has(area));
      if (missing.length === 0) return;
      const messages = await readCatalogues(locale, missing);
      i18next.addResourceBundle(locale, 'translation', messages, false, true);
      for (const area of missing) present.add(area);
    }),
  );
}

/**
 * Starts loading areas a page may need later without waiting: the forms ask for the error words
 * when they are first used, so that a refused submission is already shown in specific words.
 */
export function warmAreas(needed: readonly Area[]): void {
  // A failure shows as the generic words, and is tried again when the words are needed.
  loadAreas(needed).catch(() => undefined);
}

/** Whether the areas' words are there in the current language; if not, they are fetched and the caller re-renders. */
export function useAreas(needed: readonly Area[]): boolean {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'en';
  const ready = needed.every((area) => loaded.get(locale)?.has(area));
  const [, setArrived] = useState(0);
  const key = needed.join(',');
  useEffect(() => {
    if (ready) return;
    let current = true;
    void loadAreas(key.split(',') as Area[]).then(() => {
      if (current) setArrived((count) => count + 1);
    });
    return () => {
      current = false;
    };
  }, [ready, key, locale]);
  return ready;
}

const STORAGE_KEY = 'consilium.locale';

/** The language chosen on this device before signing in (or the browser's own). */
export function deviceLocale(): Locale {
  try {
    const saved = matchLocale(localStorage.getItem(STORAGE_KEY));
    if (saved) return saved;
  } catch {
    // Storage may be unavailable (private mode): the browser's languages decide.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

export function rememberDeviceLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered on this device; the choice still applies now.
  }
}

/** Sets <html lang dir> so that screen readers, fonts and the layout follow the language. */
function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

export async function setupI18n(): Promise<typeof i18next> {
  const initial = deviceLocale();
  await i18next
    .use(lazyCatalogues)
    .use(compiledIcu)
    .use(initReactI18next)
    .init({
      lng: initial,
      fallbackLng: false,
      supportedLngs: [...locales],
      load: 'currentOnly',
      // Keys are flat ("timeline.heading"); error keys hold the API's dotted codes.
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
      returnNull: false,
    });
  applyToDocument(initial);
  i18next.on('languageChanged', (language) => {
    if (isLocale(language)) applyToDocument(language);
  });
  return i18next;
}

export const currentLocale = (): Locale => (isLocale(i18next.language) ? i18next.language : 'en');
