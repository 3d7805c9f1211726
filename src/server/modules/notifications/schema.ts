import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox: a notification is written in the same transaction as the change that
 * causes it, and sent after commit by a job. Parameters never carry health data: a case number,
 * a link, a name of staff at most.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey(),
    /** The template, e.g. `case.message_received`; decides subject and body in every language. */
    template: text('template').notNull(),
    channel: text('channel').notNull().default('email'),
    recipientUserId: uuid('recipient_user_id'),
    /** For recipients without an account (rare); otherwise the address is looked up at send time. */
    recipientAddress: text('recipient_address'),
    locale: text('locale').notNull().default('en'),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    /** Writing the same key twice sends once. */
    dedupeKey: text('dedupe_key').unique(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notification_outbox_pending_idx').on(t.status, t.availableAt),
    // How many e-mails of a kind a person was sent lately (the limit on asking for a link again).
    index('notification_outbox_recipient_idx').on(t.recipientUserId, t.template, t.createdAt),
  ],
);
