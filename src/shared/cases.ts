import { z } from 'zod';
import { CountryCode, LanguageTag, PhoneNumber, PhoneNumberInput, TimeZone } from './identity.js';
import { WithoutReviewReason } from './opinion-layers.js';

export const caseStatuses = [
  'submitted',
  'assigned',
  'contacted',
  'gathering_information',
  'under_review',
  'opinion_ready',
  'recommendations_delivered',
  'monitoring',
  'closed',
  'withdrawn',
] as const;
export const CaseStatus = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const contactChannels = ['phone', 'video', 'message'] as const;
export const ContactChannel = z.enum(contactChannels);
export type ContactChannel = z.infer<typeof ContactChannel>;

export const contactOutcomes = ['reached', 'no_answer', 'left_message', 'rescheduled'] as const;
export const ContactOutcome = z.enum(contactOutcomes);

const text = (max: number) => z.string().trim().min(1).max(max);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 18:30' });

export const PreferredContactWindow = z
  .object({
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .max(7)
      .describe('0 = Sunday … 6 = Saturday, in the member’s time zone'),
    from: clockTime,
    to: clockTime,
  })
  .strict()
  .refine((window) => window.from < window.to, { message: 'must end after it starts', path: ['to'] });

export const FirstOpinion = z
  .object({
    doctorName: text(200).optional(),
    institution: text(200).optional(),
    country: CountryCode.optional(),
  })
  .strict();

export const CaseRequest = z
  .object({
    /** The member the opinion is for: the requester themselves, or a dependant they are guardian of. */
    memberId: z.uuid().optional(),
    concern: text(4000).describe('What worries the member, in their words'),
    diagnosisReceived: text(2000).optional(),
    treatmentPlanReceived: text(2000).optional(),
    firstOpinion: FirstOpinion.optional(),
    questions: z.array(text(1000)).min(1, { message: 'ask at least one question' }).max(10, {
      message: 'ask at most 10 questions',
    }),
    preferredLanguage: LanguageTag,
    contactChannel: ContactChannel,
    contactPhone: PhoneNumberInput.optional().describe(
      "The number to call, as the member writes it: local to `location.country`, or international with '+'. Stored in E.164; required when `contactChannel` is `phone`",
    ),
    timeZone: TimeZone,
    preferredContactWindows: z.array(PreferredContactWindow).max(14).default([]),
    location: z.object({ country: CountryCode, city: text(120) }).strict(),
  })
  .strict()
  .refine(
    (request) => request.diagnosisReceived !== undefined || request.treatmentPlanReceived !== undefined,
    {
      message: 'give the diagnosis, the treatment plan, or both',
      path: ['diagnosisReceived'],
    },
  )
  .refine((request) => request.contactChannel !== 'phone' || request.contactPhone !== undefined, {
    message: 'give the number to call',
    path: ['contactPhone'],
  });
export type CaseRequest = z.infer<typeof CaseRequest>;

export const CaseManagerSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  languages: z.array(z.string()),
});

export const CaseSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  status: CaseStatus,
  version: z.number().int(),
  member: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }),
  preferredLanguage: z.string(),
  interpreterNeeded: z.boolean(),
  caseManager: CaseManagerSummary.nullable(),
  submittedAt: z.iso.datetime(),
  firstContactDueAt: z.iso.datetime(),
  firstContactedAt: z.iso.datetime().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseDetail = CaseSummary.extend({
  firstContactDueAtLocal: z
    .string()
    .describe("The promised contact time in the member's time zone, ISO 8601 with its offset"),
  concern: z.string(),
  diagnosisReceived: z.string().nullable(),
  treatmentPlanReceived: z.string().nullable(),
  firstOpinion: z.object({
    doctorName: z.string().nullable(),
    institution: z.string().nullable(),
    country: z.string().nullable(),
  }),
  questions: z.array(z.string()),
  contactChannel: ContactChannel,
  contactPhone: PhoneNumber.nullable().describe(
    'The number the member asked to be called on; null when none was given',
  ),
  timeZone: z.string(),
  preferredContactWindows: z.array(PreferredContactWindow),
  location: z.object({ country: z.string(), city: z.string() }),
  closedAt: z.iso.datetime().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseEvent = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  type: z.string(),
  fromStatus: CaseStatus.nullable(),
  toStatus: CaseStatus.nullable(),
  actor: z.object({ role: z.string(), name: z.string().nullable() }),
  reason: z.string().nullable(),
  occurredAt: z.iso.datetime(),
});

export const VersionedWrite = z.object({ version: z.number().int().min(1) });

export const ContactRecord = z
  .object({
    version: z.number().int().min(1),
    channel: ContactChannel,
    contactedAt: z.iso.datetime({ message: 'must be an ISO 8601 time in UTC' }),
    outcome: ContactOutcome,
    privateNote: z.string().trim().max(4000).optional(),
  })
  .strict();

/** One entry of the contact log, as staff read it (the private note is never shown to the member). */
export const ContactEntry = z.object({
  id: z.uuid(),
  channel: ContactChannel,
  outcome: ContactOutcome,
  contactedAt: z.iso.datetime(),
  privateNote: z.string().nullable(),
  recordedBy: z.object({ id: z.uuid(), name: z.string().nullable() }),
  recordedAt: z.iso.datetime(),
});
export type ContactEntry = z.infer<typeof ContactEntry>;

export const Withdrawal = z.object({ version: z.number().int().min(1), reason: text(1000) }).strict();

export const Reassignment = z
  .object({ version: z.number().int().min(1), caseManagerId: z.uuid(), reason: text(1000) })
  .strict();

export const RecommendationsDraft = z
  .object({
    version: z.number().int().min(1),
    language: LanguageTag.optional().describe("Defaults to the case's preferred language"),
    body: z.string().trim().min(1).max(50_000).describe('Markdown; raw HTML and scripts are removed'),
    nextSteps: z.array(text(500)).max(20).default([]),
  })
  .strict();

export const Recommendations = z.object({
  language: z.string(),
  markdown: z.string(),
  html: z.string(),
  nextSteps: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  /** Delivered without a specialist review: the reason recorded from the fixed list. */
  withoutReviewReason: WithoutReviewReason.nullable(),
});

export const FollowUpPlan = z
  .object({
    version: z.number().int().min(1),
    dates: z
      .array(z.iso.datetime({ message: 'must be an ISO 8601 time in UTC' }))
      .max(52)
      .optional(),
    every: z
      .object({ days: z.number().int().min(1).max(365), count: z.number().int().min(1).max(52) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((plan) => (plan.dates?.length ?? 0) > 0 || plan.every !== undefined, {
    message: 'give dates, an interval, or both',
    path: ['dates'],
  });

export const FollowUp = z.object({
  id: z.uuid(),
  dueAt: z.iso.datetime(),
  status: z.enum(['scheduled', 'completed', 'missed', 'cancelled']),
  progress: z.string().nullable(),
  reportedAt: z.iso.datetime().nullable(),
});

export const ProgressReport = z.object({ progress: text(4000) }).strict();

export const Closure = z.object({ version: z.number().int().min(1), reason: text(1000) }).strict();

/**
 * Where the member joins a video call: an https address only (no other scheme, no bare IP
 * address or local name), which the invitation and the case page carry.
 */
export const MeetingUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, message: 'must be an https:// meeting link' })
  .max(2000);

export const CallProposal = z
  .object({
    channel: ContactChannel,
    meetingUrl: MeetingUrl.optional().describe('Required for a video call: the link the member joins by'),
    slots: z
      .array(
        z
          .object({
            startsAt: z.iso.datetime({ message: 'must be an ISO 8601 time in UTC' }),
            durationMinutes: z.number().int().min(10).max(120).default(30),
          })
          .strict(),
      )
      .min(1)
      .max(5),
  })
  .strict();

export const CallConfirmation = z
  .object({
    slot: z.number().int().min(0).max(4),
    meetingUrl: MeetingUrl.optional().describe(
      'The case manager only: the video meeting link, replacing the one proposed',
    ),
  })
  .strict();

export const ScheduledCall = z.object({
  id: z.uuid(),
  channel: ContactChannel,
  status: z.enum(['proposed', 'confirmed', 'cancelled']),
  slots: z.array(
    z.object({
      startsAt: z.iso.datetime(),
      durationMinutes: z.number().int(),
      /** The slot in the member's time zone, ISO 8601 with its offset. */
      startsAtLocal: z.string(),
    }),
  ),
  confirmedStartsAt: z.iso.datetime().nullable(),
  /** The video call's meeting link (https); null for a phone call. */
  meetingUrl: z.string().nullable(),
  timeZone: z.string(),
});
