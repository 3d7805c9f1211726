/**
 * The languages the member-facing product is written in; others may be spoken by staff. No zod
 * here: the web app's first bundle reads this list without the schemas.
 */
export const productLocales = ['en', 'fr', 'es', 'de', 'it', 'pt', 'zh-CN', 'ar'] as const;
export type ProductLocale = (typeof productLocales)[number];

/** The product language a BCP 47 tag is written in (`es-MX` → `es`, `zh` → `zh-CN`), if any. */
export function productLocaleOf(tag: string | null | undefined): ProductLocale | undefined {
  if (!tag) return undefined;
  const exact = productLocales.find((locale) => locale.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const base = tag.split(/[-_]/)[0]?.toLowerCase();
  return productLocales.find((locale) => locale.split('-')[0] === base);
}
