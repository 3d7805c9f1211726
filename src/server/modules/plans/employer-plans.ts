/*
 * The employers' side of the register, for the employers room (through this room's face): the
 * plans each employer has people on, the add-ons its contract puts on each, and the people its
 * plans cover in a period as the facts the hub counts (never returned to a client as such).
 */
import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import type { VirtualCareService } from '../../../shared/plans.js';
import { employer, employerPlan, member, membership, planProduct } from './schema.js';

export interface EmployerPlanSetting {
  employerId: string;
  employerName: string;
  planProductId: string;
  planCode: string;
  planName: string;
  includedInPlan: VirtualCareService[];
  addOns: VirtualCareService[];
  /** 0 while the plan follows the employer's company-wide add-ons. */
  version: number;
}

/** Every plan an employer has memberships on (every employer's when none is given), with its add-ons. */
export async function employerPlansOf(db: Queryable, employerId?: string): Promise<EmployerPlanSetting[]> {
  const pairs = db
    .selectDistinct({ employerId: membership.employerId, planProductId: membership.planProductId })
    .from(membership)
    .where(employerId ? eq(membership.employerId, employerId) : sql`${membership.employerId} IS NOT NULL`)
    .as('pairs');
  const rows = await db
    .select({
      employerId: employer.id,
      employerName: employer.name,
      planProductId: planProduct.id,
      planCode: planProduct.code,
      planName: planProduct.name,
      includedInPlan: planProduct.services,
      addOns: sql<VirtualCareService[]>`coalesce(${employerPlan.addOns}, ${employer.addedServices})`,
      version: sql<number>`coalesce(${employerPlan.version}, 0)::int`,
    })
    .from(pairs)
    .innerJoin(employer, sql`${employer.id} = ${pairs.employerId}`)
    .innerJoin(planProduct, sql`${planProduct.id} = ${pairs.planProductId}`)
    .leftJoin(
      employerPlan,
      and(eq(employerPlan.employerId, employer.id), eq(employerPlan.planProductId, planProduct.id)),
    )
    .orderBy(asc(employer.name), asc(employer.id), asc(planProduct.code));
  return rows;
}

/** One employer plan's setting, locked for a change; undefined when the employer has nobody on that plan. */
export async function lockEmployerPlan(
  tx: Queryable,
  employerId: string,
  planProductId: string,
): Promise<EmployerPlanSetting | undefined> {
  // The employer row is the lock: the first change of a plan inserts its setting row.
  await tx.execute(sql`SELECT id FROM employer WHERE id = ${employerId} FOR UPDATE`);
  const plans = await employerPlansOf(tx, employerId);
  return plans.find((plan) => plan.planProductId === planProductId);
}

/** Writes an employer plan's add-ons (the caller locked it and checked its version); the new version. */
export async function saveEmployerPlanAddOns(
  tx: Queryable,
  input: { employerId: string; planProductId: string; addOns: VirtualCareService[]; now: Date },
): Promise<number> {
  const [row] = await tx
    .insert(employerPlan)
    .values({ ...input, version: 1, createdAt: input.now, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [employerPlan.employerId, employerPlan.planProductId],
      set: { addOns: input.addOns, updatedAt: input.now, version: sql`${employerPlan.version} + 1` },
    })
    .returning({ version: employerPlan.version });
  if (!row) throw new Error('employer plan: no row written');
  return row.version;
}

/** A person covered by an employer's plans, as the hub counts them: no name, no number. */
export interface CoveredPerson {
  memberId: string;
  country: string;
  planCode: string;
  planName: string;
  dateOfBirth: string;
}

/** The people covered by an employer's plans at any time between two calendar dates (inclusive). */
export async function employerPopulation(
  db: Queryable,
  employerId: string,
  firstDay: string,
  lastDay: string,
): Promise<CoveredPerson[]> {
  return db
    .select({
      memberId: member.id,
      country: member.country,
      planCode: planProduct.code,
      planName: planProduct.name,
      dateOfBirth: member.dateOfBirth,
    })
    .from(membership)
    .innerJoin(member, eq(member.membershipId, membership.id))
    .innerJoin(planProduct, eq(planProduct.id, membership.planProductId))
    .where(
      and(
        eq(membership.employerId, employerId),
        lte(membership.startDate, lastDay),
        or(isNull(membership.endDate), gte(membership.endDate, firstDay)),
      ),
    );
}
