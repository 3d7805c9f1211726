import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the referrals room writes to the audit trail. Details name what was done, never the
 * service, the condition, the facility or an amount.
 */
export const referralsAuditEvents = [
  event('referral.created', z.object({ preauthorisationRequested: z.boolean() }).strict()),
  event('referral.read', none),
  event('referral.withdrawn', z.object({ preauthorisationCancelled: z.boolean() }).strict()),
  event('referral_letter.read', none),
  event('preauthorisation.read', none),
  event(
    'preauthorisation.decided',
    z
      .object({
        decision: z.enum(['first_approval', 'approved', 'declined', 'information_requested']),
      })
      .strict(),
  ),
  event('preauthorisation.information_given', none),
  event('guarantee_letter.read', none),
] as const;
