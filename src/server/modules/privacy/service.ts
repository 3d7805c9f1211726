import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import { actorOf, systemContext, type RequestContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError, notFound, notFoundFor } from '../../platform/errors.js';
import { wakeAfterCommit, type JobRunner } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/logger.js';
import type { Clock } from '../../platform/clock.js';
import { sealToStore } from '../../platform/storage/envelope.js';
import type { DataExport } from '../../../shared/privacy.js';
import { recordAudit } from '../audit/index.js';
import { documentBlobs, openContent } from '../documents/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { memberArchive } from './archive.js';
import { privacyPolicy } from './policy.js';
import { presentExport } from './present.js';
import * as repo from './repo.js';

type ArchiveSettings = Pick<Config, 'dataDir' | 'objectStore' | 'documentMasterKey' | 'privacy'>;

export const EXPORT_BUILD_QUEUE = 'privacy.export-build';
/** The channel on which a request's commit wakes the builders of the worker processes. */
export const EXPORT_WAKE_CHANNEL = 'privacy_export_requested';
/** How long a builder's claim on an archive holds; a crashed builder's archive is taken up after it. */
const BUILD_CLAIM_MS = 30 * 60 * 1000;
export const EXPORT_SWEEP_QUEUE = 'privacy.export-sweep';

const exportRecord = (memberId: string, id: string) =>
  ({ entityType: 'data_export', entityId: id, subjectMemberId: memberId, purpose: 'self_service' }) as const;

function memberActor(ctx: RequestContext) {
  const actor = actorOf(ctx);
  if (!privacyPolicy.actForSelf(actor)) throw notFound();
  return actor;
}

/**
 * The member asks for their archive. While one is building, asking again returns that one
 * (`created: false`); otherwise a new one is recorded and its build job sent in the same
 * transaction.
 */
export async function requestExport(ctx: RequestContext): Promise<{ created: boolean; value: DataExport }> {
  const actor = memberActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const id = uuidv7();
    const inserted = await repo.insertBuildingExport(tx, {
      id,
      memberId: actor.memberId,
      requestedByUserId: actor.userId,
      requestedAt: ctx.clock.now(),
    });
    if (!inserted) {
      const building = await repo.findBuildingExport(tx, actor.memberId);
      if (!building) throw new AppError('resource.version_conflict');
      await recordAudit(
        tx,
        ctx,
        { action: 'data_export.read', details: {} },
        exportRecord(actor.memberId, building.id),
      );
      return { created: false, value: presentExport(building) };
    }
    await wakeAfterCommit(tx, EXPORT_WAKE_CHANNEL);
    await recordAudit(
      tx,
      ctx,
      { action: 'data_export.requested', details: {} },
      exportRecord(actor.memberId, id),
    );
    return { created: true, value: presentExport(inserted) };
  });
}

export async function listExports(ctx: RequestContext): Promise<DataExport[]> {
  const actor = memberActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.listExports(tx, actor.memberId, 10);
    await recordAudit(
      tx,
      ctx,
      { action: 'data_export.read', details: {} },
      {
        entityType: 'data_export',
        subjectMemberId: actor.memberId,
        purpose: 'self_service',
      },
    );
    return rows.map(presentExport);
  });
}

export async function readExport(ctx: RequestContext, id: string): Promise<DataExport> {
  const actor = memberActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findExport(tx, actor.memberId, id);
    if (!row) throw notFoundFor({ entityType: 'data_export', entityId: id, reason: 'not_found_for_actor' });
    await recordAudit(tx, ctx, { action: 'data_export.read', details: {} }, exportRecord(actor.memberId, id));
    return presentExport(row);
  });
}

/**
 * The archive's content, for the account that asked for it, while it is valid: anyone else, and
 * everyone after it expired, gets 404. The download is recorded before the first byte leaves.
 */
export async function openArchive(
  ctx: RequestContext,
  config: ArchiveSettings,
  id: string,
): Promise<{ content: Readable; sizeBytes: number; fileName: string }> {
  const actor = actorOf(ctx);
  const row = actor.memberId ? await repo.findExport(ctx.db, actor.memberId, id) : undefined;
  if (!row || !privacyPolicy.download(actor, row))
    throw notFoundFor({ entityType: 'data_export', entityId: id, reason: 'not_found_for_actor' });
  if (row.status === 'building') throw new AppError('privacy.export_not_ready');
  if (row.status !== 'ready' || !row.expiresAt || row.expiresAt <= ctx.clock.now() || !row.storageKey)
    throw notFoundFor({ entityType: 'data_export', entityId: id, reason: 'no_such_record' });
  await recordAudit(
    ctx.db,
    ctx,
    { action: 'data_export.downloaded', details: {} },
    exportRecord(row.memberId, id),
  );
  const content = await openContent(config, {
    storageKey: row.storageKey,
    wrappedKey: row.wrappedKey!,
    sha256: row.sha256!,
    sizeBytes: row.sizeBytes!,
  });
  return {
    content,
    sizeBytes: row.sizeBytes!,
    fileName: `consilium-export-${row.requestedAt.toISOString().slice(0, 10)}.zip`,
  };
}

interface BuildDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  config: ArchiveSettings;
}

/**
 * Builds one archive: the zip streams through the envelope encryption into the document store,
 * never whole in memory; then the row becomes `ready` with its wrapped key and expiry. A failure
 * marks it `failed` (the member may ask again) and leaves no blob.
 */
export async function buildExport(deps: BuildDeps, exportId: string): Promise<void> {
  const now = deps.clock.now();
  const row = await repo.claimExportToBuild(deps.db, {
    id: exportId,
    now,
    until: new Date(now.getTime() + BUILD_CLAIM_MS),
  });
  if (row) await buildClaimed(deps, row);
}

/** Builds every archive waiting (and not claimed by another builder), oldest first. */
export async function buildWaitingExports(deps: BuildDeps): Promise<number> {
  let built = 0;
  for (;;) {
    const now = deps.clock.now();
    const row = await repo.claimExportToBuild(deps.db, {
      now,
      until: new Date(now.getTime() + BUILD_CLAIM_MS),
    });
    if (!row) return built;
    await buildClaimed(deps, row);
    built += 1;
  }
}

async function buildClaimed(deps: BuildDeps, row: repo.DataExportRow): Promise<void> {
  const exportId = row.id;
  const ctx = systemContext(deps, `export-${exportId}`);
  const storageKey = uuidv7();
  try {
    const archive = await memberArchive(
      ctx,
      deps.config,
      { memberId: row.memberId, dataExportId: exportId },
      deps.clock.now(),
    );
    const sealed = await sealToStore(documentBlobs(deps.config), {
      storageKey,
      masterKey: deps.config.documentMasterKey,
      source: archive.content,
    });
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + deps.config.privacy.exportValidMs);
    const kept = await deps.db.transaction(async (tx) => {
      const ready = await repo.markExportReady(tx, exportId, {
        storageKey,
        wrappedKey: sealed.wrappedKey,
        sha256: sealed.sha256,
        sizeBytes: sealed.sizeBytes,
        readyAt: now,
        expiresAt,
      });
      if (ready) {
        // To the account that asked, in its language: ready, and until when (nothing of the content).
        await enqueueNotification(tx, ctx, {
          template: 'privacy.export_ready',
          recipientUserId: row.requestedByUserId,
          params: { dataExportId: exportId, expiresAt: expiresAt.toISOString() },
          dedupeKey: `privacy.export_ready:${exportId}`,
        });
        await recordAudit(
          tx,
          ctx,
          {
            action: 'data_export.built',
            details: { sizeBytes: sealed.sizeBytes, documents: archive.documents },
          },
          { ...exportRecord(row.memberId, exportId), purpose: 'privacy' },
        );
      }
      return ready;
    });
    if (!kept) await documentBlobs(deps.config).delete(storageKey);
  } catch (error) {
    deps.log.error({ err: error, exportId }, 'data export failed');
    await documentBlobs(deps.config)
      .delete(storageKey)
      .catch(() => undefined);
    await deps.db.transaction(async (tx) => {
      await repo.markExportFailed(tx, exportId);
      await recordAudit(
        tx,
        ctx,
        { action: 'data_export.failed', details: {} },
        {
          ...exportRecord(row.memberId, exportId),
          purpose: 'privacy',
        },
      );
    });
  }
}

/** Removes the content of archives past their time: the blob, and the key with the row's columns. */
export async function sweepExpiredExports(deps: BuildDeps): Promise<number> {
  const ctx = systemContext(deps, 'export-sweep');
  let swept = 0;
  for (;;) {
    const keys = await deps.db.transaction(async (tx) => {
      const rows = await repo.claimExpiredExports(tx, deps.clock.now(), 100);
      await repo.markExportsExpired(
        tx,
        rows.map((row) => row.id),
      );
      for (const row of rows) {
        await recordAudit(
          tx,
          ctx,
          { action: 'data_export.expired', details: {} },
          {
            ...exportRecord(row.memberId, row.id),
            purpose: 'privacy',
          },
        );
      }
      return rows.map((row) => row.storageKey as string);
    });
    for (const key of keys) await documentBlobs(deps.config).delete(key);
    swept += keys.length;
    if (keys.length < 100) return swept;
  }
}

export async function defineExportJobs(jobs: JobRunner, deps: BuildDeps): Promise<void> {
  // Woken by the request's commit; the schedule catches up on a lost wake-up or a crashed builder.
  await jobs.define({
    name: EXPORT_BUILD_QUEUE,
    every: '* * * * *',
    wakeOn: EXPORT_WAKE_CHANNEL,
    retryLimit: 0,
    handler: async () => {
      await buildWaitingExports(deps);
    },
  });
  await jobs.define({
    name: EXPORT_SWEEP_QUEUE,
    every: '*/10 * * * *',
    retryLimit: 1,
    handler: async () => {
      await sweepExpiredExports(deps);
    },
  });
}
