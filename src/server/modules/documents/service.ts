import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type {
  CaseDocument,
  DocumentUploadFields,
  RecordChecklist,
  RecordRequest,
  SharingConsent,
  SharingConsentCreation,
} from '../../../shared/documents.js';
import type { Clock } from '../../platform/clock.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError, notFound, notFoundFor } from '../../platform/errors.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/logger.js';
import { IntegrityError } from '../../platform/storage/envelope.js';
import { recordAudit } from '../audit/index.js';

import * as cases from '../cases/index.js';
import {
  caseAuditRecord,
  caseForActor,
  isOpen,
  notifyRecordsRequested,
  transition,
  type Relation,
} from '../cases/index.js';
import { blobOwners, sharingConsentWithdrawn } from './hooks.js';
import { presentDocument } from './present.js';
import { documentsPolicy, sourceFor } from './policy.js';
import * as repo from './repo.js';
import { fileExtension } from './sniff.js';
import {
  discardContent,
  documentBlobs,
  documentStaging,
  ingestContent,
  openContent,
  type IngestedContent,
} from './store.js';

type DocumentSettings = Pick<Config, 'dataDir' | 'objectStore' | 'documentMasterKey' | 'documentMaxBytes'>;

/**
 * The case, through the case core, when the actor may see its records (404 otherwise); a relation
 * that may read but not `can` gets 403: they know the case exists.
 */
const caseForRecords = (
  tx: Queryable,
  actor: Actor,
  caseId: string,
  can: (relation: Relation) => boolean,
  lock: boolean,
) => caseForActor(tx, actor, caseId, { lock, sees: documentsPolicy.read, may: can });

async function assertRecordRequestOpen(db: Queryable, caseId: string, id: string, lock: boolean) {
  const request = lock
    ? await repo.lockRecordRequest(db, caseId, id)
    : await repo.findRecordRequest(db, caseId, id);
  if (!request) throw new AppError('record_request.unknown');
  if (request.status !== 'outstanding') throw new AppError('record_request.not_outstanding');
  return request;
}

/**
 * Checks, before any byte is stored, that the actor may upload to this case now and that the
 * record request named (if any) is still open. The same checks run again when the upload commits.
 */
export async function prepareUpload(
  ctx: RequestContext,
  caseId: string,
  fields: DocumentUploadFields,
): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const { kase } = await caseForRecords(tx, actor, caseId, documentsPolicy.upload, false);
    if (!isOpen(kase.status))
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    if (fields.recordRequestId) await assertRecordRequestOpen(tx, caseId, fields.recordRequestId, false);
  });
}

/**
 * Records an upload whose content is already sealed in the store: the metadata row, the record
 * request it answers, the timeline entry and the audit event, in one transaction. When that
 * transaction fails the blob is removed at once (the sweeper is the second line).
 */
async function commitUpload(
  ctx: RequestContext,
  config: DocumentSettings,
  caseId: string,
  fields: DocumentUploadFields,
  content: IngestedContent,
  via: 'multipart' | 'resumable',
): Promise<CaseDocument> {
  const actor = actorOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const { kase, relation } = await caseForRecords(tx, actor, caseId, documentsPolicy.upload, true);
      if (!isOpen(kase.status))
        throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
      const now = ctx.clock.now();
      if (fields.recordRequestId) {
        await assertRecordRequestOpen(tx, caseId, fields.recordRequestId, true);
        await repo.markRecordRequestReceived(tx, fields.recordRequestId, now);
      }
      const id = uuidv7();
      await repo.insertDocument(tx, {
        id,
        caseId,
        kind: fields.kind,
        source: sourceFor(relation),
        title: fields.title,
        documentDate: fields.documentDate ?? null,
        mediaType: content.mediaType,
        sizeBytes: content.sizeBytes,
        sha256: content.sha256,
        storageKey: content.storageKey,
        wrappedKey: content.wrappedKey,
        recordRequestId: fields.recordRequestId ?? null,
        uploadedByUserId: actor.userId,
        sourceName: null,
        createdAt: now,
      });
      // The title may be health data: the timeline names the document, not what it says.
      await cases.appendEvent(tx, {
        id: uuidv7(),
        caseId,
        type: 'document_uploaded',
        actorUserId: actor.userId,
        actorRole: actor.role,
        data: { documentId: id, kind: fields.kind, recordRequestId: fields.recordRequestId ?? null },
        occurredAt: now,
      });
      await recordAudit(
        tx,
        ctx,
        {
          action: 'document.uploaded',
          details: {
            kind: fields.kind,
            mediaType: content.mediaType,
            sizeBytes: content.sizeBytes,
            via,
            answersRecordRequest: Boolean(fields.recordRequestId),
          },
        },
        caseAuditRecord(actor, kase, { type: 'case_document', id: id }),
      );
      return presentDocument((await repo.findDocument(tx, caseId, id))!);
    });
  } catch (error) {
    await discardContent(config, content.storageKey);
    throw error;
  }
}

/**
 * The member, their guardian or the case manager adds a record to the case: checked, streamed
 * through the type check, hashed and encrypted into the store, then recorded.
 */
export async function uploadDocument(
  ctx: RequestContext,
  config: DocumentSettings,
  input: {
    caseId: string;
    fields: DocumentUploadFields;
    source: Readable;
    via: 'multipart' | 'resumable';
    /** Throws when the transport did not deliver the whole file (cut connection, size limit). */
    beforeCommit?: () => void;
    /** Set when `prepareUpload` already ran for this request. */
    prepared?: boolean;
  },
): Promise<CaseDocument> {
  if (!input.prepared) await prepareUpload(ctx, input.caseId, input.fields);
  const content = await ingestContent(config, {
    source: input.source,
    kind: input.fields.kind,
    beforeCommit: input.beforeCommit,
  });
  return commitUpload(ctx, config, input.caseId, input.fields, content, input.via);
}

export async function listDocuments(ctx: RequestContext, caseId: string): Promise<{ items: CaseDocument[] }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForRecords(tx, actor, caseId, documentsPolicy.read, false);
    const rows = await repo.listDocuments(tx, caseId);
    await recordAudit(
      tx,
      ctx,
      { action: 'document.listed', details: { count: rows.length } },
      caseAuditRecord(actor, kase, { type: 'case_document_list', id: kase.id }),
    );
    return { items: rows.map(presentDocument) };
  });
}

export interface DocumentContent {
  stream: Readable;
  mediaType: string;
  sizeBytes: number;
  /** Generic on purpose: `document-<id>.<ext>`, never the title. */
  fileName: string;
}

/**
 * Opens a document for download. The read is audited before a byte leaves; the content is
 * verified as it streams, and a mismatch raises an integrity alarm (ids only, no health data).
 */
export async function openDocument(
  ctx: RequestContext,
  config: Pick<Config, 'dataDir' | 'objectStore' | 'documentMasterKey'>,
  caseId: string,
  documentId: string,
): Promise<DocumentContent> {
  const actor = actorOf(ctx);
  const row = await ctx.db.transaction(async (tx) => {
    const { kase } = await caseForRecords(tx, actor, caseId, documentsPolicy.read, false);
    const found = await repo.findDocument(tx, caseId, documentId);
    if (!found) throw notFoundFor({ entityType: 'document', entityId: documentId, reason: 'no_such_record' });
    await recordAudit(
      tx,
      ctx,
      { action: 'document.downloaded', details: {} },
      caseAuditRecord(actor, kase, { type: 'case_document', id: documentId }),
    );
    return found;
  });
  const alarm = (reason: string) =>
    ctx.log.error(
      { alarm: 'document_integrity', caseId, documentId, storageKey: row.storageKey, reason },
      'a stored document failed its integrity check',
    );
  let stream: Readable;
  try {
    stream = await openContent(config, row);
  } catch (error) {
    if (error instanceof IntegrityError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      alarm((error as Error).message);
      throw new AppError('document.unavailable');
    }
    throw error;
  }
  stream.once('error', (error) => {
    if (error instanceof IntegrityError) alarm(error.message);
  });
  const mediaType = row.mediaType as CaseDocument['mediaType'];
  return {
    stream,
    mediaType: mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : mediaType,
    sizeBytes: row.sizeBytes,
    fileName: `document-${row.id}.${fileExtension[mediaType] ?? 'bin'}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Record requests: the checklist of what the case manager asked for.

function presentRecordRequest(
  item: Awaited<ReturnType<typeof repo.listRecordRequests>>[number],
): RecordRequest {
  const { request, document } = item;
  return {
    id: request.id,
    caseId: request.caseId,
    kind: request.kind,
    description: request.description,
    requestedFrom: request.requestedFrom as RecordRequest['requestedFrom'],
    status: request.status,
    requestedAt: request.createdAt.toISOString(),
    resolvedAt: request.resolvedAt?.toISOString() ?? null,
    document: document
      ? { id: document.id, kind: document.kind, createdAt: document.createdAt.toISOString() }
      : null,
  };
}

export async function createRecordRequest(
  ctx: RequestContext,
  caseId: string,
  input: { kind: RecordRequest['kind']; description: string; requestedFrom: RecordRequest['requestedFrom'] },
): Promise<RecordRequest> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForRecords(tx, actor, caseId, documentsPolicy.requestRecords, true);
    if (!isOpen(kase.status))
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    const now = ctx.clock.now();
    const id = uuidv7();
    // The first records asked for after the first contact start the gathering of the case.
    if (kase.status === 'contacted') {
      await transition(tx, ctx, { kase, event: 'start_gathering', relation, data: { recordRequestId: id } });
    }
    await repo.insertRecordRequest(tx, {
      id,
      caseId,
      kind: input.kind,
      description: input.description,
      requestedFrom: input.requestedFrom,
      status: 'outstanding',
      requestedByUserId: actor.userId,
      createdAt: now,
    });
    // The description may name a condition: the timeline carries the kind only.
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'record_requested',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { recordRequestId: id, kind: input.kind, requestedFrom: input.requestedFrom },
      occurredAt: now,
    });
    if (input.requestedFrom === 'member') await notifyRecordsRequested(tx, ctx, kase);
    await recordAudit(
      tx,
      ctx,
      { action: 'record_request.created', details: { kind: input.kind, requestedFrom: input.requestedFrom } },
      caseAuditRecord(actor, kase, { type: 'record_request', id: id }),
    );
    return presentRecordRequest({ request: (await repo.findRecordRequest(tx, caseId, id))!, document: null });
  });
}

export async function listRecordRequests(ctx: RequestContext, caseId: string): Promise<RecordChecklist> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForRecords(tx, actor, caseId, documentsPolicy.read, false);
    const items = (await repo.listRecordRequests(tx, caseId)).map(presentRecordRequest);
    await recordAudit(
      tx,
      ctx,
      { action: 'record_request.listed', details: { count: items.length } },
      caseAuditRecord(actor, kase, { type: 'record_request_list', id: kase.id }),
    );
    const live = items.filter((item) => item.status !== 'cancelled');
    return {
      requested: live.length,
      received: live.filter((item) => item.status === 'received').length,
      outstanding: live.filter((item) => item.status === 'outstanding').length,
      items,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Consent to share records with specialists.

function presentConsent(row: repo.SharingConsentRow): SharingConsent {
  return {
    id: row.id,
    caseId: row.caseId,
    scope: row.scope as SharingConsent['scope'],
    documentIds: row.documentIds,
    givenAt: row.givenAt.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    active: row.withdrawnAt === null,
  };
}

/**
 * The member (or guardian) consents to sharing the case's records with the specialists the case
 * manager chooses: all of them, or the ones listed. A new consent replaces the one in force.
 */
export async function giveSharingConsent(
  ctx: RequestContext,
  caseId: string,
  input: SharingConsentCreation,
): Promise<SharingConsent> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForRecords(tx, actor, caseId, documentsPolicy.decideSharing, true);
    const documentIds = input.scope === 'selected' ? [...new Set(input.documentIds)] : null;
    if (documentIds) {
      const known = await repo.documentIdsOfCase(tx, caseId, documentIds);
      if (known.length !== documentIds.length) throw new AppError('consent.document_unknown');
    }
    const now = ctx.clock.now();
    const replaced = await repo.withdrawSharingConsents(tx, caseId, now);
    const id = uuidv7();
    await repo.insertSharingConsent(tx, {
      id,
      caseId,
      memberId: kase.memberId,
      scope: input.scope,
      documentIds,
      givenByUserId: actor.userId,
      givenAt: now,
    });
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'sharing_consent_given',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { consentId: id, scope: input.scope, documentCount: documentIds?.length ?? null },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      {
        action: 'sharing_consent.given',
        details: { scope: input.scope, documentCount: documentIds?.length ?? null, replaced },
      },
      caseAuditRecord(actor, kase, { type: 'sharing_consent', id: id }),
    );
    return presentConsent((await repo.findSharingConsent(tx, caseId, id))!);
  });
}

export async function withdrawSharingConsent(
  ctx: RequestContext,
  caseId: string,
  consentId: string,
): Promise<SharingConsent> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForRecords(tx, actor, caseId, documentsPolicy.decideSharing, true);
    const consent = await repo.findSharingConsent(tx, caseId, consentId);
    if (!consent) throw notFound();
    if (consent.withdrawnAt) throw new AppError('consent.already_withdrawn');
    const now = ctx.clock.now();
    await repo.withdrawSharingConsents(tx, caseId, now, consentId);
    // Specialists lose access at once: the review in progress ends with the consent.
    await sharingConsentWithdrawn.run(tx, ctx, caseId);
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'sharing_consent_withdrawn',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { consentId },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'sharing_consent.withdrawn', details: {} },
      caseAuditRecord(actor, kase, { type: 'sharing_consent', id: consentId }),
    );
    return presentConsent((await repo.findSharingConsent(tx, caseId, consentId))!);
  });
}

export async function listSharingConsents(
  ctx: RequestContext,
  caseId: string,
): Promise<{ items: SharingConsent[] }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForRecords(tx, actor, caseId, documentsPolicy.read, false);
    const rows = await repo.listSharingConsents(tx, caseId);
    await recordAudit(
      tx,
      ctx,
      { action: 'sharing_consent.listed', details: { count: rows.length } },
      caseAuditRecord(actor, kase, { type: 'sharing_consent_list', id: kase.id }),
    );
    return { items: rows.map(presentConsent) };
  });
}

/**
 * For the review room: the consent in force for a case, or null when there is none (nothing may
 * be shared). Scope `all` covers every document of the case while the consent is in force,
 * including documents added after it was given; `selected` covers `documentIds` only.
 */
export async function activeSharingConsent(
  db: Queryable,
  caseId: string,
): Promise<{ id: string; scope: 'all' | 'selected'; documentIds: string[] | null; givenAt: Date } | null> {
  const row = await repo.findActiveSharingConsent(db, caseId);
  if (!row) return null;
  return {
    id: row.id,
    scope: row.scope as 'all' | 'selected',
    documentIds: row.scope === 'all' ? null : (row.documentIds ?? []),
    givenAt: row.givenAt,
  };
}

// ---------------------------------------------------------------------------------------------
// The orphan sweeper.

export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
export const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

export interface SweepReport {
  orphanBlobsDeleted: number;
  unfinishedWritesDeleted: number;
  staleUploadsDeleted: number;
}

/**
 * Removes what a crash or a failed transaction can leave behind: blobs with no `case_document`
 * row older than `olderThanMs` (the grace period covers uploads between their blob and their
 * commit), unfinished blob writes, and resumable uploads not finished within 24 hours.
 */
export async function sweepOrphanBlobs(
  runtime: { config: DocumentSettings; db: Database; clock: Clock; log: Logger },
  olderThanMs: number = ORPHAN_GRACE_MS,
): Promise<SweepReport> {
  const now = runtime.clock.now().getTime();
  const cutoff = new Date(now - olderThanMs);
  const blobs = documentBlobs(runtime.config);
  let orphanBlobsDeleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    const known = await repo.knownStorageKeys(runtime.db, batch);
    const owned = await blobOwners.owned(runtime.db, batch);
    for (const key of batch) {
      if (known.has(key) || owned.has(key)) continue;
      await blobs.delete(key);
      orphanBlobsDeleted += 1;
    }
    batch = [];
  };
  for await (const entry of blobs.list()) {
    if (entry.modifiedAt >= cutoff) continue;
    batch.push(entry.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  const unfinishedWritesDeleted = await blobs.removeStaleTemporaries(cutoff);

  let staleUploadsDeleted = 0;
  const staging = documentStaging(runtime.config);
  for (const id of await staging.listUploads()) {
    const created = await staging.createdAt(id);
    if (!created || now - created.getTime() <= STALE_UPLOAD_MS) continue;
    await staging.discard(id);
    staleUploadsDeleted += 1;
  }
  const report = { orphanBlobsDeleted, unfinishedWritesDeleted, staleUploadsDeleted };
  if (orphanBlobsDeleted + unfinishedWritesDeleted + staleUploadsDeleted > 0) {
    runtime.log.info(report, 'document store swept');
  }
  return report;
}

export const DOCUMENT_SWEEP_QUEUE = 'documents.sweep';

/**
 * Removes orphan blobs and abandoned resumable uploads every hour. The folder store is per
 * machine: with several instances, each would need its own sweep, or (as in production) an
 * object store shared by all, swept once.
 */
export async function defineDocumentJobs(
  jobs: JobRunner,
  runtime: Parameters<typeof sweepOrphanBlobs>[0],
): Promise<void> {
  await jobs.define({
    name: DOCUMENT_SWEEP_QUEUE,
    every: '17 * * * *',
    retryLimit: 1,
    handler: async () => {
      const report = await sweepOrphanBlobs(runtime);
      runtime.log.info({ ...report }, 'document store swept');
    },
  });
}
