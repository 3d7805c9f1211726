/**
 * The languages the member-facing product is written in; others may be spoken by staff. No zod
 * here: the web app's first bundle reads this list without the schemas.
 */
export const productLocales = ['en', 'fr', 'es', 'de', 'it', 'pt', 'zh-CN', 'ar'] as const;
