import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The audit trail: append-only, hash-chained. Writers insert; a sealer appends committed events to
 * the chain (`chain_pos`, `prev_hash`, `hash`). Triggers in the database refuse every other
 * UPDATE, and every DELETE and TRUNCATE (see the audit migrations).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    /** The order of insertion (a sequence; gaps where a transaction rolled back). */
    seq: bigint('seq', { mode: 'number' })
      .primaryKey()
      .default(sql`nextval('audit_event_seq')`),
    id: uuid('id').notNull().unique(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    subjectMemberId: uuid('subject_member_id'),
    /** For a read of many members' data at once (a queue page): each of them, for their access log. */
    subjectMemberIds: uuid('subject_member_ids').array(),
    purpose: text('purpose').notNull(),
    outcome: text('outcome').notNull(),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    // Set once, when the sealer appends the event to the chain (see the audit_sealing migration).
    chainPos: bigint('chain_pos', { mode: 'number' }).unique(),
    prevHash: bytea('prev_hash'),
    hash: bytea('hash'),
    sealedAt: timestamp('sealed_at', { withTimezone: true }),
  },
  (t) => [
    index('audit_event_subject_idx').on(t.subjectMemberId, t.seq),
    index('audit_event_actor_idx').on(t.actorUserId, t.seq),
    index('audit_event_subjects_idx').using('gin', t.subjectMemberIds),
    index('audit_event_unsealed_idx')
      .on(t.seq)
      .where(sql`${t.hash} IS NULL`),
  ],
);

/** One row: the end of the chain (`seq` is the last chain position). Only the sealer moves it. */
export const auditChainHead = pgTable('audit_chain_head', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: bytea('hash').notNull(),
});

/**
 * Refused accesses per actor and five-minute window: how many, whether operations were alerted,
 * and whether the ones past the first few (recorded one by one) were summarised in the trail. A
 * row is taken with an upsert, so that several instances count together and alert once.
 */
export const accessDenialWindow = pgTable(
  'access_denial_window',
  {
    actorUserId: uuid('actor_user_id').notNull(),
    actorRole: text('actor_role').notNull(),
    windowStartsAt: timestamp('window_starts_at', { withTimezone: true }).notNull(),
    denials: integer('denials').notNull(),
    alertedAt: timestamp('alerted_at', { withTimezone: true }),
    summarisedAt: timestamp('summarised_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.actorUserId, t.windowStartsAt] }),
    index('access_denial_window_unsummarised_idx')
      .on(t.windowStartsAt)
      .where(sql`${t.summarisedAt} IS NULL`),
  ],
);
