import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BenefitCategory, BenefitRulesVersion } from '../../../shared/coverage.js';
import { member, membership, planProduct } from '../plans/schema.js';

/**
 * One version of a plan product's benefit rules, in force from `effective_from` to `effective_to`
 * (inclusive; open-ended when null). The versions of a plan never overlap (the import checks it
 * under a lock). `rules` is the version as the rules file states it, checked against its schema.
 */
export const benefitRulesVersion = pgTable(
  'benefit_rules_version',
  {
    id: uuid('id').primaryKey(),
    planProductId: uuid('plan_product_id')
      .notNull()
      .references(() => planProduct.id),
    label: text('label').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    currency: text('currency').notNull(),
    rules: jsonb('rules').$type<BenefitRulesVersion>().notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('benefit_rules_version_label_idx').on(t.planProductId, t.label),
    index('benefit_rules_version_from_idx').on(t.planProductId, t.effectiveFrom),
  ],
);

/** A condition the member declared before joining, excluded from cover (an ICD-10 range). */
export const declaredCondition = pgTable(
  'declared_condition',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    icd10From: text('icd10_from').notNull(),
    icd10To: text('icd10_to').notNull(),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('declared_condition_range_idx').on(t.memberId, t.icd10From, t.icd10To)],
);

export const benefitUsageSources = ['preauthorisation', 'paid_import'] as const;
export const benefitUsageSourceEnum = pgEnum('benefit_usage_source', benefitUsageSources);

/**
 * The usage ledger: what has been used of each benefit's limit, per membership and plan year.
 * Approved pre-authorisations count against the limit; the insurer's paid claims are imported.
 * Entries are only added; one source's reference is entered once.
 */
export const benefitUsage = pgTable(
  'benefit_usage',
  {
    id: uuid('id').primaryKey(),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => membership.id),
    benefit: text('benefit').$type<BenefitCategory>().notNull(),
    planYearStart: date('plan_year_start', { mode: 'string' }).notNull(),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    /** What the plan paid or approved (minor units). */
    planPaid: bigint('plan_paid', { mode: 'number' }).notNull(),
    /** What the member bore of the deductible (minor units). */
    deductibleBorne: bigint('deductible_borne', { mode: 'number' }).notNull().default(0),
    sessions: integer('sessions').notNull().default(0),
    source: benefitUsageSourceEnum('source').notNull(),
    /** The claim's or the pre-authorisation's reference at its source. */
    reference: text('reference').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('benefit_usage_reference_idx').on(t.source, t.reference),
    index('benefit_usage_year_idx').on(t.membershipId, t.benefit, t.planYearStart),
  ],
);
