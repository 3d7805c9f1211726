import { problem, type FieldNames, type NetworkProblemLog, type SpecialistDraft } from './draft.js';

/** A specialist's licences: how they are compared, and how a file may not repeat one. */

/** The other licences without repeats, and without the first one. */
export function uniqueLicences(
  first: { country: string; number: string },
  licences: { country: string; number: string }[],
) {
  const seen = new Set([licenceKey(first)]);
  return licences.filter((licence) => {
    const key = licenceKey(licence);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How a licence is compared: its country and number. */
export const licenceKey = (licence: { country: string; number: string }) =>
  `${licence.country}|${licence.number}`;

/** Every licence of a specialist, the first one first. */
export const licencesOf = (draft: Pick<SpecialistDraft, 'licence' | 'furtherLicences'>) => [
  draft.licence,
  ...draft.furtherLicences,
];

/** Duplicates inside the file: the second and later rows with a licence or identifier already seen. */
export function rejectDuplicatesInFile(
  drafts: SpecialistDraft[],
  log: NetworkProblemLog,
  fields: FieldNames,
): SpecialistDraft[] {
  const licences = new Map<string, SpecialistDraft>();
  const identifiers = new Map<string, SpecialistDraft>();
  const kept: SpecialistDraft[] = [];
  for (const draft of drafts) {
    const where = { line: draft.line, entry: draft.entry };
    const firstWithIdentifier = draft.fhirIdentifier ? identifiers.get(draft.fhirIdentifier) : undefined;
    let duplicate = false;
    for (const licence of licencesOf(draft)) {
      const first = licences.get(licenceKey(licence));
      if (!first) continue;
      log.add(
        problem(
          where,
          fields.licence_number,
          'duplicate_licence_in_file',
          `licence ${licence.country} ${licence.number} is also on ${describeWhere(first)}`,
        ),
      );
      duplicate = true;
    }
    if (firstWithIdentifier) {
      log.add(
        problem(
          where,
          fields.fhir_identifier,
          'duplicate_identifier_in_file',
          `this identifier is also on ${describeWhere(firstWithIdentifier)}`,
        ),
      );
      duplicate = true;
    }
    if (duplicate) continue;
    for (const licence of licencesOf(draft)) licences.set(licenceKey(licence), draft);
    if (draft.fhirIdentifier) identifiers.set(draft.fhirIdentifier, draft);
    kept.push(draft);
  }
  return kept;
}

const describeWhere = (draft: { line: number | null; entry: number | null }) =>
  draft.line !== null ? `line ${draft.line}` : `entry ${draft.entry}`;
