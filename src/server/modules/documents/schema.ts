import {
  bigint,
  boolean,
  customType,
  date,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from '../identity/schema.js';
import { member } from '../plans/schema.js';
import { opinionCase } from '../cases/schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const documentKinds = ['report', 'prescription', 'test_result', 'imaging', 'letter', 'other'] as const;
export const documentKindEnum = pgEnum('document_kind', documentKinds);
export const documentSources = [
  'member',
  'case_manager',
  'treating_provider',
  'specialist',
  'system',
] as const;
export const documentSourceEnum = pgEnum('document_source', documentSources);

/**
 * A record of the case. The content lives encrypted in the document store (AES-256-GCM with a
 * per-file data key, wrapped by the master key); this row holds what is needed to find, decrypt
 * and verify it. The title may be health data: never in a URL, a log line or an e-mail.
 */
export const caseDocument = pgTable(
  'case_document',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    kind: documentKindEnum('kind').notNull(),
    source: documentSourceEnum('source').notNull(),
    title: text('title').notNull(),
    documentDate: date('document_date', { mode: 'string' }),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    wrappedKey: bytea('wrapped_key').notNull(),
    /** The record request this upload answers, if any. */
    recordRequestId: uuid('record_request_id'),
    /** Null for a document a treating provider sent through their link (they have no account). */
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => user.id),
    /** Who sent it, when not one of our users: the treating provider's name and institution. */
    sourceName: text('source_name'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_document_case_idx').on(t.caseId, t.createdAt)],
);

export const recordRequestStatusEnum = pgEnum('record_request_status', [
  'outstanding',
  'received',
  'cancelled',
]);

/** What the case manager asked for: the checklist of requested, received and outstanding records. */
export const recordRequest = pgTable(
  'record_request',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    kind: documentKindEnum('kind').notNull(),
    description: text('description').notNull(),
    requestedFrom: text('requested_from').notNull(),
    status: recordRequestStatusEnum('status').notNull().default('outstanding'),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => user.id),
    createdAt: ts('created_at').notNull(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [index('record_request_case_idx').on(t.caseId, t.createdAt)],
);

/**
 * The member's consent to share records with specialists: given, withdrawn, when, and its scope
 * (`all` documents of the case, or the listed ones). The review room relies on it.
 */
export const sharingConsent = pgTable(
  'sharing_consent',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    scope: text('scope').notNull(),
    documentIds: uuid('document_ids').array(),
    givenByUserId: uuid('given_by_user_id')
      .notNull()
      .references(() => user.id),
    givenAt: ts('given_at').notNull(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [index('sharing_consent_case_idx').on(t.caseId, t.givenAt)],
);

/**
 * Who works on an unfinished resumable upload right now, across every instance: a lease renewed
 * while the request runs and given up when it ends (`upload-lock.ts`). A crashed instance's lease
 * runs out on its own.
 */
export const resumableUploadLock = pgTable('resumable_upload_lock', {
  uploadId: text('upload_id').primaryKey(),
  holder: uuid('holder').notNull(),
  expiresAt: ts('expires_at').notNull(),
  /** Another request for the upload asked the holder to let go (a client that resumed elsewhere). */
  releaseRequested: boolean('release_requested').notNull().default(false),
});
