import type { Binary, DocumentReference } from 'fhir/r4.js';
import { concept, own } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { binaryIdOf, fullUrlOf, ref } from '../ids.js';

/**
 * The records of the case. The content is a link to our download endpoint (signed-in, audited
 * there), or, when the export was asked with `?include=binary` and the document fits the caps, a
 * Binary inside the Bundle that the attachment points at.
 */
export function buildDocumentReferences(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'documents' | 'binaries' | 'contentUrl'>,
): DocumentReference[] {
  return facts.documents.map((document) => ({
    resourceType: 'DocumentReference',
    id: document.id,
    status: 'current',
    type: concept(own.documentKind, document.kind),
    category: [concept(own.documentSource, document.source)],
    subject: ref(facts.patient.member.id),
    date: document.createdAt.toISOString(),
    description: document.title,
    content: [
      {
        attachment: {
          contentType: document.mediaType,
          url: facts.binaries.has(document.id)
            ? fullUrlOf(binaryIdOf(document.id))
            : facts.contentUrl(document.id),
          size: document.sizeBytes,
          title: document.title,
          ...(document.documentDate && { creation: document.documentDate }),
        },
      },
    ],
    context: { related: [ref(facts.kase.id)] },
  }));
}

/** The content of the documents the export carries, base64 in a Binary each. */
export function buildBinaries(facts: Pick<CaseFacts, 'documents' | 'binaries'>): Binary[] {
  return facts.documents.flatMap((document) => {
    const content = facts.binaries.get(document.id);
    if (!content) return [];
    return [
      {
        resourceType: 'Binary',
        id: binaryIdOf(document.id),
        contentType: document.mediaType,
        securityContext: ref(document.id),
        data: content.toString('base64'),
      },
    ];
  });
}
