import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../platform/db/index.js';
import { opinionCase } from '../cases/schema.js';
import { user } from '../identity/schema.js';
import { member, membership } from '../plans/schema.js';
import { preauthorisation, referral } from './schema.js';

export type ReferralRow = typeof referral.$inferSelect;
export type PreauthorisationRow = typeof preauthorisation.$inferSelect;

export interface Names {
  requestedBy: string | null;
  firstApprover: string | null;
}
export type PreauthorisationView = PreauthorisationRow & Names;

const requester = alias(user, 'requester');
const firstApprover = alias(user, 'first_approver');

const viewColumns = {
  row: preauthorisation,
  requestedBy: requester.name,
  firstApprover: firstApprover.name,
};

const flatten = (
  rows: { row: PreauthorisationRow; requestedBy: string | null; firstApprover: string | null }[],
) => rows.map(({ row, requestedBy, firstApprover }) => ({ ...row, requestedBy, firstApprover }));

export async function insertReferral(tx: Queryable, row: typeof referral.$inferInsert): Promise<void> {
  await tx.insert(referral).values(row);
}

export async function insertPreauthorisation(
  tx: Queryable,
  row: typeof preauthorisation.$inferInsert,
): Promise<void> {
  await tx.insert(preauthorisation).values(row);
}

export async function countReferralsOfCase(db: Queryable, caseId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(referral)
    .where(eq(referral.caseId, caseId));
  return row?.n ?? 0;
}

/** The referrals of a case with their creators' names, oldest first. */
export async function listReferralsOfCase(db: Queryable, caseId: string) {
  return db
    .select({ referral, createdBy: user.name })
    .from(referral)
    .leftJoin(user, eq(user.id, referral.createdByUserId))
    .where(eq(referral.caseId, caseId))
    .orderBy(asc(referral.createdAt), asc(referral.id));
}

export async function findReferral(db: Queryable, caseId: string, id: string) {
  const [row] = await db
    .select({ referral, createdBy: user.name })
    .from(referral)
    .leftJoin(user, eq(user.id, referral.createdByUserId))
    .where(and(eq(referral.caseId, caseId), eq(referral.id, id)));
  return row;
}

export async function findReferralById(db: Queryable, id: string): Promise<ReferralRow | undefined> {
  const [row] = await db.select().from(referral).where(eq(referral.id, id));
  return row;
}

/** The pre-authorisations of some referrals, with the names of who asked and who approved first. */
export async function preauthorisationsOfReferrals(
  db: Queryable,
  referralIds: string[],
): Promise<PreauthorisationView[]> {
  if (referralIds.length === 0) return [];
  return flatten(
    await db
      .select(viewColumns)
      .from(preauthorisation)
      .leftJoin(requester, eq(requester.id, preauthorisation.requestedByUserId))
      .leftJoin(firstApprover, eq(firstApprover.id, preauthorisation.firstApproverUserId))
      .where(inArray(preauthorisation.referralId, referralIds)),
  );
}

export async function findPreauthorisation(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<PreauthorisationView | undefined> {
  if (options.lock)
    await db
      .select({ id: preauthorisation.id })
      .from(preauthorisation)
      .where(eq(preauthorisation.id, id))
      .for('update');
  const [row] = flatten(
    await db
      .select(viewColumns)
      .from(preauthorisation)
      .leftJoin(requester, eq(requester.id, preauthorisation.requestedByUserId))
      .leftJoin(firstApprover, eq(firstApprover.id, preauthorisation.firstApproverUserId))
      .where(eq(preauthorisation.id, id)),
  );
  return row;
}

/** Writes a decision if the request is still at the version read; undefined when it moved on. */
export async function updatePreauthorisation(
  tx: Queryable,
  id: string,
  expectedVersion: number,
  changes: Partial<typeof preauthorisation.$inferInsert>,
): Promise<PreauthorisationRow | undefined> {
  const [row] = await tx
    .update(preauthorisation)
    .set({ ...changes, version: expectedVersion + 1 })
    .where(and(eq(preauthorisation.id, id), eq(preauthorisation.version, expectedVersion)))
    .returning();
  return row;
}

const openStatuses = ['pending', 'information_requested', 'awaiting_second_approval'] as const;
const decidedStatuses = ['approved', 'declined', 'cancelled'] as const;

/**
 * The assessors' queue: open requests oldest first (decided ones newest first would need another
 * index; they are read oldest first too), with the case number and the member's name and
 * membership number: what an assessor needs to find the policy, nothing else of the case.
 */
export async function queue(
  db: Queryable,
  options: { open: boolean; limit: number; after?: { requestedAt: Date; id: string } },
) {
  const after: SQL | undefined = options.after
    ? or(
        gt(preauthorisation.requestedAt, options.after.requestedAt),
        and(
          eq(preauthorisation.requestedAt, options.after.requestedAt),
          gt(preauthorisation.id, options.after.id),
        ),
      )
    : undefined;
  const rows = await db
    .select({
      ...viewColumns,
      referral,
      caseNumber: opinionCase.number,
      memberName: sql<string>`${member.givenName} || ' ' || ${member.familyName}`,
      membershipNumber: membership.membershipNumber,
    })
    .from(preauthorisation)
    .innerJoin(referral, eq(referral.id, preauthorisation.referralId))
    .innerJoin(opinionCase, eq(opinionCase.id, preauthorisation.caseId))
    .innerJoin(member, eq(member.id, referral.memberId))
    .innerJoin(membership, eq(membership.id, referral.membershipId))
    .leftJoin(requester, eq(requester.id, preauthorisation.requestedByUserId))
    .leftJoin(firstApprover, eq(firstApprover.id, preauthorisation.firstApproverUserId))
    .where(
      and(inArray(preauthorisation.status, options.open ? [...openStatuses] : [...decidedStatuses]), after),
    )
    .orderBy(asc(preauthorisation.requestedAt), asc(preauthorisation.id))
    .limit(options.limit + 1);
  return rows.map(({ row, requestedBy, firstApprover, ...rest }) => ({
    preauthorisation: { ...row, requestedBy, firstApprover },
    ...rest,
  }));
}

/** One request as the assessor's queue shows it. */
export async function queueEntry(db: Queryable, id: string) {
  const rows = await db
    .select({
      referral,
      caseNumber: opinionCase.number,
      memberName: sql<string>`${member.givenName} || ' ' || ${member.familyName}`,
      membershipNumber: membership.membershipNumber,
    })
    .from(preauthorisation)
    .innerJoin(referral, eq(referral.id, preauthorisation.referralId))
    .innerJoin(opinionCase, eq(opinionCase.id, preauthorisation.caseId))
    .innerJoin(member, eq(member.id, referral.memberId))
    .innerJoin(membership, eq(membership.id, referral.membershipId))
    .where(eq(preauthorisation.id, id));
  return rows[0];
}

/** Cancels the requests still open among those `where` selects. Returns how many were. */
async function cancelOpen(tx: Queryable, where: SQL, now: Date): Promise<number> {
  const rows = await tx
    .update(preauthorisation)
    .set({
      status: 'cancelled',
      decidedAt: now,
      updatedAt: now,
      version: sql`${preauthorisation.version} + 1`,
    })
    .where(and(where, inArray(preauthorisation.status, [...openStatuses])))
    .returning({ id: preauthorisation.id });
  return rows.length;
}

/** The case ended: its requests still open are cancelled. Returns how many were. */
export const cancelOpenOfCase = (tx: Queryable, caseId: string, now: Date) =>
  cancelOpen(tx, eq(preauthorisation.caseId, caseId), now);

/** The referral was withdrawn: its request, if still open, is cancelled. Returns how many were. */
export const cancelOpenOfReferral = (tx: Queryable, referralId: string, now: Date) =>
  cancelOpen(tx, eq(preauthorisation.referralId, referralId), now);

/** Marks a referral withdrawn unless it already is; false when it was. */
export async function markWithdrawn(
  tx: Queryable,
  id: string,
  byUserId: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(referral)
    .set({ withdrawnAt: now, withdrawnByUserId: byUserId })
    .where(and(eq(referral.id, id), isNull(referral.withdrawnAt)))
    .returning({ id: referral.id });
  return rows.length > 0;
}

/**
 * Blanks the free text of the referrals and pre-authorisations of these (ended) cases, in the
 * caller's transaction: the reason, a named receiving doctor, the assessors' questions and the
 * answers to them, a decline's reason. The amounts, dates, services and decisions stay (the
 * coverage ledger and the insurer's figures rest on them). Idempotent.
 */
export async function eraseReferralsOfCases(tx: Queryable, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const erased = (column: AnyPgColumn) => sql`CASE WHEN ${column} IS NULL THEN NULL ELSE '[erased]' END`;
  await tx
    .update(referral)
    .set({ reason: '[erased]', receivingDoctor: erased(referral.receivingDoctor) })
    .where(inArray(referral.caseId, caseIds));
  await tx
    .update(preauthorisation)
    .set({
      declineReason: erased(preauthorisation.declineReason),
      informationRequest: erased(preauthorisation.informationRequest),
      informationAnswer: erased(preauthorisation.informationAnswer),
    })
    .where(inArray(preauthorisation.caseId, caseIds));
}
