import {
  HubBreakdown,
  type EmployerHubFigures,
  type EmployerHubOverview,
  type EmployerHubQuery,
  type EmployerPlanAddOns,
  type EmployerPlanAddOnsChange,
  type MyVirtualCare,
} from '../../../shared/employers.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound, notFoundFor } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { serviceRatingOf } from '../feedback/index.js';
import {
  employerPlansOf,
  employerPopulation,
  findEmployer,
  findMemberCoverage,
  lockEmployerPlan,
  saveEmployerPlanAddOns,
  servicesOnPlan,
} from '../plans/index.js';
import { promiseFactsOf } from '../sla/index.js';
import { ageBandOn, groupListsOf, TableFamily, type GroupKeys } from './figures.js';
import { outcomeFamily } from './outcomes.js';
import { employersPolicy } from './policy.js';
import { presentAddOns, presentContact, presentFigures, servicesOfPlan } from './present.js';
import { publishedFrom, publishedQuarters, requestedQuarter, type Quarter } from './quarters.js';
import * as repo from './repo.js';

const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/** The employer, when the actor may see its hub; 404 for everyone else, as for an employer that does not exist. */
async function employerForHub(tx: Tx, ctx: RequestContext, employerId: string) {
  const actor = actorOf(ctx);
  if (!employersPolicy.readHub(actor, employerId))
    throw notFoundFor({ entityType: 'employer', entityId: employerId, reason: 'not_found_for_actor' });
  const found = await findEmployer(tx, employerId);
  if (!found) throw notFoundFor({ entityType: 'employer', entityId: employerId, reason: 'no_such_record' });
  return found;
}

/**
 * A quarter's counted facts for an employer: its covered people and their requests and ratings,
 * each family of tables suppressed as a whole. The facts never leave this function.
 */
async function hubTables(tx: Tx, employerId: string, quarter: Quarter, now: Date) {
  const lastDay = dayOf(new Date(quarter.end.getTime() - 1));
  const population = await employerPopulation(tx, employerId, dayOf(quarter.start), lastDay);
  const groupsOf = new Map<string, GroupKeys>(
    population.map((person) => [
      person.memberId,
      { country: person.country, plan: person.planCode, age_band: ageBandOn(person.dateOfBirth, lastDay) },
    ]),
  );
  const planNames = new Map(population.map((person) => [person.planCode, person.planName]));
  const groups = groupListsOf([...groupsOf.values()]);
  const memberIds = [...groupsOf.keys()];
  const requests = await promiseFactsOf(tx, memberIds, quarter.start, quarter.end, now);
  const inQuarter = (instant: Date) => instant >= quarter.start && instant < quarter.end;
  const monthOf = (instant: Date) => instant.toISOString().slice(0, 7);
  const rating = await serviceRatingOf(tx, {
    memberIds,
    written: { from: quarter.start, before: quarter.end },
  });
  const noGroups = { country: [], plan: [], age_band: [] };
  const anyone: GroupKeys = { country: '', plan: '', age_band: '' };
  return {
    groups,
    planNames,
    eligible: new TableFamily(
      [],
      groups,
      [...groupsOf.values()].map((keys) => ({ groups: keys })),
    ),
    uptake: new TableFamily(
      quarter.months,
      groups,
      requests
        .filter((request) => inQuarter(request.submittedAt))
        .map((request) => ({ row: monthOf(request.submittedAt), groups: groupsOf.get(request.memberId)! })),
    ),
    firstContact: new TableFamily(
      ['kept', 'missed'],
      groups,
      requests
        .filter((request) => inQuarter(request.firstContactDueAt) && request.promise !== 'undecided')
        .map((request) => ({ row: request.promise, groups: groupsOf.get(request.memberId)! })),
    ),
    outcomes: await outcomeFamily(tx, quarter, groupsOf, groups),
    reviews: new TableFamily(
      ['5', '4', '3', '2', '1'],
      noGroups,
      (['5', '4', '3', '2', '1'] as const).flatMap((stars) =>
        Array.from({ length: rating.distribution[stars] }, () => ({ row: stars, groups: anyone })),
      ),
    ),
  };
}

export type HubTables = Awaited<ReturnType<typeof hubTables>>;

/**
 * The employer's figures for one whole, settled quarter, split by one fixed breakdown: counts
 * under 5 and the cells that would give them away are hidden. The read is audited.
 */
export async function getHubFigures(
  ctx: RequestContext,
  employerId: string,
  query: EmployerHubQuery,
): Promise<EmployerHubFigures> {
  return ctx.db.transaction(async (tx) => {
    const employer = await employerForHub(tx, ctx, employerId);
    const breakdown = HubBreakdown.safeParse(query.breakdown);
    if (!breakdown.success) throw new AppError('employer_hub.breakdown_not_allowed');
    const period = requestedQuarter(query);
    if (!period.ok) throw new AppError('employer_hub.period_not_a_quarter');
    const now = ctx.clock.now();
    if (publishedFrom(period.quarter) > now) throw new AppError('employer_hub.quarter_not_published');

    const tables = await hubTables(tx, employerId, period.quarter, now);
    await recordAudit(
      tx,
      ctx,
      { action: 'employer_hub.read', details: { quarter: period.quarter.label, breakdown: breakdown.data } },
      { entityType: 'employer', entityId: employerId, purpose: 'administration' },
    );
    return presentFigures({
      employer,
      quarter: period.quarter,
      breakdown: breakdown.data,
      tables,
    });
  });
}

/** What the hub offers an employer: its published quarters, the breakdowns, and the add-ons on its plans. */
export async function getHubOverview(ctx: RequestContext, employerId: string): Promise<EmployerHubOverview> {
  return ctx.db.transaction(async (tx) => {
    const employer = await employerForHub(tx, ctx, employerId);
    const plans = await employerPlansOf(tx, employerId);
    await recordAudit(
      tx,
      ctx,
      { action: 'employer_hub.overview_read', details: {} },
      { entityType: 'employer', entityId: employerId, purpose: 'administration' },
    );
    return {
      employer: { id: employer.id, name: employer.name },
      quarters: publishedQuarters(ctx.clock.now(), new Date(0)).map((quarter) => quarter.label),
      breakdowns: [...HubBreakdown.options],
      plans: plans.map((plan) => ({
        planCode: plan.planCode,
        planName: plan.planName,
        services: servicesOfPlan(plan),
      })),
    };
  });
}

/** The employer admin's own hub: the company their account is tied to. */
export async function getMyHubOverview(ctx: RequestContext): Promise<EmployerHubOverview> {
  const actor = actorOf(ctx);
  if (actor.role !== 'employer_admin' || !actor.employerId) throw notFound();
  return getHubOverview(ctx, actor.employerId);
}

/** Every employer plan with its add-ons, for operations. */
export async function listEmployerPlans(ctx: RequestContext): Promise<{ items: EmployerPlanAddOns[] }> {
  const actor = actorOf(ctx);
  if (!employersPolicy.manageAddOns(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const plans = await employerPlansOf(tx);
    await recordAudit(
      tx,
      ctx,
      { action: 'employer_plans.read', details: {} },
      { entityType: 'employer', purpose: 'operations' },
    );
    return { items: plans.map(presentAddOns) };
  });
}

/**
 * Operations turn an employer plan's add-ons on or off, as the employer's contract with the
 * insurer says: against the version they saw, so that two operators never overwrite each other.
 */
export async function changeEmployerPlanAddOns(
  ctx: RequestContext,
  employerId: string,
  planProductId: string,
  input: EmployerPlanAddOnsChange,
): Promise<EmployerPlanAddOns> {
  const actor = actorOf(ctx);
  if (!employersPolicy.manageAddOns(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const current = await lockEmployerPlan(tx, employerId, planProductId);
    if (!current) throw notFound();
    if (current.version !== input.version)
      throw new AppError('resource.version_conflict', { extensions: { current: presentAddOns(current) } });
    const addOns = [...new Set(input.addOns)].sort();
    const version = await saveEmployerPlanAddOns(tx, {
      employerId,
      planProductId,
      addOns,
      now: ctx.clock.now(),
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'employer_plan.add_ons_changed', details: { planProductId, addOns, version } },
      { entityType: 'employer', entityId: employerId, purpose: 'operations' },
    );
    return presentAddOns({ ...current, addOns, version });
  });
}

/** The member's Virtual Care services, each with how to reach it, in their language. */
export async function getMyVirtualCare(ctx: RequestContext): Promise<MyVirtualCare> {
  const actor = actorOf(ctx);
  if (!employersPolicy.readOwnVirtualCare(actor) || !actor.memberId) throw notFound();
  const memberId = actor.memberId;
  return ctx.db.transaction(async (tx) => {
    const coverage = await findMemberCoverage(tx, memberId);
    if (!coverage) throw notFound();
    const services = servicesOnPlan({
      membership: coverage.membership,
      plan: coverage.plan,
      employer: coverage.employer?.id ? { addedServices: coverage.employer.addedServices } : null,
    });
    const contacts = await repo.contactsFor(
      tx,
      coverage.plan.id,
      services.map((entry) => entry.service),
    );
    await recordAudit(
      tx,
      ctx,
      { action: 'virtual_care.read', details: {} },
      { entityType: 'member', entityId: memberId, subjectMemberId: memberId, purpose: 'self_service' },
    );
    const language = coverage.member.preferredLanguage;
    return {
      services: services.map((entry) => {
        const contact = contacts.get(entry.service);
        return { ...entry, contact: contact ? presentContact(contact, language) : null };
      }),
    };
  });
}
