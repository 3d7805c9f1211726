import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { DocumentKind } from '../../../shared/documents.js';
import type { ProviderAnswer, ProviderPage } from '../../../shared/records.js';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { discardContent, fileProviderDocument, ingestContent } from '../documents/index.js';
import { findMemberCoverage } from '../plans/index.js';
import { endOfReleaseDay, hashLinkToken, LINK_TOKEN_PATTERN, stopRequestClocks } from './link.js';
import * as repo from './repo.js';
import type { RecordsSettings } from './service.js';

/*
 * The treating provider's side: no account, only the link. Every use is audited (the actor is the
 * link, recorded as the system with the request named); a token that matches nothing, a link used
 * for another request and a closed link are refused and the refusal audited in a transaction of
 * its own (the use case's rolled back).
 */

type Refusal = 'unknown_token' | 'other_request' | 'closed';
type ClosedReason = 'expired' | 'revoked' | 'finished' | 'withdrawn';

export interface OpenLink {
  request: repo.RequestRow;
  release: repo.ReleaseRow;
  provider: repo.ProviderRow;
  kase: cases.CaseRow;
}

const linkRecord = (requestId: string, memberId: string | null) => ({
  entityType: 'provider_record_request',
  entityId: requestId,
  subjectMemberId: memberId,
  purpose: 'care' as const,
});

class LinkRefused extends Error {
  constructor(
    readonly reason: Refusal,
    readonly memberId: string | null,
    readonly closed?: { reason: ClosedReason; language: string },
  ) {
    super(reason);
  }
}

/** Why an existing link no longer works, or null while it does. */
function closedReason(link: OpenLink, now: Date): ClosedReason | null {
  const { request, release, kase } = link;
  if (request.closedReason === 'withdrawn' || release.withdrawnAt) return 'withdrawn';
  if (request.closedReason === 'revoked' || !cases.isOpen(kase.status)) return 'revoked';
  if (request.finishedAt) return 'finished';
  if (!request.expiresAt || request.expiresAt <= now || endOfReleaseDay(release.validUntil) <= now)
    return 'expired';
  return null;
}

/** The request a token opens, checked against the request the page names; throws `LinkRefused`. */
async function resolveLink(
  tx: Queryable,
  requestId: string,
  token: string | undefined,
  lock: boolean,
  now: Date,
) {
  if (!token || !LINK_TOKEN_PATTERN.test(token)) throw new LinkRefused('unknown_token', null);
  const found = await repo.findRequestByTokenHash(tx, hashLinkToken(token));
  if (!found || !found.releaseId) throw new LinkRefused('unknown_token', null);
  const kase = lock ? await cases.lockCase(tx, found.caseId) : await cases.findCase(tx, found.caseId);
  if (found.id !== requestId) throw new LinkRefused('other_request', kase?.memberId ?? null);
  const request = lock ? (await repo.lockRequestById(tx, found.id))! : found;
  const release = (await repo.findReleaseById(tx, request.releaseId!))!;
  const provider = (await repo.findProvider(tx, request.caseId, request.providerId))!;
  const link: OpenLink = { request, release, provider, kase: kase! };
  const closed = closedReason(link, now);
  if (closed)
    throw new LinkRefused('closed', link.kase.memberId, { reason: closed, language: provider.language });
  return link;
}

/**
 * Runs a use of a link: resolve it, then the work, in one transaction. A refusal is audited on its
 * own and answered 404 (a token that opens nothing, or opens another request: both look alike) or
 * 410 with the reason and the provider's language (the page says so in that language).
 */
async function withLink<T>(
  ctx: RequestContext,
  requestId: string,
  token: string | undefined,
  work: (tx: Tx, link: OpenLink) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.db.transaction(async (tx) =>
      work(tx, await resolveLink(tx, requestId, token, true, ctx.clock.now())),
    );
  } catch (error) {
    if (!(error instanceof LinkRefused)) throw error;
    await recordAudit(
      ctx.db,
      ctx,
      { action: 'provider_link.refused', details: { reason: error.reason } },
      { ...linkRecord(requestId, error.memberId), outcome: 'denied' },
    );
    if (error.closed)
      throw new AppError('provider_link.closed', {
        extensions: { reason: error.closed.reason, language: error.closed.language },
      });
    throw new AppError('resource.not_found');
  }
}

/** The provider opens the page: the minimum to find the patient, the records asked for, the release. */
export async function openProviderPage(
  ctx: RequestContext,
  requestId: string,
  token: string | undefined,
): Promise<ProviderPage> {
  return withLink(ctx, requestId, token, async (tx, { request, release, provider, kase }) => {
    const now = ctx.clock.now();
    const first = request.openedAt === null;
    if (first) await repo.updateRequest(tx, request.id, { openedAt: now });
    await recordAudit(
      tx,
      ctx,
      { action: 'provider_link.opened', details: { first } },
      linkRecord(request.id, kase.memberId),
    );
    const patient = (await findMemberCoverage(tx, kase.memberId))?.member;
    const uploads = await repo.uploadsOfRequest(tx, request.id);
    return {
      requestId: request.id,
      language: provider.language as ProviderPage['language'],
      patient: {
        name: patient ? `${patient.givenName} ${patient.familyName}` : release.signedName,
        dateOfBirth: patient?.dateOfBirth ?? '',
      },
      kinds: request.kinds as DocumentKind[],
      release: {
        signedName: release.signedName,
        signedAt: release.signedAt.toISOString(),
        validUntil: release.validUntil,
        providerName: provider.name,
        institution: provider.institution,
      },
      expiresAt: request.expiresAt!.toISOString(),
      uploads: uploads.map((upload) => ({
        kind: upload.kind as DocumentKind,
        sizeBytes: upload.sizeBytes,
        receivedAt: upload.receivedAt.toISOString(),
      })),
    };
  });
}

/** The provider says they sent everything, or that they do not hold these records: the link closes. */
export async function answerProviderRequest(
  ctx: RequestContext,
  requestId: string,
  token: string | undefined,
  input: ProviderAnswer,
): Promise<void> {
  await withLink(ctx, requestId, token, async (tx, { request, kase }) => {
    const now = ctx.clock.now();
    await repo.updateRequest(tx, request.id, {
      outcome: input.answer === 'sent_everything' ? 'received' : 'not_held',
      finishedAt: now,
    });
    await stopRequestClocks(tx, request.id, now);
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId: kase.id,
      type: 'provider_records_answered',
      actorRole: 'system',
      data: { providerRequestId: request.id, answer: input.answer },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'provider_link.answered', details: { answer: input.answer } },
      linkRecord(request.id, kase.memberId),
    );
  });
}

/** Before any byte is kept: the link works and the kind is one the member released. */
export async function prepareProviderUpload(
  ctx: RequestContext,
  requestId: string,
  token: string | undefined,
  kind: DocumentKind,
): Promise<void> {
  await withLink(ctx, requestId, token, async (_tx, { release }) => {
    if (!release.kinds.includes(kind)) throw new AppError('release.kinds_not_covered');
  });
}

/**
 * A file from the provider: through the documents' pipeline (sniffed against the kind, capped,
 * hashed, encrypted), then filed in one transaction with the link checked again, so that a release
 * withdrawn or an answer given while the file was on its way keeps nothing.
 */
export async function receiveProviderUpload(
  ctx: RequestContext,
  settings: RecordsSettings,
  input: {
    requestId: string;
    token: string | undefined;
    kind: DocumentKind;
    title: string;
    source: Readable;
  },
): Promise<{ caseId: string; documentId: string }> {
  const content = await ingestContent(settings, { source: input.source, kind: input.kind });
  try {
    return await withLink(
      ctx,
      input.requestId,
      input.token,
      async (tx, { request, release, provider, kase }) => {
        if (!release.kinds.includes(input.kind)) throw new AppError('release.kinds_not_covered');
        const now = ctx.clock.now();
        const documentId = uuidv7();
        await fileProviderDocument(tx, {
          id: documentId,
          caseId: kase.id,
          kind: input.kind,
          title: input.title,
          content,
          providerName: `${provider.name}, ${provider.institution}`,
          now,
        });
        await repo.insertUpload(tx, {
          documentId,
          requestId: request.id,
          kind: input.kind,
          sizeBytes: content.sizeBytes,
          receivedAt: now,
        });
        await cases.appendEvent(tx, {
          id: uuidv7(),
          caseId: kase.id,
          type: 'document_uploaded',
          actorRole: 'system',
          data: { documentId, kind: input.kind, providerRequestId: request.id },
          occurredAt: now,
        });
        await recordAudit(
          tx,
          ctx,
          {
            action: 'provider_link.upload_received',
            details: { kind: input.kind, mediaType: content.mediaType, sizeBytes: content.sizeBytes },
          },
          linkRecord(request.id, kase.memberId),
        );
        return { caseId: kase.id, documentId };
      },
    );
  } catch (error) {
    await discardContent(settings, content.storageKey);
    throw error;
  }
}
