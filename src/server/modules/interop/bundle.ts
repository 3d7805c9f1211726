import type { Bundle, FhirResource } from 'fhir/r4.js';
import { resourceBuilders, type ResourceBuilder } from './builders/index.js';
import type { CaseFacts } from './facts.js';
import { derivedId, fullUrlOf } from './ids.js';

/**
 * The Bundle of a case: a `collection` of every resource the builders make, each entry addressed
 * by the `urn:uuid:` of its id (references between them use the same URLs). A collection rather
 * than a `document`: the export is the case's record as it stands, not an attested clinical
 * document with a Composition to sign.
 */
export function caseBundleOf(
  facts: CaseFacts,
  builders: readonly ResourceBuilder[] = resourceBuilders,
): Bundle {
  const resources: FhirResource[] = builders.flatMap((build) => build(facts));
  return {
    resourceType: 'Bundle',
    id: derivedId('Bundle', `${facts.kase.id}/${facts.exportedAt.toISOString()}`),
    meta: { lastUpdated: facts.exportedAt.toISOString() },
    identifier: { system: 'urn:ietf:rfc:3986', value: fullUrlOf(derivedId('Bundle', facts.kase.id)) },
    type: 'collection',
    timestamp: facts.exportedAt.toISOString(),
    entry: resources.map((resource) => ({ fullUrl: fullUrlOf(resource.id as string), resource })),
  };
}
