import { z } from 'zod';
import { CountryCode, LanguageTag, TimeZone, WeeklyShift } from './identity.js';

/*
 * The planning room's scenario file (docs/planning.md): a forecast of requests and a roster of case
 * managers, which the simulator runs under the real assignment rule and 24-hour clocks. Every size
 * is capped so that a hostile or mistaken file is refused at once instead of running for hours.
 */

export const HOURS_IN_WEEK = 168;

/** The most requests a scenario may forecast over its whole run, warm-up included. */
export const MAX_SCENARIO_ARRIVALS = 200_000;
/** The most case managers a roster may hold, counting every `count`. */
export const MAX_ROSTER_SIZE = 2_000;
/**
 * The most requests × case managers a run may ask the ranking about (each request may weigh every
 * case manager): a few minutes at worst. A month at 3,000 requests a day with 200 case managers
 * is 18 million.
 */
export const MAX_SIMULATION_WORK = 40_000_000;

const positive = (max: number) => z.number().positive().max(max);
const nonNegative = (max: number) => z.number().min(0).max(max);

/** A duration, as a distribution; the unit is the one the field's name says (minutes, days). */
export const Distribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: nonNegative(10_000) }).strict(),
  z.object({ kind: z.literal('exponential'), mean: positive(10_000) }).strict(),
  z
    .object({ kind: z.literal('lognormal'), median: positive(10_000), p90: positive(10_000) })
    .strict()
    .refine((value) => value.p90 > value.median, {
      message: 'p90 must be more than the median',
      path: ['p90'],
    }),
  z
    .object({ kind: z.literal('uniform'), min: nonNegative(10_000), max: positive(10_000) })
    .strict()
    .refine((value) => value.max > value.min, { message: 'max must be more than min', path: ['max'] }),
]);
export type Distribution = z.infer<typeof Distribution>;

const HourOfWeekFigures = z.array(nonNegative(10_000)).length(HOURS_IN_WEEK, {
  message: 'must hold 168 figures, one per hour of the week from Monday 00:00 UTC',
});

/** The requests of one country in one language: by hour of the week, or a weekly total. */
export const ArrivalStream = z
  .object({
    country: CountryCode,
    language: LanguageTag,
    perWeek: nonNegative(MAX_SCENARIO_ARRIVALS).optional().describe('Requests a week, spread by weekProfile'),
    perHourOfWeek: HourOfWeekFigures.optional().describe(
      'Expected requests in each hour of the week, hour 0 = Monday 00:00–01:00 UTC',
    ),
  })
  .strict()
  .refine((value) => (value.perWeek === undefined) !== (value.perHourOfWeek === undefined), {
    message: 'give either perWeek or perHourOfWeek',
  });
export type ArrivalStream = z.infer<typeof ArrivalStream>;

const Instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date and time, such as 2026-11-02T00:00:00Z',
});

export const RosterEntry = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, {
        message: 'must be 1 to 64 letters, digits, dots, dashes or underscores',
      })
      .describe('A label for the case manager (or the group, with count); never a name'),
    count: z.number().int().min(1).max(MAX_ROSTER_SIZE).default(1).describe('This many alike'),
    languages: z.array(LanguageTag).min(1).max(10),
    timeZone: TimeZone,
    weeklyShifts: z.array(WeeklyShift).max(50),
    absences: z
      .array(
        z
          .object({ startsAt: Instant, endsAt: Instant })
          .strict()
          .refine((value) => Date.parse(value.endsAt) > Date.parse(value.startsAt), {
            message: 'endsAt must be after startsAt',
            path: ['endsAt'],
          }),
      )
      .max(50)
      .default([]),
    maxOpenCases: z.number().int().min(1).max(500),
    openCases: z.number().int().min(0).max(500).default(0).describe('Open cases held when the run starts'),
  })
  .strict();
export type RosterEntry = z.infer<typeof RosterEntry>;

export const Scenario = z
  .object({
    startsAt: Instant.refine(
      (value) => {
        const at = new Date(value);
        return at.getUTCDay() === 1 && at.getTime() % 3_600_000 === 0 && at.getUTCHours() === 0;
      },
      { message: 'must be a Monday at 00:00 UTC' },
    ),
    weeks: z.number().int().min(1).max(4).default(1),
    warmupDays: z
      .number()
      .int()
      .min(0)
      .max(7)
      .default(3)
      .describe('Days simulated before startsAt and left out of the report, so the run starts with queues'),
    seed: z.number().int().min(0).max(2_147_483_647).default(1),
    target: z.number().min(0.5).max(1).default(0.995).describe('The share to be contacted within 24 hours'),
    weekProfile: HourOfWeekFigures.optional().describe(
      'Relative weights of the hours of the week for the perWeek streams (default: every hour alike)',
    ),
    arrivals: z.array(ArrivalStream).min(1).max(500),
    roster: z.array(RosterEntry).min(1).max(500),
    firstContactMinutes: Distribution.describe('Work a case manager on shift spends to make a first contact'),
    caseLengthDays: Distribution.describe(
      'How long a case stays open (holds a place) after its first contact',
    ),
  })
  .strict()
  .superRefine((scenario, issues) => {
    const people = scenario.roster.reduce((sum, entry) => sum + entry.count, 0);
    if (people > MAX_ROSTER_SIZE)
      issues.addIssue({
        code: 'custom',
        path: ['roster'],
        message: `holds more than ${MAX_ROSTER_SIZE} case managers`,
      });
    const ids = new Set<string>();
    for (const [index, entry] of scenario.roster.entries()) {
      if (ids.has(entry.id))
        issues.addIssue({ code: 'custom', path: ['roster', index, 'id'], message: 'is used twice' });
      ids.add(entry.id);
    }
    if (scenario.weekProfile && scenario.weekProfile.every((weight) => weight === 0))
      issues.addIssue({
        code: 'custom',
        path: ['weekProfile'],
        message: 'must have at least one hour above 0',
      });
    const weekly = scenario.arrivals.reduce(
      (sum, stream) => sum + (stream.perWeek ?? stream.perHourOfWeek?.reduce((a, b) => a + b, 0) ?? 0),
      0,
    );
    const total = weekly * (scenario.weeks + scenario.warmupDays / 7);
    if (total > MAX_SCENARIO_ARRIVALS)
      issues.addIssue({
        code: 'custom',
        path: ['arrivals'],
        message: `forecasts about ${Math.round(total)} requests over the run; at most ${MAX_SCENARIO_ARRIVALS}`,
      });
    else if (total * people > MAX_SIMULATION_WORK)
      issues.addIssue({
        code: 'custom',
        path: ['roster'],
        message:
          `about ${Math.round(total)} requests for ${people} case managers is too large to simulate in reasonable ` +
          `time: requests × case managers must stay under ${MAX_SIMULATION_WORK.toLocaleString('en')}`,
      });
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** Who is chosen for a new case: the server's rule, or one of the two baselines. */
export const assignmentRules = ['ours', 'round_robin', 'language_only'] as const;
export type AssignmentRule = (typeof assignmentRules)[number];

/** Time to first contact, in minutes; `null` where the share reached beyond the simulated time. */
export interface ContactTimes {
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export interface PromiseFigures {
  cases: number;
  contactedWithin24h: number;
  /** `null` when there were no cases. */
  withinShare: number | null;
  minutesToFirstContact: ContactTimes;
  interpreterCases: number;
}

export interface CaseManagerFigures {
  id: string;
  languages: string[];
  assigned: number;
  contacts: number;
  interpreterCases: number;
  peakOpenCases: number;
  onDutyHours: number;
  busyHours: number;
  /** Busy time over time on duty; `null` for someone never on duty. */
  utilisation: number | null;
}

export interface BreakingHour {
  /** 0 = Monday 00:00–01:00 UTC. */
  hourOfWeek: number;
  /** `Mon 03:00 UTC` */
  label: string;
  cases: number;
  withinShare: number;
}

export interface SimulationReport extends PromiseFigures {
  rule: AssignmentRule;
  window: { startsAt: string; endsAt: string };
  /** Cases still waiting for a first contact when the simulation stopped. */
  notContacted: number;
  /** Cases for which nobody qualified at submission (they waited for operations). */
  unassignedAtSubmission: number;
  /** Cases moved to someone else at their breach, their case manager being off shift. */
  rescuedAtBreach: number;
  byLanguage: (PromiseFigures & { language: string })[];
  byCountry: (PromiseFigures & { country: string })[];
  caseManagers: CaseManagerFigures[];
  /** The hours of the week (by submission) where fewer than the target were contacted in time. */
  breakingHours: BreakingHour[];
}

/** The same arrivals and roster under our rule and the two baselines. */
export interface RuleComparison {
  seed: number;
  target: number;
  arrivals: number;
  caseManagers: number;
  ours: SimulationReport;
  roundRobin: SimulationReport;
  languageOnly: SimulationReport;
}

/*
 * The staffing planner (docs/planning.md, "The staffing planner"): the smallest roster, per language
 * and time-zone band, that keeps the promise on a scenario, found by simulation and confirmed over
 * many seeds; and the what-ifs it can be asked about.
 */

/** The most seeds a planning run may confirm its roster over. */
export const MAX_CONFIRMATION_SEEDS = 50;

/** What-ifs, applied to the scenario before the planner searches (all optional). */
export const WhatIf = z
  .object({
    /** Requests in one language multiplied by a factor (1.5 = half as many again). */
    surges: z
      .array(z.object({ language: LanguageTag, factor: z.number().min(0).max(10) }).strict())
      .max(20)
      .default([]),
    /** This many case managers off sick for the whole run, taken from the largest teams. */
    offSick: z.number().int().min(0).max(200).default(0),
    /** A holiday week: this share of every team is on leave for the whole reported time (0 to 0.9). */
    holidayLeaveShare: z.number().min(0).max(0.9).default(0),
  })
  .strict();
export type WhatIf = z.infer<typeof WhatIf>;
export type WhatIfInput = z.input<typeof WhatIf>;
/** The what-ifs as answered (no transform: a response is encoded, not parsed). */
export const WhatIfView = z.object({
  surges: z.array(z.object({ language: z.string(), factor: z.number() })),
  offSick: z.number().int(),
  holidayLeaveShare: z.number(),
});

export const StaffingOptions = z
  .object({
    /** The share to be contacted within 24 hours, as a percentage (99.5). */
    targetPercent: z.number().min(50).max(100).default(99.5),
    /** Seeds the proposed roster is confirmed over. */
    seeds: z.number().int().min(1).max(MAX_CONFIRMATION_SEEDS).default(20),
    whatIf: WhatIf.default({ surges: [], offSick: 0, holidayLeaveShare: 0 }),
  })
  .strict();
export type StaffingOptions = z.infer<typeof StaffingOptions>;

/** A time-zone band: where the case managers work, by their UTC offset. */
export const timeZoneBands = [
  'americas',
  'europe_africa',
  'middle_east_south_asia',
  'east_asia_pacific',
] as const;
export const TimeZoneBand = z.enum(timeZoneBands);
export type TimeZoneBand = z.infer<typeof TimeZoneBand>;

/** One shift pattern of the roster (a roster entry): how many it had, how many the planner proposes. */
export const StaffingPattern = z.object({
  id: z.string(),
  languages: z.array(z.string()),
  timeZone: z.string(),
  current: z.number().int(),
  proposed: z.number().int(),
});
export type StaffingPattern = z.infer<typeof StaffingPattern>;

/** The roster of one language (the first a case manager speaks) in one time-zone band. */
export const StaffingCell = z.object({
  language: z.string(),
  band: TimeZoneBand,
  current: z.number().int(),
  proposed: z.number().int(),
  patterns: z.array(StaffingPattern),
});
export type StaffingCell = z.infer<typeof StaffingCell>;

/** A share with its 95 % Wilson interval. */
export const ShareEstimate = z.object({
  share: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  cases: z.number().int(),
});
export type ShareEstimate = z.infer<typeof ShareEstimate>;

/** How well a roster keeps the promise over the confirmation seeds. */
export const PromiseConfidence = z.object({
  seeds: z.number().int(),
  /** Seeds whose week kept the target overall. */
  seedsMeetingTarget: z.number().int(),
  /** All seeds' cases pooled. */
  pooled: ShareEstimate,
  /** The worst seed's share. */
  worstSeed: z.number().nullable(),
  byLanguage: z.array(ShareEstimate.extend({ language: z.string(), meetsTarget: z.boolean() })),
  /** Share contacted within 24 hours by hour of the week of submission (168, `null` where no cases). */
  byHourOfWeek: z.array(z.number().nullable()),
  /** The same requests under round-robin, pooled (asked for the proposed roster only). */
  roundRobin: ShareEstimate,
});
export type PromiseConfidence = z.infer<typeof PromiseConfidence>;

export const StaffingPlanResult = z.object({
  target: z.number(),
  whatIf: WhatIfView,
  /** Whether the search reached the target on its search seeds (false: the limit of additions was reached). */
  reached: z.boolean(),
  currentSize: z.number().int(),
  proposedSize: z.number().int(),
  cells: z.array(StaffingCell),
  /** Expected requests per hour of the week, all languages (after the what-ifs). */
  loadByHourOfWeek: z.array(z.number()),
  /** Expected requests a week per language (after the what-ifs). */
  loadByLanguage: z.array(z.object({ language: z.string(), perWeek: z.number() })),
  /** The proposed roster, confirmed; and the scenario's own roster on the same seeds. */
  proposed: PromiseConfidence,
  current: PromiseConfidence,
  /** Search steps taken and simulations run. */
  steps: z.number().int(),
  simulations: z.number().int(),
});
export type StaffingPlanResult = z.infer<typeof StaffingPlanResult>;

/* The staffing planner in the ops console (`/api/v1/staffing-plans`, `/api/v1/staffing-forecast`). */

/** The example scenarios operations may plan on when the database has too little history. */
export const planningExamples = ['gulf-market'] as const;
export const PlanningExample = z.enum(planningExamples);
export type PlanningExample = z.infer<typeof PlanningExample>;

/** What a scenario asks of the service, in brief: enough to chart it before planning. */
export const ScenarioSummary = z.object({
  startsAt: z.string(),
  weeks: z.number().int(),
  caseManagers: z.number().int(),
  requestsPerWeek: z.number(),
  loadByLanguage: z.array(z.object({ language: z.string(), perWeek: z.number() })),
  loadByHourOfWeek: z.array(z.number()),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const StaffingForecastQuery = z
  .object({ weeks: z.coerce.number().int().min(1).max(26).default(4) })
  .strict();

export const StaffingForecastView = z.object({
  weeks: z.number().int(),
  /** Requests submitted in those weeks, and the fewest the planner forecasts from. */
  submissions: z.number().int(),
  minimumSubmissions: z.number().int(),
  /** Next week from the database, when there is enough history and a roster to plan with. */
  history: ScenarioSummary.nullable(),
  examples: z.array(z.object({ name: PlanningExample, summary: ScenarioSummary })),
});
export type StaffingForecastView = z.infer<typeof StaffingForecastView>;

const planTarget = z.number().min(50).max(100).default(99.5);
export const StaffingPlanRequest = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('history'),
      weeks: z.number().int().min(1).max(26).default(4),
      targetPercent: planTarget,
      whatIf: WhatIf.default({ surges: [], offSick: 0, holidayLeaveShare: 0 }),
    })
    .strict(),
  z
    .object({
      source: z.literal('example'),
      example: PlanningExample,
      targetPercent: planTarget,
      whatIf: WhatIf.default({ surges: [], offSick: 0, holidayLeaveShare: 0 }),
    })
    .strict(),
]);
export type StaffingPlanRequest = z.infer<typeof StaffingPlanRequest>;
export type StaffingPlanRequestInput = z.input<typeof StaffingPlanRequest>;

export const staffingPlanStatuses = ['queued', 'running', 'done', 'failed'] as const;
export const StaffingPlanStatus = z.enum(staffingPlanStatuses);

export const StaffingPlanView = z.object({
  id: z.uuid(),
  status: StaffingPlanStatus,
  source: z.enum(['history', 'example']),
  example: PlanningExample.nullable(),
  targetPercent: z.number(),
  whatIf: WhatIfView,
  seeds: z.number().int(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The plan, once done. */
  result: StaffingPlanResult.nullable(),
  /** Why it failed (an error code of the planning room), when it did. */
  errorCode: z.string().nullable(),
});
export type StaffingPlanView = z.infer<typeof StaffingPlanView>;
