/* No imports: the member's first bundle reads this list (the case stream) without zod. */

/** The case stream's events of a referral (`GET /api/v1/cases/:id/stream`): the reader fetches the referral again. */
export const referralStreamEvents = [
  'referral.created',
  'referral.withdrawn',
  'preauthorisation.requested',
  'preauthorisation.first_approval',
  'preauthorisation.approved',
  'preauthorisation.declined',
  'preauthorisation.information_requested',
  'preauthorisation.information_given',
] as const;
export type ReferralStreamEvent = (typeof referralStreamEvents)[number];
export const isReferralStreamEvent = (type: string): type is ReferralStreamEvent =>
  (referralStreamEvents as readonly string[]).includes(type);
