import { and, asc, eq, gt, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { opinionCase } from '../cases/schema.js';
import { staffProfile, user, userProfile } from '../identity/schema.js';
import { caseManagerLoad, staffAbsence } from './schema.js';
import type { CandidateFacts } from './scoring.js';

/** A candidate as the database knows them, and whether their load row exists yet. */
export interface LoadedCandidate extends CandidateFacts {
  name: string;
  hasLoadRow: boolean;
}

/**
 * Every active case manager with their shifts, absences in the window, load and history with the
 * member, in one statement (this runs in every submission's transaction).
 */
export async function loadCandidates(
  db: Queryable,
  input: { memberId: string; windowStart: Date; windowEnd: Date; excludeUserId?: string },
): Promise<LoadedCandidate[]> {
  const staff = await db
    .select({
      userId: userProfile.userId,
      name: user.name,
      timeZone: userProfile.timeZone,
      languages: staffProfile.languages,
      weeklyShifts: staffProfile.weeklyShifts,
      maxOpenCases: staffProfile.maxOpenCases,
      openCases: sql<number>`coalesce(${caseManagerLoad.openCases}, 0)`,
      hasLoadRow: sql<boolean>`${caseManagerLoad.userId} IS NOT NULL`,
      absences: sql<{ startsAt: string; endsAt: string }[]>`(
        SELECT coalesce(json_agg(json_build_object('startsAt', a.starts_at, 'endsAt', a.ends_at)), '[]'::json)
        FROM ${staffAbsence} AS a
        WHERE a.user_id = ${userProfile.userId} AND a.ends_at > ${input.windowStart} AND a.starts_at < ${input.windowEnd})`,
      wasPreviousCaseManager: sql<boolean>`${userProfile.userId} IN (
        SELECT c.case_manager_user_id FROM ${opinionCase} AS c
        WHERE c.member_id = ${input.memberId} AND c.case_manager_user_id IS NOT NULL)`,
    })
    .from(userProfile)
    .innerJoin(user, eq(user.id, userProfile.userId))
    .innerJoin(staffProfile, eq(staffProfile.userId, userProfile.userId))
    .leftJoin(caseManagerLoad, eq(caseManagerLoad.userId, userProfile.userId))
    .where(
      and(
        eq(userProfile.role, 'case_manager'),
        isNull(userProfile.disabledAt),
        input.excludeUserId ? ne(userProfile.userId, input.excludeUserId) : undefined,
      ),
    );
  return staff.map((row) => ({
    userId: row.userId,
    name: row.name,
    languages: row.languages,
    timeZone: row.timeZone,
    weeklyShifts: row.weeklyShifts,
    maxOpenCases: row.maxOpenCases,
    openCases: Number(row.openCases),
    hasLoadRow: row.hasLoadRow,
    absences: row.absences.map((absence) => ({
      startsAt: new Date(absence.startsAt),
      endsAt: new Date(absence.endsAt),
    })),
    wasPreviousCaseManager: row.wasPreviousCaseManager,
  }));
}

/**
 * Takes one place in a case manager's load, only if they still have room. Concurrent
 * assignments to the same person queue on the row; the one that would exceed the maximum gets
 * `false` and moves on to the next candidate.
 */
export async function reservePlace(tx: Queryable, userId: string): Promise<boolean> {
  await ensureLoadRows(tx, sql`${userId}::uuid`);
  const reserved = await tx.execute(sql`
    UPDATE case_manager_load AS l SET open_cases = l.open_cases + 1
    FROM staff_profile AS s
    WHERE l.user_id = ${userId} AND s.user_id = l.user_id AND l.open_cases < s.max_open_cases
    RETURNING l.user_id`);
  return reserved.rows.length === 1;
}

/**
 * Creates the load rows that do not exist yet (a case manager's first case). Rows that exist are
 * left out before the insert: `INSERT ... ON CONFLICT DO NOTHING` on an existing row waits for any
 * transaction that has updated it and not yet committed (the unique check must know whether its
 * new version will stand), which would queue every submission behind every place being taken.
 */
async function ensureLoadRows(tx: Queryable, ids: SQL): Promise<void> {
  await tx.execute(sql`
    INSERT INTO case_manager_load (user_id, open_cases)
    SELECT id, 0 FROM unnest(ARRAY[${ids}]) AS id
    WHERE NOT EXISTS (SELECT 1 FROM case_manager_load AS l WHERE l.user_id = id)
    ON CONFLICT (user_id) DO NOTHING`);
}

/** Gives a place back when a case closes, is withdrawn or moves to someone else. */
export async function releasePlace(tx: Queryable, userId: string): Promise<void> {
  await tx
    .update(caseManagerLoad)
    .set({ openCases: sql`greatest(${caseManagerLoad.openCases} - 1, 0)` })
    .where(eq(caseManagerLoad.userId, userId));
}

export async function insertAbsence(
  tx: Queryable,
  input: { id: string; userId: string; startsAt: Date; endsAt: Date; reason: string | null },
): Promise<void> {
  await tx.insert(staffAbsence).values(input);
}

/** A staff member's absences that have not ended by `now`, soonest first. */
export async function upcomingAbsencesOf(db: Queryable, userId: string, now: Date) {
  return db
    .select({
      id: staffAbsence.id,
      startsAt: staffAbsence.startsAt,
      endsAt: staffAbsence.endsAt,
      reason: staffAbsence.reason,
    })
    .from(staffAbsence)
    .where(and(eq(staffAbsence.userId, userId), gt(staffAbsence.endsAt, now)))
    .orderBy(asc(staffAbsence.startsAt), asc(staffAbsence.id));
}

export async function deleteAbsence(tx: Queryable, userId: string, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(staffAbsence)
    .where(and(eq(staffAbsence.userId, userId), eq(staffAbsence.id, id)))
    .returning({ id: staffAbsence.id });
  return deleted.length === 1;
}

/** A staff member's time zone and weekly shifts. */
export async function staffDutyOf(db: Queryable, userId: string) {
  const [row] = await db
    .select({ timeZone: userProfile.timeZone, weeklyShifts: staffProfile.weeklyShifts })
    .from(userProfile)
    .innerJoin(staffProfile, eq(staffProfile.userId, userProfile.userId))
    .where(and(eq(userProfile.userId, userId), isNull(userProfile.disabledAt)));
  return row;
}

/** The absences of a staff member that include the instant `at`. */
export async function staffAbsenceOf(db: Queryable, userId: string, at: Date) {
  return db
    .select({ startsAt: staffAbsence.startsAt, endsAt: staffAbsence.endsAt })
    .from(staffAbsence)
    .where(and(eq(staffAbsence.userId, userId), lt(staffAbsence.startsAt, at), gt(staffAbsence.endsAt, at)));
}

/**
 * Takes a place with the best-ranked case manager whose load row nobody else is holding right
 * now: concurrent submissions spread over equally good case managers instead of queuing behind
 * the same one. Returns undefined when every candidate is full or busy (the caller then waits
 * its turn with `reservePlace`).
 */
export async function reserveFirstFreePlace(
  tx: Queryable,
  rankedUserIds: string[],
  withoutLoadRow: string[],
): Promise<string | undefined> {
  if (rankedUserIds.length === 0) return undefined;
  const uuids = (list: string[]) =>
    sql.join(
      list.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
  const ids = uuids(rankedUserIds);
  if (withoutLoadRow.length > 0) await ensureLoadRows(tx, uuids(withoutLoadRow));
  // LIMIT 1 with SKIP LOCKED locks only the row it returns: the best-ranked free one. (Locking
  // every free candidate would make the next submission find them all busy.)
  const taken = await tx.execute<{ user_id: string }>(sql`
    UPDATE case_manager_load SET open_cases = open_cases + 1
    WHERE user_id = (
      SELECT l.user_id FROM case_manager_load AS l
      JOIN staff_profile AS s ON s.user_id = l.user_id
      WHERE l.user_id IN (${ids}) AND l.open_cases < s.max_open_cases
      ORDER BY array_position(ARRAY[${ids}], l.user_id)
      LIMIT 1
      FOR UPDATE OF l SKIP LOCKED
    )
    RETURNING user_id`);
  return taken.rows[0]?.user_id;
}

/**
 * Every active case manager as the ranking sees them: languages, time zone, weekly shifts, open
 * cases and maximum, and their absences that overlap [from, to). For planning the roster.
 */
export async function caseManagerRoster(db: Queryable, from: Date, to: Date) {
  const rows = await db
    .select({
      userId: userProfile.userId,
      timeZone: userProfile.timeZone,
      languages: staffProfile.languages,
      weeklyShifts: staffProfile.weeklyShifts,
      maxOpenCases: staffProfile.maxOpenCases,
      openCases: sql<number>`coalesce(${caseManagerLoad.openCases}, 0)`,
      absences: sql<{ startsAt: string; endsAt: string }[]>`(
        SELECT coalesce(json_agg(json_build_object('startsAt', a.starts_at, 'endsAt', a.ends_at) ORDER BY a.starts_at), '[]'::json)
        FROM ${staffAbsence} AS a
        WHERE a.user_id = ${userProfile.userId} AND a.ends_at > ${from} AND a.starts_at < ${to})`,
    })
    .from(userProfile)
    .innerJoin(staffProfile, eq(staffProfile.userId, userProfile.userId))
    .leftJoin(caseManagerLoad, eq(caseManagerLoad.userId, userProfile.userId))
    .where(and(eq(userProfile.role, 'case_manager'), isNull(userProfile.disabledAt)))
    .orderBy(asc(userProfile.userId));
  return rows.map((row) => ({
    ...row,
    openCases: Number(row.openCases),
    absences: row.absences.map((absence) => ({
      startsAt: new Date(absence.startsAt),
      endsAt: new Date(absence.endsAt),
    })),
  }));
}
