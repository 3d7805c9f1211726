import { z } from 'zod';
import { CaseStatus } from './cases.js';

/** How a case awaiting its first contact stands against the 24-hour promise. */
export const deadlineStandings = ['on_track', 'at_risk', 'breached'] as const;
export const DeadlineStanding = z.enum(deadlineStandings);
export type DeadlineStanding = z.infer<typeof DeadlineStanding>;

const FirstContactWindow = z.object({
  days: z.number().int(),
  /** Cases submitted in the window whose outcome is known: contacted, or their deadline passed. */
  decided: z.number().int(),
  /** Of those, contacted by the deadline. */
  withinPromise: z.number().int(),
  /** withinPromise / decided, 0–1; null when nothing was decided yet. */
  rate: z.number().nullable(),
  /** Time from submission to first contact of the cases contacted in the window, in minutes. */
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});

export const SlaDashboard = z.object({
  generatedAt: z.iso.datetime(),
  /** How long before the deadline a case counts as at risk (SLA_WARNING_HOURS_BEFORE). */
  warningHoursBefore: z.number(),
  openByStatus: z.array(z.object({ status: CaseStatus, count: z.number().int() })),
  awaitingFirstContact: z.object({
    onTrack: z.number().int(),
    atRisk: z.number().int(),
    breached: z.number().int(),
  }),
  /** The cases at risk or breached, most overdue first (at most 100): what operations act on. */
  attention: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      status: CaseStatus,
      standing: DeadlineStanding,
      preferredLanguage: z.string(),
      interpreterNeeded: z.boolean(),
      firstContactDueAt: z.iso.datetime(),
      version: z.number().int(),
      caseManager: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
  ),
  firstContact: z.object({ last7Days: FirstContactWindow, last30Days: FirstContactWindow }),
  workload: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      languages: z.array(z.string()),
      openCases: z.number().int(),
      maxOpenCases: z.number().int(),
      disabled: z.boolean(),
    }),
  ),
});
export type SlaDashboard = z.infer<typeof SlaDashboard>;

/** The service levels the clocks run on, so that screens show the same thresholds. */
export const SlaSettingsView = z.object({
  firstContactHours: z.number(),
  warningHoursBefore: z.number(),
  escalationHoursBefore: z.number(),
});
export type SlaSettingsView = z.infer<typeof SlaSettingsView>;
