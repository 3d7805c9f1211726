import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the identity room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const identityAuditEvents = [
  event('account.registered', z.object({ via: z.literal('membership_proof') }).strict()),
  event('account.registration_refused', z.object({ reason: z.string() }).strict()),
  event('staff.created', z.object({ role: z.string(), specialistId: z.string().optional() }).strict()),
  event('staff.updated', z.object({ fields: z.array(z.string()) }).strict()),
  /** Operations gave a staff member a new temporary password; their sessions ended. */
  event('staff.password_reset', none),
  event('staff.absence_added', none),
  event('staff.absence_removed', none),
  event('account.disabled', none),
  event('account.password_changed', none),
  /** Someone asked for a reset link for this account (the e-mail went to its owner). */
  event('account.password_reset_requested', none),
  /** A password chosen through a reset link; every session of the account ended. */
  event('account.password_reset', none),
  /** A link to confirm the account's e-mail address was sent (at sign-up or asked again). */
  event('account.email_verification_sent', none),
  /** The owner of the address followed the link: the address is confirmed. */
  event('account.email_verified', none),
  event('account.enabled', none),
  /** An operator marked the account as a test account (its figures never count), or took the mark off. */
  event('account.test_mark_changed', z.object({ testAccount: z.boolean() }).strict()),
  event('profile.read', none),
  event('profile.updated', z.object({ fields: z.array(z.string()) }).strict()),
] as const;
