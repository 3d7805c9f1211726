import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Scenario, StaffingPlanResult, WhatIf } from '../../../shared/planning.js';
import { user } from '../identity/schema.js';

/**
 * A staffing plan operations asked for in the console: the scenario it was planned on (kept, so a
 * plan can be read again and reproduced), the question (target, what-ifs, seeds), and the answer
 * once the planning job has run. Counts and labels only: nothing about any member.
 */
export const staffingPlan = pgTable(
  'staffing_plan',
  {
    id: uuid('id').primaryKey(),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => user.id),
    /** `queued`, `running`, `done` or `failed`. */
    status: text('status').notNull(),
    /** `history` (next week from the database) or `example` (a scenario of planning/examples). */
    source: text('source').notNull(),
    example: text('example'),
    scenario: jsonb('scenario').$type<Scenario>().notNull(),
    targetPercent: doublePrecision('target_percent').notNull(),
    whatIf: jsonb('what_if').$type<WhatIf>().notNull(),
    seeds: integer('seeds').notNull(),
    result: jsonb('result').$type<StaffingPlanResult>(),
    errorCode: text('error_code'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('staffing_plan_requested_idx').on(t.requestedAt)],
);
