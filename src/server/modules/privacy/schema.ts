import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
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
import { exportStatuses, privacyRequestKinds, privacyRequestStatuses } from '../../../shared/privacy.js';
import { user } from '../identity/schema.js';
import { member } from '../plans/schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const dataExportStatusEnum = pgEnum('data_export_status', exportStatuses);

/**
 * A member's archive of everything we hold about them. Built by a job into the document store,
 * encrypted like a document (its wrapped key here, never beside the blob); downloadable by the
 * account that asked until `expires_at`, then swept. One building at a time per member.
 */
export const dataExport = pgTable(
  'data_export',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => user.id),
    status: dataExportStatusEnum('status').notNull(),
    storageKey: text('storage_key').unique(),
    wrappedKey: bytea('wrapped_key'),
    sha256: text('sha256'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    requestedAt: ts('requested_at').notNull(),
    /** While a worker builds it: until when its claim holds (a crashed worker's claim runs out). */
    claimedUntil: ts('claimed_until'),
    readyAt: ts('ready_at'),
    expiresAt: ts('expires_at'),
  },
  (t) => [
    index('data_export_member_idx').on(t.memberId, t.requestedAt),
    // The database keeps "one archive building per member", whatever the number of instances.
    uniqueIndex('data_export_one_building_idx')
      .on(t.memberId)
      .where(sql`${t.status} = 'building'`),
    index('data_export_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'ready'`),
  ],
);

export const privacyRequestKindEnum = pgEnum('privacy_request_kind', privacyRequestKinds);
export const privacyRequestStatusEnum = pgEnum('privacy_request_status', privacyRequestStatuses);

/**
 * A member's request to the privacy officer (access, rectification, erasure, restriction,
 * objection), with its legal deadline: one month from receipt, extendable once by two months with
 * a reason. The member's message may be personal data: never in a log or an e-mail.
 */
export const privacyRequest = pgTable(
  'privacy_request',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    requestedByUserId: uuid('requested_by_user_id').references(() => user.id),
    kind: privacyRequestKindEnum('kind').notNull(),
    status: privacyRequestStatusEnum('status').notNull().default('open'),
    message: text('message'),
    receivedAt: ts('received_at').notNull(),
    dueAt: ts('due_at').notNull(),
    extendedAt: ts('extended_at'),
    extensionReason: text('extension_reason'),
    /** The reminder before the deadline went to the privacy officers (once per deadline). */
    remindedForDueAt: ts('reminded_for_due_at'),
    decidedAt: ts('decided_at'),
    decidedByUserId: uuid('decided_by_user_id').references(() => user.id),
    answer: text('answer'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('privacy_request_due_idx')
      .on(t.dueAt, t.id)
      .where(sql`${t.status} = 'open'`),
    index('privacy_request_member_idx').on(t.memberId, t.receivedAt),
  ],
);

/** What one erasure removed: replayed at start so that a restored backup never brings it back. */
export interface ErasureScope {
  /** The cases whose records were erased (past their retention), by id. */
  caseIds: string[];
  /** The member's account was pseudonymised and closed. */
  account: boolean;
  /** The register entry (name, date of birth, numbers) was pseudonymised. */
  register: boolean;
}

/**
 * The erasure ledger: one line per erasure, ids only (no personal data), kept in the database and
 * appended to a file outside it (`ERASURE_LEDGER_FILE`). At start the two are reconciled and every
 * erasure replayed (each step is idempotent), so a database restored from a backup made before an
 * erasure loses again what was erased.
 */
export const erasureLedger = pgTable('erasure_ledger', {
  id: uuid('id').primaryKey(),
  memberId: uuid('member_id').notNull(),
  privacyRequestId: uuid('privacy_request_id'),
  erasedAt: ts('erased_at').notNull(),
  scope: jsonb('scope').$type<ErasureScope>().notNull(),
});
