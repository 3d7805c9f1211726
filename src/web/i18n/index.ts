import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { directionOf, isLocale, locales, matchLocale, type Locale } from './locales';

/**
 * i18next with ICU messages. Every catalogue, English included, is its own chunk, fetched when its
 * language is chosen: a Spanish reader does not download English. No fallback language is needed,
 * since every catalogue has every key (src/web/i18n/catalogue.test.ts fails otherwise).
 */
const loaders: Record<Locale, () => Promise<{ default: ResourceKey }>> = {
  en: () => import('./locales/en.json'),
  fr: () => import('./locales/fr.json'),
  es: () => import('./locales/es.json'),
  de: () => import('./locales/de.json'),
  it: () => import('./locales/it.json'),
  pt: () => import('./locales/pt.json'),
  'zh-CN': () => import('./locales/zh-CN.json'),
  ar: () => import('./locales/ar.json'),
};

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    loaders[isLocale(language) ? language : 'en']().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error as Error, false),
    );
  },
};

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
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: initial,
      fallbackLng: false,
      supportedLngs: [...locales],
      load: 'currentOnly',
      // Keys are flat ("hub.services.heading"); error keys hold the API's dotted codes.
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
