import { asc, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { caseProvider, providerRecordRequest, recordRelease } from './schema.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;

/**
 * The records collection of these cases as the member sees it on their case page (for the
 * member's export): the providers, the releases the member signed (with the typed name, the time
 * and the address it came from) and where each request to a provider stands. Never a link's token,
 * nor who among staff asked.
 */
export async function recordsCollectionOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return { providers: [], releases: [], requests: [] };
  const providers = await db
    .select({
      id: caseProvider.id,
      caseId: caseProvider.caseId,
      name: caseProvider.name,
      institution: caseProvider.institution,
      country: caseProvider.country,
      email: caseProvider.email,
      language: caseProvider.language,
      addedAt: caseProvider.createdAt,
    })
    .from(caseProvider)
    .where(inArray(caseProvider.caseId, caseIds))
    .orderBy(asc(caseProvider.createdAt), asc(caseProvider.id));
  const releases = await db
    .select({
      id: recordRelease.id,
      caseId: recordRelease.caseId,
      providerId: recordRelease.providerId,
      kinds: recordRelease.kinds,
      validUntil: recordRelease.validUntil,
      language: recordRelease.language,
      signedName: recordRelease.signedName,
      signedAt: recordRelease.signedAt,
      clientAddress: recordRelease.clientAddress,
      documentId: recordRelease.documentId,
      withdrawnAt: recordRelease.withdrawnAt,
    })
    .from(recordRelease)
    .where(inArray(recordRelease.caseId, caseIds))
    .orderBy(asc(recordRelease.signedAt), asc(recordRelease.id));
  const requests = await db
    .select({
      caseId: providerRecordRequest.caseId,
      providerId: providerRecordRequest.providerId,
      releaseId: providerRecordRequest.releaseId,
      kinds: providerRecordRequest.kinds,
      requestedAt: providerRecordRequest.requestedAt,
      sentAt: providerRecordRequest.sentAt,
      openedAt: providerRecordRequest.openedAt,
      expiresAt: providerRecordRequest.expiresAt,
      outcome: providerRecordRequest.outcome,
      finishedAt: providerRecordRequest.finishedAt,
      closedReason: providerRecordRequest.closedReason,
      closedAt: providerRecordRequest.closedAt,
    })
    .from(providerRecordRequest)
    .where(inArray(providerRecordRequest.caseId, caseIds))
    .orderBy(asc(providerRecordRequest.requestedAt), asc(providerRecordRequest.id));
  return {
    providers: providers.map((row) => ({ ...row, addedAt: row.addedAt.toISOString() })),
    releases: releases.map((row) => ({
      ...row,
      signedAt: row.signedAt.toISOString(),
      withdrawnAt: iso(row.withdrawnAt),
    })),
    requests: requests.map((row) => ({
      ...row,
      requestedAt: row.requestedAt.toISOString(),
      sentAt: iso(row.sentAt),
      openedAt: iso(row.openedAt),
      expiresAt: iso(row.expiresAt),
      finishedAt: iso(row.finishedAt),
      closedAt: iso(row.closedAt),
    })),
  };
}

/**
 * Erases the records collection of these (ended, past retention) cases, in the caller's
 * transaction: each provider's name and institution become `[erased]` and its e-mail an
 * undeliverable `erased-<id>@erased.invalid`; each release's typed name becomes `[erased]` and its
 * client address is cleared; each link's token hash goes (the links closed with the case). Kinds,
 * dates and states stay for the collection's figures. A release is part of the medical record's
 * legal trail: it is kept, whole, for as long as the case's records are, and goes with them.
 * Idempotent.
 */
export async function eraseRecordsCollectionOfCases(tx: Queryable, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx
    .update(caseProvider)
    .set({
      name: '[erased]',
      institution: '[erased]',
      email: sql`'erased-' || ${caseProvider.id}::text || '@erased.invalid'`,
    })
    .where(inArray(caseProvider.caseId, caseIds));
  await tx
    .update(recordRelease)
    .set({ signedName: '[erased]', clientAddress: '' })
    .where(inArray(recordRelease.caseId, caseIds));
  await tx
    .update(providerRecordRequest)
    .set({ tokenHash: null })
    .where(inArray(providerRecordRequest.caseId, caseIds));
}
