import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../identity/schema.js';
import { opinionCase } from '../cases/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** The thread of a case between the member (or guardian) and the case manager. */
export const caseMessage = pgTable(
  'case_message',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => user.id),
    authorRole: text('author_role').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_message_case_idx').on(t.caseId, t.createdAt, t.id)],
);

/** Read receipts: who read which message, when. */
export const messageRead = pgTable(
  'message_read',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => caseMessage.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    readAt: ts('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] })],
);
