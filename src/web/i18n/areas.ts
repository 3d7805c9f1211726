/**
 * The catalogue areas, each its own chunk per language (what each is for: src/web/i18n/index.ts).
 * No imports, so that the catalogue test reads the same list as the app.
 */
export const areas = [
  'shared',
  'case-panels',
  'errors',
  'member',
  'sign-in',
  'hub',
  'request',
  'access-log',
  'account',
  'staff',
  'ops',
  'specialist',
  'imaging',
  'coverage',
  'feedback',
  'employers',
  'referrals',
  'outcomes',
  'records',
  'followups',
  'privacy',
  'planning',
] as const;
export type Area = (typeof areas)[number];
