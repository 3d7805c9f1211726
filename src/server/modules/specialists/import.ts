/**
 * Reading a network file (CSV, or a FHIR R4 Bundle of Practitioner, PractitionerRole and
 * Organization resources) into checked specialist drafts, with a problem for every rejected row
 * or entry. Pure apart from reading its input stream: what the database already holds is checked
 * by the service. The input is read as it arrives and given up at the first sign that it is not
 * a network file at all (too large, not UTF-8 text, no header we know), so a 10 MB mistake costs
 * one chunk of reading, and the problems kept are capped so that a file of bad rows cannot fill
 * memory with its report.
 *
 * The parts, in `import/`: `draft.ts` (columns, the checked draft, limits, problems), `check.ts`
 * (one specialist's values), `licences.ts` (licences and duplicates in the file), `csv.ts` and
 * `fhir.ts` (the two formats, with `fhir-r4.ts` the structure of R4 we read). Reading text and CSV
 * and logging problems is shared with the other importers (`platform/import/`).
 */
export { readSpecialistCsv } from './import/csv.js';
export { readSpecialistBundle } from './import/fhir.js';
export { fhirProfile } from './import/fhir-r4.js';
export { checkSpecialist } from './import/check.js';
export { licenceKey, licencesOf } from './import/licences.js';
export {
  MAX_REPORTED_PROBLEMS,
  MAX_SPECIALIST_IMPORT_BYTES,
  optionalColumns,
  requiredColumns,
  specialistColumns,
  type ParsedNetworkFile,
  type SpecialistDraft,
} from './import/draft.js';
