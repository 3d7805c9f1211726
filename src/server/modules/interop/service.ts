import type { Bundle } from 'fhir/r4.js';
import { FHIR_BINARIES_TOTAL_MAX_BYTES, FHIR_BINARY_MAX_BYTES } from '../../../shared/interop.js';
import type { Config } from '../../config.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { notFoundFor } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findCase, readCasePart } from '../cases/index.js';
import { openContent } from '../documents/index.js';
import { caseBundleOf } from './bundle.js';
import { dataSubject, gatherCaseFacts, readerOf, type CaseFacts } from './facts.js';
import { interopPolicy } from './policy.js';

type ContentSettings = Pick<Config, 'dataDir' | 'objectStore' | 'documentMasterKey'>;

export interface ExportOptions {
  /** Put the documents' content inside the Bundle, within the caps (shared/interop.ts). */
  content?: ContentSettings;
  /** The base of the links to our download endpoint (absolute when known). */
  publicUrl?: string;
}

/**
 * The FHIR R4 Bundle of a case, for those who may export it (404 for the others). The read of the
 * case and its audit record commit together; the documents' content, when asked for, is read from
 * the store afterwards (the audit record says it was part of the export).
 */
export async function exportCase(
  ctx: RequestContext,
  caseId: string,
  options: ExportOptions = {},
): Promise<Bundle> {
  const actor = actorOf(ctx);
  const exportedAt = ctx.clock.now();
  const facts = await readCasePart(ctx, caseId, { sees: interopPolicy.export }, async (tx, access) => ({
    value: await gatherCaseFacts(tx, readerOf(actor, access.relation), access.kase, exportedAt),
    audit: { action: 'case.fhir_exported', details: { withContent: options.content !== undefined } },
  }));
  const base = options.publicUrl ?? '';
  return caseBundleOf({
    ...facts,
    binaries: options.content ? await inlineContent(ctx, options.content, facts.documents) : new Map(),
    contentUrl: (documentId) => `${base}/api/v1/cases/${caseId}/documents/${documentId}/content`,
  });
}

/**
 * The data subject's own request for their data, already verified by the room that holds it (the
 * privacy room's export archive, asked by the member's signed-in account): whose data, and which
 * request, named in the audit record of each case exported for it.
 */
export interface DataSubjectRequest {
  memberId: string;
  dataExportId: string;
}

/**
 * The FHIR R4 Bundle of one of the data subject's own cases, for their archive: built by a job
 * that has no signed-in actor, so the case core's access rule (which starts from an actor) does
 * not apply. The rule here is the data subject's: the case must be theirs (404 otherwise), and the
 * Bundle holds what the member sees on their own case page. The read and its audit record (actor
 * `system`, the request's id in the details) commit together.
 */
export async function exportCaseForDataSubject(
  ctx: RequestContext,
  request: DataSubjectRequest,
  caseId: string,
  contentUrl: (documentId: string) => string,
): Promise<Bundle> {
  const exportedAt = ctx.clock.now();
  const facts = await ctx.db.transaction(async (tx) => {
    const kase = await findCase(tx, caseId);
    if (!kase || kase.memberId !== request.memberId)
      throw notFoundFor({ entityType: 'case', entityId: caseId, reason: 'not_found_for_actor' });
    const gathered = await gatherCaseFacts(tx, dataSubject, kase, exportedAt);
    await recordAudit(
      tx,
      ctx,
      {
        action: 'case.fhir_exported',
        details: { withContent: false, dataExportId: request.dataExportId },
      },
      { entityType: 'case', entityId: kase.id, subjectMemberId: kase.memberId, purpose: 'privacy' },
    );
    return gathered;
  });
  return caseBundleOf({ ...facts, binaries: new Map(), contentUrl });
}

/**
 * The documents whose content goes inside the Bundle: each up to FHIR_BINARY_MAX_BYTES, oldest
 * first while the total stays under FHIR_BINARIES_TOTAL_MAX_BYTES (base64 adds a third, and the
 * Bundle is built in memory). The others keep their link. A document that fails its integrity
 * check keeps its link too, and raises the same alarm as a download (ids only).
 */
async function inlineContent(
  ctx: RequestContext,
  settings: ContentSettings,
  documents: CaseFacts['documents'],
): Promise<Map<string, Buffer>> {
  const inlined = new Map<string, Buffer>();
  let total = 0;
  for (const document of documents) {
    if (document.sizeBytes > FHIR_BINARY_MAX_BYTES) continue;
    if (total + document.sizeBytes > FHIR_BINARIES_TOTAL_MAX_BYTES) break;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await openContent(settings, document)) chunks.push(chunk as Buffer);
      inlined.set(document.id, Buffer.concat(chunks));
      total += document.sizeBytes;
    } catch (error) {
      ctx.log.error(
        {
          alarm: 'document_integrity',
          caseId: document.caseId,
          documentId: document.id,
          reason: (error as Error).message,
        },
        'a stored document could not be put in a FHIR export',
      );
    }
  }
  return inlined;
}
