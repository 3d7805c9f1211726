import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { VirtualCareService } from '../../../shared/plans.js';
import { planProduct } from '../plans/schema.js';

/**
 * How a member reaches a Virtual Care service: a phone number, opening hours and a link per
 * language, for one plan product or (without one) for every plan that has the service. Data, not
 * code: each insurer's partners differ.
 */
export const virtualCareContact = pgTable(
  'virtual_care_contact',
  {
    id: uuid('id').primaryKey(),
    service: text('service').$type<VirtualCareService>().notNull(),
    planProductId: uuid('plan_product_id').references(() => planProduct.id),
    /** E.164. */
    phone: text('phone'),
    /** ISO weekdays (1 = Monday) the line is open; null with `opens`: round the clock. */
    days: integer('days').array(),
    opens: text('opens'),
    closes: text('closes'),
    timeZone: text('time_zone'),
    /** The service's page per language (BCP 47), `en` at least when there is a page. */
    urls: jsonb('urls')
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('virtual_care_contact_service_plan').on(t.service, t.planProductId).nullsNotDistinct()],
);
