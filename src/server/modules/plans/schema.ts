import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { planKinds, relationships, type VirtualCareService } from '../../../shared/plans.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const services = (name: string) =>
  text(name)
    .array()
    .$type<VirtualCareService[]>()
    .notNull()
    .default(sql`'{}'::text[]`);

export const planKindEnum = pgEnum('plan_kind', planKinds);
export const relationshipEnum = pgEnum('relationship', relationships);

export const insurer = pgTable('insurer', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** A company whose plan adds Virtual Care services for its employees. */
export const employer = pgTable('employer', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  addedServices: services('added_services'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const planProduct = pgTable('plan_product', {
  id: uuid('id').primaryKey(),
  insurerId: uuid('insurer_id')
    .notNull()
    .references(() => insurer.id),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: planKindEnum('kind').notNull(),
  services: services('services'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * What an employer's contract adds on one of its plans: the Virtual Care services operations turn
 * on for the employees on that plan product. Without a row the plan follows the employer's
 * company-wide `added_services`. Versioned: two operators cannot overwrite each other unseen.
 */
export const employerPlan = pgTable(
  'employer_plan',
  {
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employer.id),
    planProductId: uuid('plan_product_id')
      .notNull()
      .references(() => planProduct.id),
    addOns: services('add_ons'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.employerId, t.planProductId] })],
);

/** One policy: a holder, their dependants, a plan product and the dates it is in force. */
export const membership = pgTable(
  'membership',
  {
    id: uuid('id').primaryKey(),
    membershipNumber: text('membership_number').notNull().unique(),
    planProductId: uuid('plan_product_id')
      .notNull()
      .references(() => planProduct.id),
    employerId: uuid('employer_id').references(() => employer.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('membership_employer_idx').on(t.employerId)],
);

/** A person covered by a membership: the holder or a dependant. */
export const member = pgTable(
  'member',
  {
    id: uuid('id').primaryKey(),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => membership.id),
    /** The number printed on this person's card; used to prove membership at sign-up. */
    memberNumber: text('member_number').notNull().unique(),
    relationship: relationshipEnum('relationship').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    country: text('country').notNull(),
    preferredLanguage: text('preferred_language').notNull().default('en'),
    /** For a minor or a dependant who cannot act alone: the member who acts for them. */
    guardianMemberId: uuid('guardian_member_id').references((): AnyPgColumn => member.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('member_membership_idx').on(t.membershipId),
    index('member_guardian_idx').on(t.guardianMemberId),
  ],
);
