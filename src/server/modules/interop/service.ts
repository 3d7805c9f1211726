import type { Bundle } from 'fhir/r4.js';
import { FHIR_BINARIES_TOTAL_MAX_BYTES, FHIR_BINARY_MAX_BYTES } from '../../../shared/interop.js';
import type { Config } from '../../config.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { readCasePart } from '../cases/index.js';
import { openContent } from '../documents/index.js';
import { caseBundleOf } from './bundle.js';
import { gatherCaseFacts, type CaseFacts } from './facts.js';
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
    value: await gatherCaseFacts(tx, actor, access, exportedAt),
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
