/**
 * The referrals room's public face. Nothing yet: no other room needs its referrals (the letter
 * template it writes with is the platform's, `platform/pdf/letter.ts`).
 */
export {};
