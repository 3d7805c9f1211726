import { z } from 'zod';
import { VirtualCareService } from './plans.js';

/**
 * The employer's Healthcare Hub: aggregates of a company's plans, never an individual. Every count
 * under 5 is "fewer than 5" and a few more are withheld so that none can be worked out
 * (docs/employers.md).
 */

/** The fixed breakdowns a table may be split by; `none` is the company as a whole. */
export const hubBreakdowns = ['none', 'country', 'plan', 'age_band'] as const;
export const HubBreakdown = z.enum(hubBreakdowns);
export type HubBreakdown = z.infer<typeof HubBreakdown>;

/** Age on the quarter's last day, in fixed bands. */
export const ageBands = ['under_18', '18_29', '30_44', '45_59', '60_plus'] as const;
export const AgeBand = z.enum(ageBands);
export type AgeBand = z.infer<typeof AgeBand>;

/**
 * The request: a quarter (`2026-Q3`), or the same quarter as `from`/`to` calendar dates, and a
 * breakdown. Strings here: the service decides, and refuses anything but one whole quarter or a
 * breakdown off the list with its own code.
 */
export const EmployerHubQuery = z
  .object({
    quarter: z.string().max(20).optional(),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    breakdown: z.string().max(40).default('none'),
  })
  .strict();
export type EmployerHubQuery = z.infer<typeof EmployerHubQuery>;

export const PublishedCount = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), value: z.number().int().min(0) }),
  /** Under the threshold (zero included). */
  z.object({ kind: z.literal('fewer_than_5') }),
  /** At least the threshold, hidden so that a "fewer than 5" cell cannot be worked out from a total. */
  z.object({ kind: z.literal('withheld') }),
]);
export type PublishedCount = z.infer<typeof PublishedCount>;

/** One row of a table: a cell per group of the breakdown (in `groups` order) and the row's total. */
export const HubRow = z.object({ byGroup: z.array(PublishedCount), total: PublishedCount });
export type HubRow = z.infer<typeof HubRow>;

export const HubGroup = z.object({
  /** A country code, a plan code or an age band; `all` without a breakdown. */
  key: z.string(),
  /** The plan's name for a plan; null otherwise (the web app names countries and bands). */
  name: z.string().nullable(),
});

export const stars = ['5', '4', '3', '2', '1'] as const;

export const EmployerHubFigures = z.object({
  employer: z.object({ id: z.uuid(), name: z.string() }),
  quarter: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  breakdown: HubBreakdown,
  groups: z.array(HubGroup),
  threshold: z.number().int(),
  /** People covered by the company's plans at any time in the quarter. */
  eligibleMembers: HubRow,
  /** Second-opinion requests submitted, by month of the quarter. */
  uptake: z.object({
    service: VirtualCareService,
    months: z.array(z.object({ month: z.string(), row: HubRow })),
    total: HubRow,
  }),
  /** Requests whose 24-hour deadline fell in the quarter: first contact in time or not. */
  firstContact: z.object({
    kept: HubRow,
    missed: HubRow,
    decided: HubRow,
    /** Kept / decided, company-wide, when both are shown; a share between 0 and 1. */
    keptShare: z.number().nullable(),
  }),
  /** Verified ratings written in the quarter (company-wide only). */
  reviews: z.object({
    distribution: z.object({
      5: PublishedCount,
      4: PublishedCount,
      3: PublishedCount,
      2: PublishedCount,
      1: PublishedCount,
    }),
    count: PublishedCount,
    /** Only when no star count is hidden (otherwise it could give them away); one decimal. */
    average: z.number().nullable(),
  }),
  /**
   * What the second opinions changed: cases whose one answer (from the opinion, or the case
   * manager's for a panel that disagreed) became known in the quarter, each counted once; the
   * diagnosis changed (not a refinement of the same one), the treatment plan modified or changed.
   */
  outcomes: z.object({
    cases: HubRow,
    diagnosisChanged: HubRow,
    diagnosisNotChanged: HubRow,
    treatmentChanged: HubRow,
    treatmentNotChanged: HubRow,
    /** Changed / cases, company-wide, when both are shown; shares between 0 and 1. */
    diagnosisChangedShare: z.number().nullable(),
    treatmentChangedShare: z.number().nullable(),
  }),
});
export type EmployerHubFigures = z.infer<typeof EmployerHubFigures>;

export const EmployerHubOverview = z.object({
  employer: z.object({ id: z.uuid(), name: z.string() }),
  /** Quarters with published figures, newest first. */
  quarters: z.array(z.string()),
  breakdowns: z.array(HubBreakdown),
  /** The add-ons on each of the company's plans. */
  plans: z.array(
    z.object({
      planCode: z.string(),
      planName: z.string(),
      services: z.array(z.object({ service: VirtualCareService, source: z.enum(['plan', 'employer']) })),
    }),
  ),
});
export type EmployerHubOverview = z.infer<typeof EmployerHubOverview>;

/** An employer's plan as operations manage its add-ons. */
export const EmployerPlanAddOns = z.object({
  employerId: z.uuid(),
  employerName: z.string(),
  planProductId: z.uuid(),
  planCode: z.string(),
  planName: z.string(),
  /** In the plan product itself: on whatever the employer adds. */
  includedInPlan: z.array(VirtualCareService),
  /** What the employer's contract adds on this plan. */
  addOns: z.array(VirtualCareService),
  /** 0 while the plan follows the employer's company-wide add-ons. */
  version: z.number().int().min(0),
});
export type EmployerPlanAddOns = z.infer<typeof EmployerPlanAddOns>;

export const EmployerPlanAddOnsList = z.object({ items: z.array(EmployerPlanAddOns) });

export const EmployerPlanAddOnsChange = z
  .object({
    addOns: z.array(VirtualCareService).max(3),
    version: z.number().int().min(0),
  })
  .strict();
export type EmployerPlanAddOnsChange = z.infer<typeof EmployerPlanAddOnsChange>;

export const EmployerPlanParams = z.object({ employerId: z.uuid(), planProductId: z.uuid() }).strict();

export const EmployerParams = z.object({ employerId: z.uuid() }).strict();

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** How a member reaches a Virtual Care service on their plan. */
export const VirtualCareContact = z.object({
  service: VirtualCareService,
  /** E.164, or null when the service is reached online only. */
  phone: z.string().nullable(),
  /** Opening hours; null for round the clock. */
  hours: z
    .object({
      /** ISO weekdays, 1 = Monday. */
      days: z.array(z.number().int().min(1).max(7)),
      opens: z.string(),
      closes: z.string(),
      timeZone: z.string(),
    })
    .nullable(),
  /** The service's page, in the member's language where it has one. */
  url: z.url().nullable(),
});
export type VirtualCareContact = z.infer<typeof VirtualCareContact>;

export const MyVirtualCare = z.object({
  services: z.array(
    z.object({
      service: VirtualCareService,
      source: z.enum(['plan', 'employer']),
      contact: VirtualCareContact.nullable(),
    }),
  ),
});
export type MyVirtualCare = z.infer<typeof MyVirtualCare>;
