import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { staffingPlan } from './schema.js';

/* Queries of the planning room. Staffing plans belong to operations as a whole, not to a member. */

export type StaffingPlanRow = typeof staffingPlan.$inferSelect;

export async function insertStaffingPlan(
  tx: Queryable,
  row: typeof staffingPlan.$inferInsert,
): Promise<void> {
  await tx.insert(staffingPlan).values(row);
}

export async function findStaffingPlan(db: Queryable, id: string): Promise<StaffingPlanRow | undefined> {
  const [row] = await db.select().from(staffingPlan).where(eq(staffingPlan.id, id));
  return row;
}

/**
 * Claims a plan for running: a queued one, or one left running by a process that stopped (its job
 * is retried by pg-boss only once that run has failed or expired); `undefined` once it is finished.
 */
export async function claimStaffingPlan(
  tx: Queryable,
  id: string,
  now: Date,
): Promise<StaffingPlanRow | undefined> {
  const [row] = await tx
    .update(staffingPlan)
    .set({ status: 'running', startedAt: now })
    .where(and(eq(staffingPlan.id, id), inArray(staffingPlan.status, ['queued', 'running'])))
    .returning();
  return row;
}

export async function finishStaffingPlan(
  db: Queryable,
  id: string,
  outcome: Pick<StaffingPlanRow, 'status' | 'result' | 'errorCode' | 'finishedAt'>,
): Promise<void> {
  await db.update(staffingPlan).set(outcome).where(eq(staffingPlan.id, id));
}
