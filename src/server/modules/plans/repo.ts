import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../platform/db/index.js';
import type { PlanKind, Relationship, VirtualCareService } from '../../../shared/plans.js';
import { employer, employerPlan, insurer, member, membership, planProduct } from './schema.js';

/**
 * The register entry matching a membership proof: the number on the member's card (their own
 * member number, or the membership number when they are the only person on it) and their date of
 * birth. Ambiguous proofs (twins on one membership number) match nobody.
 */
export async function findMemberByProof(db: Queryable, number: string, dateOfBirth: string) {
  const normalised = number.trim().toUpperCase();
  const rows = await db
    .select({
      id: member.id,
      givenName: member.givenName,
      familyName: member.familyName,
      country: member.country,
    })
    .from(member)
    .innerJoin(membership, eq(membership.id, member.membershipId))
    .where(
      and(
        eq(member.dateOfBirth, dateOfBirth),
        or(
          sql`upper(${member.memberNumber}) = ${normalised}`,
          sql`upper(${membership.membershipNumber}) = ${normalised}`,
        ),
      ),
    )
    .limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}

/** A member with their membership, plan product and employer: what eligibility is decided on. */
export async function findMemberCoverage(db: Queryable, memberId: string) {
  const [row] = await db
    .select({
      member: {
        id: member.id,
        memberNumber: member.memberNumber,
        relationship: member.relationship,
        givenName: member.givenName,
        familyName: member.familyName,
        dateOfBirth: member.dateOfBirth,
        country: member.country,
        preferredLanguage: member.preferredLanguage,
        guardianMemberId: member.guardianMemberId,
      },
      membership: {
        id: membership.id,
        membershipNumber: membership.membershipNumber,
        startDate: membership.startDate,
        endDate: membership.endDate,
      },
      plan: {
        id: planProduct.id,
        code: planProduct.code,
        name: planProduct.name,
        kind: planProduct.kind,
        services: planProduct.services,
      },
      employer: {
        id: employer.id,
        name: employer.name,
        // The employer's add-ons on this plan when operations set them, else its company-wide ones.
        addedServices: sql<VirtualCareService[]>`coalesce(${employerPlan.addOns}, ${employer.addedServices})`,
      },
      insurer: { id: insurer.id, code: insurer.code, name: insurer.name },
    })
    .from(member)
    .innerJoin(membership, eq(membership.id, member.membershipId))
    .innerJoin(planProduct, eq(planProduct.id, membership.planProductId))
    .innerJoin(insurer, eq(insurer.id, planProduct.insurerId))
    .leftJoin(employer, eq(employer.id, membership.employerId))
    .leftJoin(
      employerPlan,
      and(eq(employerPlan.employerId, membership.employerId), eq(employerPlan.planProductId, planProduct.id)),
    )
    .where(eq(member.id, memberId));
  return row;
}

/** The people a member may act for: themselves and the dependants they are guardian of. */
export async function findDependantsOf(db: Queryable, guardianMemberId: string) {
  return db
    .select({
      id: member.id,
      givenName: member.givenName,
      familyName: member.familyName,
      relationship: member.relationship,
      dateOfBirth: member.dateOfBirth,
    })
    .from(member)
    .where(eq(member.guardianMemberId, guardianMemberId))
    .orderBy(member.dateOfBirth, member.id);
}

export async function findEmployer(db: Queryable, employerId: string) {
  const [row] = await db.select().from(employer).where(eq(employer.id, employerId));
  return row;
}

/** How many people an employer's plans cover: an aggregate, never a list. */
export async function countCoveredByEmployer(db: Queryable, employerId: string, onDate: string) {
  const [row] = await db
    .select({
      members: sql<number>`count(${member.id})::int`,
      memberships: sql<number>`count(distinct ${membership.id})::int`,
    })
    .from(membership)
    .innerJoin(member, eq(member.membershipId, membership.id))
    .where(
      and(
        eq(membership.employerId, employerId),
        sql`${membership.startDate} <= ${onDate}`,
        sql`(${membership.endDate} IS NULL OR ${membership.endDate} >= ${onDate})`,
      ),
    );
  return row ?? { members: 0, memberships: 0 };
}

// --- Register upserts: keyed by the codes and numbers the insurer uses, so re-importing a file
// --- updates what changed and creates nothing twice.

export async function upsertInsurer(tx: Queryable, input: { id: string; code: string; name: string }) {
  const [row] = await tx
    .insert(insurer)
    .values(input)
    .onConflictDoUpdate({ target: insurer.code, set: { name: input.name } })
    .returning({ id: insurer.id });
  return row!.id;
}

export async function upsertEmployer(
  tx: Queryable,
  input: {
    id: string;
    code: string;
    name: string;
    country: string;
    addedServices: VirtualCareService[];
    now: Date;
  },
) {
  const { now, ...values } = input;
  const [row] = await tx
    .insert(employer)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: employer.code,
      set: {
        name: values.name,
        country: values.country,
        addedServices: values.addedServices,
        updatedAt: now,
      },
    })
    .returning({ id: employer.id });
  return row!.id;
}

export async function upsertPlanProduct(
  tx: Queryable,
  input: {
    id: string;
    insurerId: string;
    code: string;
    name: string;
    kind: PlanKind;
    services: VirtualCareService[];
    now: Date;
  },
) {
  const { now, ...values } = input;
  const [row] = await tx
    .insert(planProduct)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: planProduct.code,
      set: {
        name: values.name,
        kind: values.kind,
        services: values.services,
        insurerId: values.insurerId,
        updatedAt: now,
      },
    })
    .returning({ id: planProduct.id });
  return row!.id;
}

export async function upsertMembership(
  tx: Queryable,
  input: {
    id: string;
    membershipNumber: string;
    planProductId: string;
    employerId: string | null;
    startDate: string;
    endDate: string | null;
    now: Date;
  },
) {
  const { now, ...values } = input;
  const [row] = await tx
    .insert(membership)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: membership.membershipNumber,
      set: {
        planProductId: values.planProductId,
        employerId: values.employerId,
        startDate: values.startDate,
        endDate: values.endDate,
        updatedAt: now,
        version: sql`${membership.version} + 1`,
      },
    })
    .returning({ id: membership.id });
  return row!.id;
}

export async function upsertMember(
  tx: Queryable,
  input: {
    id: string;
    membershipId: string;
    memberNumber: string;
    relationship: Relationship;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    country: string;
    preferredLanguage: string;
    guardianMemberId: string | null;
    now: Date;
  },
) {
  const { now, ...values } = input;
  const [row] = await tx
    .insert(member)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: member.memberNumber,
      set: {
        membershipId: values.membershipId,
        relationship: values.relationship,
        givenName: values.givenName,
        familyName: values.familyName,
        dateOfBirth: values.dateOfBirth,
        country: values.country,
        preferredLanguage: values.preferredLanguage,
        guardianMemberId: values.guardianMemberId,
        updatedAt: now,
      },
    })
    .returning({ id: member.id });
  return row!.id;
}

/** Ids of existing register rows by their external keys, for resolving references in imports. */
export async function idsByCode(tx: Queryable) {
  // One after the other: a transaction is one connection, which runs one statement at a time.
  const insurers = await tx.select({ id: insurer.id, key: insurer.code }).from(insurer);
  const employers = await tx.select({ id: employer.id, key: employer.code }).from(employer);
  const plans = await tx.select({ id: planProduct.id, key: planProduct.code }).from(planProduct);
  const memberships = await tx
    .select({ id: membership.id, key: membership.membershipNumber })
    .from(membership);
  const members = await tx.select({ id: member.id, key: member.memberNumber }).from(member);
  const toMap = (rows: { id: string; key: string }[]) => new Map(rows.map((row) => [row.key, row.id]));
  return {
    insurers: toMap(insurers),
    employers: toMap(employers),
    plans: toMap(plans),
    memberships: toMap(memberships),
    members: toMap(members),
  };
}

/** Any constant shared by every instance: register imports take it so that two never interleave. */
const REGISTER_IMPORT_LOCK_KEY = 7_290_104_412;

/** Serialises register imports until the calling transaction ends. */
export async function lockRegisterForImport(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${REGISTER_IMPORT_LOCK_KEY}::bigint)`);
}

/** Looks keys up a slice at a time: a register file may name more keys than one query may bind. */
async function byKeys<T>(keys: Iterable<string>, load: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(keys)];
  const rows: T[] = [];
  for (let start = 0; start < unique.length; start += 5000) {
    rows.push(...(await load(unique.slice(start, start + 5000))));
  }
  return rows;
}

// --- What the register holds for the keys an import names (to tell new, changed, unchanged).

export function findInsurersByCode(tx: Queryable, codes: Iterable<string>) {
  return byKeys(codes, (slice) =>
    tx
      .select({ id: insurer.id, code: insurer.code, name: insurer.name })
      .from(insurer)
      .where(inArray(insurer.code, slice)),
  );
}

export function findPlansByCode(tx: Queryable, codes: Iterable<string>) {
  return byKeys(codes, (slice) =>
    tx
      .select({
        id: planProduct.id,
        code: planProduct.code,
        insurerCode: insurer.code,
        name: planProduct.name,
        kind: planProduct.kind,
        services: planProduct.services,
      })
      .from(planProduct)
      .innerJoin(insurer, eq(insurer.id, planProduct.insurerId))
      .where(inArray(planProduct.code, slice)),
  );
}

export function findEmployersByCode(tx: Queryable, codes: Iterable<string>) {
  return byKeys(codes, (slice) =>
    tx
      .select({
        id: employer.id,
        code: employer.code,
        name: employer.name,
        country: employer.country,
        addedServices: employer.addedServices,
      })
      .from(employer)
      .where(inArray(employer.code, slice)),
  );
}

export function findMembershipsByNumber(tx: Queryable, numbers: Iterable<string>) {
  return byKeys(numbers, (slice) =>
    tx
      .select({
        id: membership.id,
        membershipNumber: membership.membershipNumber,
        planCode: planProduct.code,
        employerCode: employer.code,
        startDate: membership.startDate,
        endDate: membership.endDate,
      })
      .from(membership)
      .innerJoin(planProduct, eq(planProduct.id, membership.planProductId))
      .leftJoin(employer, eq(employer.id, membership.employerId))
      .where(inArray(membership.membershipNumber, slice)),
  );
}

export function findMembersByNumber(tx: Queryable, numbers: Iterable<string>) {
  const guardian = alias(member, 'guardian');
  return byKeys(numbers, (slice) =>
    tx
      .select({
        id: member.id,
        memberNumber: member.memberNumber,
        membershipNumber: membership.membershipNumber,
        relationship: member.relationship,
        givenName: member.givenName,
        familyName: member.familyName,
        dateOfBirth: member.dateOfBirth,
        country: member.country,
        preferredLanguage: member.preferredLanguage,
        guardianMemberNumber: guardian.memberNumber,
      })
      .from(member)
      .innerJoin(membership, eq(membership.id, member.membershipId))
      .leftJoin(guardian, eq(guardian.id, member.guardianMemberId))
      .where(inArray(member.memberNumber, slice)),
  );
}

export async function registerIsEmpty(db: Queryable): Promise<boolean> {
  const rows = await db.select({ id: insurer.id }).from(insurer).limit(1);
  return rows.length === 0;
}
