import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type {
  ProviderCreation,
  ProviderList,
  ProviderRequest,
  ProviderRequestCreation,
  RecordsChecklist,
  Release,
  ReleaseSigning,
} from '../../../shared/records.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFoundFor } from '../../platform/errors.js';
import { claimIdempotencyKey, requestHash } from '../../platform/idempotency.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { caseAuditRecord, caseForActor, isOpen, transition, type Relation } from '../cases/index.js';
import { discardContent, fileGeneratedDocument, ingestContent } from '../documents/index.js';
import { findMemberCoverage } from '../plans/index.js';
import { authoriseAndSend, stopRequestClocks } from './link.js';
import { recordsPolicy } from './policy.js';
import { presentProvider, presentRelease, presentRequest } from './present.js';
import { releaseLabels } from './release-labels.js';
import * as repo from './repo.js';

export type RecordsSettings = Pick<
  Config,
  'dataDir' | 'objectStore' | 'documentMasterKey' | 'documentMaxBytes' | 'records'
>;

const caseFor = (tx: Queryable, actor: Actor, caseId: string, may: (r: Relation) => boolean, lock: boolean) =>
  caseForActor(tx, actor, caseId, { lock, sees: recordsPolicy.read, may });

const assertOpen = (status: string) => {
  if (!isOpen(status as never))
    throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: status } });
};

const today = (ctx: RequestContext) => ctx.clock.now().toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Providers of a case.

export async function listProviders(ctx: RequestContext, caseId: string): Promise<ProviderList> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseFor(tx, actor, caseId, recordsPolicy.read, false);
    const rows = await repo.listProviders(tx, caseId);
    await recordAudit(
      tx,
      ctx,
      { action: 'provider.listed', details: { count: rows.length } },
      caseAuditRecord(actor, kase, { type: 'case_provider_list', id: kase.id }),
    );
    const named = kase.firstOpinionDoctor || kase.firstOpinionInstitution;
    const fromRequest =
      named && !rows.some((row) => row.origin === 'member_request')
        ? {
            name: kase.firstOpinionDoctor,
            institution: kase.firstOpinionInstitution,
            country: kase.firstOpinionCountry,
          }
        : null;
    return {
      items: rows.map((row) => presentProvider(row, recordsPolicy.seesProviderAddress(relation))),
      fromRequest,
    };
  });
}

/** The case manager adds a provider, or completes the doctor the member named (e-mail, language). */
export async function addProvider(ctx: RequestContext, caseId: string, input: ProviderCreation) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseFor(tx, actor, caseId, recordsPolicy.manage, true);
    assertOpen(kase.status);
    const existing = await repo.listProviders(tx, caseId);
    if (input.origin === 'member_request' && existing.some((row) => row.origin === 'member_request'))
      throw new AppError('provider.duplicate');
    if (existing.some((row) => row.email.toLowerCase() === input.email.toLowerCase()))
      throw new AppError('provider.duplicate');
    const id = uuidv7();
    await repo.insertProvider(tx, {
      id,
      caseId,
      name: input.name,
      institution: input.institution,
      country: input.country,
      email: input.email,
      language: input.language,
      origin: input.origin,
      createdByUserId: actor.userId,
      createdAt: ctx.clock.now(),
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'provider.added', details: { origin: input.origin, language: input.language } },
      caseAuditRecord(actor, kase, { type: 'case_provider', id }),
    );
    return presentProvider(
      (await repo.findProvider(tx, caseId, id))!,
      recordsPolicy.seesProviderAddress(relation),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Record requests.

async function providerOfCase(tx: Queryable, caseId: string, providerId: string) {
  const provider = await repo.findProvider(tx, caseId, providerId);
  if (!provider) throw new AppError('provider.unknown');
  return provider;
}

/** A release in force that covers every kind asked for, if the member signed one. */
const coveringRelease = (releases: repo.ReleaseRow[], kinds: readonly string[]) =>
  releases.find((release) => kinds.every((kind) => release.kinds.includes(kind)));

/**
 * The case manager asks a provider for kinds of records. Nothing leaves until the member's
 * release covers them: with one in force the link is sent at once, otherwise the request waits.
 * A retry with the same Idempotency-Key (a dropped answer) answers the request it made, and the
 * provider gets one link, not two.
 */
export async function createProviderRequest(
  ctx: RequestContext,
  settings: RecordsSettings,
  caseId: string,
  input: ProviderRequestCreation,
  idempotencyKey?: string,
): Promise<{ request: ProviderRequest; created: boolean }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseFor(tx, actor, caseId, recordsPolicy.manage, true);
    const now = ctx.clock.now();
    const id = uuidv7();
    const retry = await claimIdempotencyKey(
      tx,
      {
        userId: actor.userId,
        key: idempotencyKey,
        requestHash: requestHash('provider_request', caseId, input),
        resourceId: id,
      },
      async (existingId) => {
        const existing = await repo.findRequest(tx, caseId, existingId);
        return existing ? presentRequest(await requestItem(tx, caseId, existingId), now) : undefined;
      },
    );
    if (retry) return { request: retry.replayed, created: false };
    assertOpen(kase.status);
    const provider = await providerOfCase(tx, caseId, input.providerId);
    const kinds = [...new Set(input.kinds)];
    if (kase.status === 'contacted') {
      await transition(tx, ctx, {
        kase,
        event: 'start_gathering',
        relation,
        data: { providerRequestId: id },
      });
    }
    await repo.insertRequest(tx, {
      id,
      caseId,
      providerId: provider.id,
      kinds,
      requestedByUserId: actor.userId,
      requestedAt: now,
    });
    const release = coveringRelease(await repo.activeReleasesFor(tx, caseId, provider.id, today(ctx)), kinds);
    if (release) {
      const request = (await repo.findRequest(tx, caseId, id))!;
      await authoriseAndSend(tx, ctx, { request, release, provider, linkMs: settings.records.linkMs });
    }
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'provider_records_requested',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { providerRequestId: id, kinds, authorised: Boolean(release) },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'provider_request.created', details: { kinds, authorised: Boolean(release) } },
      caseAuditRecord(actor, kase, { type: 'provider_record_request', id }),
    );
    return { request: presentRequest(await requestItem(tx, caseId, id), now), created: true };
  });
}

async function requestItem(tx: Queryable, caseId: string, id: string) {
  const items = await repo.listRequests(tx, caseId);
  return items.find((item) => item.request.id === id)!;
}

/** The case manager stops a link at once (a wrong address, a provider who should not be asked). */
export async function revokeProviderRequest(
  ctx: RequestContext,
  caseId: string,
  requestId: string,
): Promise<ProviderRequest> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseFor(tx, actor, caseId, recordsPolicy.manage, true);
    const request = await repo.findRequest(tx, caseId, requestId);
    if (!request)
      throw notFoundFor({
        entityType: 'provider_record_request',
        entityId: requestId,
        reason: 'no_such_record',
      });
    if (request.closedAt || request.finishedAt) throw new AppError('provider_request.closed');
    const now = ctx.clock.now();
    await repo.updateRequest(tx, requestId, { closedReason: 'revoked', closedAt: now });
    await stopRequestClocks(tx, requestId, now);
    await recordAudit(
      tx,
      ctx,
      { action: 'provider_request.revoked', details: {} },
      caseAuditRecord(actor, kase, { type: 'provider_record_request', id: requestId }),
    );
    return presentRequest(await requestItem(tx, caseId, requestId), now);
  });
}

/** The checklist of a case's requests to providers, with the releases, for the case manager and the member. */
export async function recordsChecklist(ctx: RequestContext, caseId: string): Promise<RecordsChecklist> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseFor(tx, actor, caseId, recordsPolicy.read, false);
    const now = ctx.clock.now();
    const items = (await repo.listRequests(tx, caseId)).map((item) => presentRequest(item, now));
    const releases = (await repo.listReleases(tx, caseId)).map((row) => presentRelease(row, today(ctx)));
    await recordAudit(
      tx,
      ctx,
      { action: 'provider_request.checklist_read', details: { count: items.length } },
      caseAuditRecord(actor, kase, { type: 'provider_record_request_list', id: kase.id }),
    );
    const live = items.filter((item) => item.status !== 'withdrawn' && item.status !== 'revoked');
    return {
      complete:
        live.length > 0 && live.every((item) => item.status === 'received' || item.status === 'not_held'),
      items,
      releases,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The member's release.

/**
 * The member signs a release for a provider of their case: the signed form is rendered as a PDF
 * in the member's chosen language and filed among the case's documents, the release recorded with
 * the time and the client's address, and every request to that provider it covers is sent.
 */
export async function signRelease(
  ctx: RequestContext,
  settings: RecordsSettings,
  caseId: string,
  input: ReleaseSigning,
  clientAddress: string,
  idempotencyKey?: string,
): Promise<{ release: Release; created: boolean }> {
  const actor = actorOf(ctx);
  if (input.validUntil <= today(ctx)) throw new AppError('release.valid_until_past');
  const kinds = [...new Set(input.kinds)];
  // Read what the form shows, then render it before any lock is held.
  const form = await ctx.db.transaction(async (tx) => {
    const { kase } = await caseFor(tx, actor, caseId, recordsPolicy.release, false);
    assertOpen(kase.status);
    const provider = await providerOfCase(tx, caseId, input.providerId);
    const coverage = await findMemberCoverage(tx, kase.memberId);
    return { kase, provider, patient: coverage?.member };
  });
  const signedAt = ctx.clock.now();
  const { renderReleasePdf } = await import('./release-pdf.js');
  const pdf = await renderReleasePdf({
    language: input.language,
    caseNumber: form.kase.number,
    patient: {
      name: form.patient ? `${form.patient.givenName} ${form.patient.familyName}` : input.signedName,
      dateOfBirth: form.patient?.dateOfBirth ?? '',
    },
    provider: {
      name: form.provider.name,
      institution: form.provider.institution,
      country: form.provider.country,
    },
    kinds,
    validUntil: input.validUntil,
    signedName: input.signedName,
    signedAt: signedAt.toISOString(),
    clientAddress,
  });
  const stored = await ingestContent(settings, { source: Readable.from([pdf]), kind: 'letter' });
  try {
    const signed = await ctx.db.transaction(async (tx) => {
      const { kase } = await caseFor(tx, actor, caseId, recordsPolicy.release, true);
      assertOpen(kase.status);
      const provider = await providerOfCase(tx, caseId, input.providerId);
      const now = ctx.clock.now();
      const id = uuidv7();
      // A retry of the same signing (a dropped answer) answers the release it made, once.
      const retry = await claimIdempotencyKey(
        tx,
        {
          userId: actor.userId,
          key: idempotencyKey,
          requestHash: requestHash('release', caseId, input),
          resourceId: id,
        },
        async (existingId) => {
          const row = await repo.lockRelease(tx, caseId, existingId);
          return row ? presentRelease(row, today(ctx)) : undefined;
        },
      );
      if (retry) return { release: retry.replayed, created: false };
      const documentId = uuidv7();
      await fileGeneratedDocument(tx, {
        id: documentId,
        caseId,
        kind: 'letter',
        title: releaseLabels[input.language].documentTitle,
        content: stored,
        byUserId: actor.userId,
        now,
      });
      await repo.insertRelease(tx, {
        id,
        caseId,
        providerId: provider.id,
        memberId: kase.memberId,
        kinds,
        validUntil: input.validUntil,
        language: input.language,
        signedName: input.signedName,
        signedAt: now,
        signedByUserId: actor.userId,
        clientAddress,
        documentId,
      });
      const release = (await repo.lockRelease(tx, caseId, id))!;
      let authorised = 0;
      for (const request of await repo.requestsAwaitingRelease(tx, caseId, provider.id)) {
        if (!request.kinds.every((kind) => (kinds as string[]).includes(kind))) continue;
        await authoriseAndSend(tx, ctx, { request, release, provider, linkMs: settings.records.linkMs });
        authorised += 1;
      }
      await cases.appendEvent(tx, {
        id: uuidv7(),
        caseId,
        type: 'records_release_signed',
        actorUserId: actor.userId,
        actorRole: actor.role,
        data: { releaseId: id, providerId: provider.id, kinds, documentId },
        occurredAt: now,
      });
      await recordAudit(
        tx,
        ctx,
        { action: 'release.signed', details: { kinds, authorisedRequests: authorised } },
        caseAuditRecord(actor, kase, { type: 'record_release', id }),
      );
      return { release: presentRelease(release, today(ctx)), created: true };
    });
    // The retry's rendering is not kept: the first one is the signed release.
    if (!signed.created) await discardContent(settings, stored.storageKey);
    return signed;
  } catch (error) {
    await discardContent(settings, stored.storageKey);
    throw error;
  }
}

/** The member withdraws a release: every link it opened stops working at once. */
export async function withdrawRelease(
  ctx: RequestContext,
  caseId: string,
  releaseId: string,
): Promise<Release> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseFor(tx, actor, caseId, recordsPolicy.release, true);
    const release = await repo.lockRelease(tx, caseId, releaseId);
    if (!release)
      throw notFoundFor({ entityType: 'record_release', entityId: releaseId, reason: 'no_such_record' });
    if (release.withdrawnAt) throw new AppError('release.already_withdrawn');
    const now = ctx.clock.now();
    await repo.setReleaseWithdrawn(tx, releaseId, now);
    const open = await repo.openRequestsOfRelease(tx, releaseId);
    for (const request of open) {
      await repo.updateRequest(tx, request.id, { closedReason: 'withdrawn', closedAt: now });
      await stopRequestClocks(tx, request.id, now);
    }
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'records_release_withdrawn',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { releaseId, closedRequests: open.length },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'release.withdrawn', details: { closedRequests: open.length } },
      caseAuditRecord(actor, kase, { type: 'record_release', id: releaseId }),
    );
    return presentRelease((await repo.lockRelease(tx, caseId, releaseId))!, today(ctx));
  });
}

/** A case that ends closes its providers' links (the caseEnded hook). */
export async function closeLinksOfCase(tx: Tx, ctx: RequestContext, caseId: string): Promise<void> {
  const now = ctx.clock.now();
  for (const item of await repo.listRequests(tx, caseId)) {
    const request = item.request;
    if (request.closedAt || request.finishedAt) continue;
    await repo.updateRequest(tx, request.id, { closedReason: 'revoked', closedAt: now });
    await stopRequestClocks(tx, request.id, now);
  }
}
