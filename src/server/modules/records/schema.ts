import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { opinionCase } from '../cases/schema.js';
import { caseDocument } from '../documents/schema.js';
import { user } from '../identity/schema.js';
import { member } from '../plans/schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A treating doctor or institution of a case, from the member's request or added by the case
 * manager: where records are asked for. The e-mail address is contact data: never in a log line,
 * an audit detail or a URL.
 */
export const caseProvider = pgTable(
  'case_provider',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    name: text('name').notNull(),
    institution: text('institution').notNull(),
    country: text('country').notNull(),
    email: text('email').notNull(),
    /** The language the provider is written to in (a product locale). */
    language: text('language').notNull(),
    /** `member_request` (the first-opinion doctor the member named) or `case_manager`. */
    origin: text('origin').notNull(),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => user.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('case_provider_case_idx').on(t.caseId, t.createdAt),
    // The doctor of the member's request becomes a provider once.
    uniqueIndex('case_provider_from_request_unique')
      .on(t.caseId)
      .where(sql`${t.origin} = 'member_request'`),
  ],
);

/**
 * The member's signed release: records of the kinds named, from one provider, to us, until a
 * date. Typed name and a tick, with the time and the client's address; the signed form is filed as
 * a PDF among the case's documents. Withdrawing it closes every link it opened, at once.
 */
export const recordRelease = pgTable(
  'record_release',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => caseProvider.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    kinds: text('kinds').array().notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    signedName: text('signed_name').notNull(),
    signedAt: ts('signed_at').notNull(),
    signedByUserId: uuid('signed_by_user_id')
      .notNull()
      .references(() => user.id),
    /** The address the signature came from, as the server saw it. */
    clientAddress: text('client_address').notNull(),
    documentId: uuid('document_id').references(() => caseDocument.id),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [index('record_release_case_idx').on(t.caseId, t.signedAt)],
);

/**
 * What the case manager asked one provider for, and the provider's link: a random token (32
 * bytes) of which only the SHA-256 is kept. The link works from `sentAt` until `expiresAt`, the
 * provider's answer (`finishedAt`), or `closedAt` (the release withdrawn, the link revoked).
 */
export const providerRecordRequest = pgTable(
  'provider_record_request',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => caseProvider.id),
    kinds: text('kinds').array().notNull(),
    releaseId: uuid('release_id').references(() => recordRelease.id),
    tokenHash: bytea('token_hash').unique(),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => user.id),
    requestedAt: ts('requested_at').notNull(),
    authorisedAt: ts('authorised_at'),
    sentAt: ts('sent_at'),
    openedAt: ts('opened_at'),
    expiresAt: ts('expires_at'),
    /** The provider's answer: `received` (sent everything) or `not_held`. */
    outcome: text('outcome'),
    finishedAt: ts('finished_at'),
    /** The case manager was told the link expired unanswered. */
    overdueAt: ts('overdue_at'),
    /** `withdrawn` (the release) or `revoked` (the case manager). */
    closedReason: text('closed_reason'),
    closedAt: ts('closed_at'),
  },
  (t) => [index('provider_record_request_case_idx').on(t.caseId, t.requestedAt)],
);

/** A document a provider sent through a request's link. */
export const providerUpload = pgTable(
  'provider_upload',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => caseDocument.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => providerRecordRequest.id),
    kind: text('kind').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [index('provider_upload_request_idx').on(t.requestId, t.receivedAt)],
);
