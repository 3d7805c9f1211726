/**
 * Reading a facilities file (CSV, or a FHIR R4 Bundle of Location, Organization and
 * HealthcareService resources) into checked facility drafts, with a problem for every rejected
 * row or entry. Pure apart from reading its input stream: what the register already holds is
 * checked by the service. The parts, in `import/`: `check.ts` (columns, the checked draft, limits,
 * problems, one facility's checks), `csv.ts` and `fhir.ts` (the two formats, with `fhir-r4.ts` the
 * structure of R4 we read). Reading text and CSV and logging problems is shared with the other
 * importers (`platform/import/`).
 */
export { readFacilityCsv } from './import/csv.js';
export { readFacilityBundle } from './import/fhir.js';
export { facilityFhirProfile, kindLocationType } from './import/fhir-r4.js';
export {
  facilityColumns,
  MAX_REPORTED_PROBLEMS,
  optionalColumns,
  requiredColumns,
  type FacilityDraft,
  type ParsedFacilityFile,
} from './import/check.js';
