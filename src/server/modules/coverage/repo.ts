import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import type { BenefitCategory, BenefitRulesVersion } from '../../../shared/coverage.js';
import { benefitRulesVersion, benefitUsage, declaredCondition } from './schema.js';
import type { BenefitUsage } from './check.js';
import type { ConditionEntry, PaidEntry } from './ledger-files.js';

/** The version of a plan's rules in force on a day, if any. */
export async function findRulesInForce(db: Queryable, planProductId: string, onDate: string) {
  const [row] = await db
    .select({ id: benefitRulesVersion.id, rules: benefitRulesVersion.rules })
    .from(benefitRulesVersion)
    .where(
      and(
        eq(benefitRulesVersion.planProductId, planProductId),
        lte(benefitRulesVersion.effectiveFrom, onDate),
        or(isNull(benefitRulesVersion.effectiveTo), gte(benefitRulesVersion.effectiveTo, onDate)),
      ),
    )
    .limit(1);
  return row;
}

/** Every version of the rules of some plans, oldest first. */
export async function listRulesOfPlans(db: Queryable, planProductIds: string[]) {
  if (planProductIds.length === 0) return [];
  return db
    .select({ planProductId: benefitRulesVersion.planProductId, rules: benefitRulesVersion.rules })
    .from(benefitRulesVersion)
    .where(inArray(benefitRulesVersion.planProductId, planProductIds))
    .orderBy(asc(benefitRulesVersion.effectiveFrom));
}

/** A plan's versions as the file states them: the ones it had are replaced. */
export async function replaceRulesOfPlan(
  tx: Queryable,
  planProductId: string,
  versions: { id: string; rules: BenefitRulesVersion }[],
  now: Date,
) {
  await tx.delete(benefitRulesVersion).where(eq(benefitRulesVersion.planProductId, planProductId));
  await tx.insert(benefitRulesVersion).values(
    versions.map(({ id, rules }) => ({
      id,
      planProductId,
      label: rules.label,
      effectiveFrom: rules.effectiveFrom,
      effectiveTo: rules.effectiveTo,
      currency: rules.currency,
      rules,
      importedAt: now,
    })),
  );
}

/** What has been used of a benefit in a plan year: the sums of the ledger. */
export async function usageOf(
  db: Queryable,
  membershipId: string,
  benefit: BenefitCategory,
  planYearStart: string,
): Promise<BenefitUsage> {
  const [row] = await db
    .select({
      planPaid: sql<number>`coalesce(sum(${benefitUsage.planPaid}), 0)::bigint`.mapWith(Number),
      deductibleBorne: sql<number>`coalesce(sum(${benefitUsage.deductibleBorne}), 0)::bigint`.mapWith(Number),
      sessions: sql<number>`coalesce(sum(${benefitUsage.sessions}), 0)::int`.mapWith(Number),
    })
    .from(benefitUsage)
    .where(
      and(
        eq(benefitUsage.membershipId, membershipId),
        eq(benefitUsage.benefit, benefit),
        eq(benefitUsage.planYearStart, planYearStart),
      ),
    );
  return row ?? { planPaid: 0, deductibleBorne: 0, sessions: 0 };
}

/** Adds paid claims to the ledger; a reference already there is left as it is. Returns how many were new. */
export async function addPaidClaims(tx: Queryable, entries: (PaidEntry & { id: string })[], now: Date) {
  let added = 0;
  for (let start = 0; start < entries.length; start += 1000) {
    const rows = await tx
      .insert(benefitUsage)
      .values(
        entries.slice(start, start + 1000).map((entry) => ({
          id: entry.id,
          membershipId: entry.membershipId,
          benefit: entry.benefit,
          planYearStart: entry.planYearStart,
          serviceDate: entry.serviceDate,
          currency: entry.currency,
          planPaid: entry.planPaid,
          deductibleBorne: entry.deductibleBorne,
          sessions: entry.sessions,
          source: 'paid_import' as const,
          reference: entry.reference,
          recordedAt: now,
        })),
      )
      .onConflictDoNothing({ target: [benefitUsage.source, benefitUsage.reference] })
      .returning({ id: benefitUsage.id });
    added += rows.length;
  }
  return added;
}

/** An approved pre-authorisation in the ledger, once: approving it again adds nothing. */
export async function addPreauthorisedUse(
  tx: Queryable,
  entry: {
    id: string;
    preauthorisationId: string;
    membershipId: string;
    benefit: BenefitCategory;
    planYearStart: string;
    serviceDate: string;
    currency: string;
    approvedAmount: number;
    deductibleBorne: number;
    sessions: number;
    now: Date;
  },
): Promise<void> {
  await tx
    .insert(benefitUsage)
    .values({
      id: entry.id,
      membershipId: entry.membershipId,
      benefit: entry.benefit,
      planYearStart: entry.planYearStart,
      serviceDate: entry.serviceDate,
      currency: entry.currency,
      planPaid: entry.approvedAmount,
      deductibleBorne: entry.deductibleBorne,
      sessions: entry.sessions,
      source: 'preauthorisation',
      reference: entry.preauthorisationId,
      recordedAt: entry.now,
    })
    .onConflictDoNothing({ target: [benefitUsage.source, benefitUsage.reference] });
}

/** A member's declared pre-existing conditions, as ICD-10 ranges. */
export async function declaredConditionsOf(db: Queryable, memberId: string) {
  return db
    .select({ from: declaredCondition.icd10From, to: declaredCondition.icd10To })
    .from(declaredCondition)
    .where(eq(declaredCondition.memberId, memberId))
    .orderBy(asc(declaredCondition.icd10From));
}

export async function addDeclaredConditions(
  tx: Queryable,
  entries: (Omit<ConditionEntry, 'line' | 'memberNumber'> & { id: string; memberId: string })[],
) {
  if (entries.length === 0) return 0;
  const rows = await tx
    .insert(declaredCondition)
    .values(entries)
    .onConflictDoNothing({
      target: [declaredCondition.memberId, declaredCondition.icd10From, declaredCondition.icd10To],
    })
    .returning({ id: declaredCondition.id });
  return rows.length;
}

/** Any constant shared by every instance: coverage imports take it so that two never interleave. */
const COVERAGE_IMPORT_LOCK_KEY = 7_290_104_413;

export async function lockCoverageForImport(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${COVERAGE_IMPORT_LOCK_KEY}::bigint)`);
}
