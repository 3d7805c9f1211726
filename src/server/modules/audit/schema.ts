import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The audit trail: append-only, hash-chained. `seq`, `prev_hash` and `hash` are set by a trigger
 * in the database (see the audit migration), which also refuses UPDATE and DELETE.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    // seq, prev_hash and hash: the defaults are placeholders the append trigger always replaces.
    seq: bigint('seq', { mode: 'number' }).primaryKey().default(0),
    id: uuid('id').notNull().unique(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    subjectMemberId: uuid('subject_member_id'),
    purpose: text('purpose').notNull(),
    outcome: text('outcome').notNull(),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: bytea('prev_hash')
      .notNull()
      .default(sql`'\\x'::bytea`),
    hash: bytea('hash')
      .notNull()
      .default(sql`'\\x'::bytea`),
  },
  (t) => [
    index('audit_event_subject_idx').on(t.subjectMemberId, t.seq),
    index('audit_event_actor_idx').on(t.actorUserId, t.seq),
  ],
);

/** One row: the end of the chain. Appending locks it, which orders concurrent appends. */
export const auditChainHead = pgTable('audit_chain_head', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: bytea('hash').notNull(),
});
