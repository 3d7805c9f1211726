import type { WeeklyShift } from '../../../../shared/identity.js';
import type { Distribution } from '../../../../shared/planning.js';

/*
 * The simulator's inputs, as plain data: numbers (milliseconds since the epoch), strings and
 * arrays, no Date, no class. A run can be handed to a worker thread as it is (structured clone),
 * and a planner can run the same requests against many rosters.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** One case manager of the roster. */
export interface SimCaseManager {
  id: string;
  languages: string[];
  timeZone: string;
  weeklyShifts: WeeklyShift[];
  absences: { startsAt: number; endsAt: number }[];
  maxOpenCases: number;
  /** Open cases held when the run starts. */
  openCases: number;
}

/** Expected requests per hour of the week (hour 0 = Monday 00:00–01:00 UTC), per country and language. */
export interface Forecast {
  streams: { country: string; language: string; perHourOfWeek: number[] }[];
}

/** One member's request, with the chance parts of its handling drawn once for every rule and roster. */
export interface SimRequest {
  at: number;
  country: string;
  language: string;
  /** Work on shift the first contact takes. */
  contactMs: number;
  /** How long the case holds its place after the first contact. */
  caseLengthMs: number;
}

export interface SimulationRun {
  /** The reported window: requests submitted in [startsAt, endsAt) are counted. */
  startsAt: number;
  endsAt: number;
  /** The share to be contacted within 24 hours; hours of the week below it are reported. */
  target: number;
  roster: SimCaseManager[];
  /** Sorted by `at`; those before `startsAt` are the warm-up. */
  requests: SimRequest[];
}

export interface HandlingTimes {
  firstContactMinutes: Distribution;
  caseLengthDays: Distribution;
}

/** What happened to one request (kept on demand: tests and validation read it). */
export interface CaseOutcome {
  at: number;
  language: string;
  country: string;
  /** The case manager who made the first contact, or holds the case; `null` if nobody did. */
  caseManager: string | null;
  interpreter: boolean;
  assignedAt: number | null;
  /** When the case manager began the first-contact work. */
  startedAt: number | null;
  contactedAt: number | null;
  rescued: boolean;
}
