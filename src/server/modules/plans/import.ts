/**
 * The members-and-plans register import: reading an insurer's CSV or JSON file and checking every
 * row, alone and against the others, before anything is written. Everything here is pure: the
 * service loads what the register already holds and writes what this module found valid.
 *
 * The parts, in `import/`: `file.ts` (reading the file into rows), `rows.ts` (each row alone),
 * `validate.ts` (plans and employers files, and what every file's check shares), `members.ts`
 * (members files and the rules of a membership), `changes.ts` (what an import would change) and
 * `report.ts` (the decision and the report). Reading text and CSV and logging problems is shared
 * with the other importers (`platform/import/`).
 */
export {
  fileSizeProblem,
  formatFromFileName,
  MAX_REGISTER_FILE_BYTES,
  readRegisterFile,
  registerColumns,
  registerFormats,
  registerKinds,
  type ImportProblem,
  type RawRow,
  type RegisterFile,
  type RegisterFormat,
  type RegisterKind,
} from './import/file.js';
export { keysIn, type EmployerRow, type MemberRow, type PlanRow } from './import/rows.js';
export { validateEmployers, validatePlans, type RegisterValidation } from './import/validate.js';
export { validateMembers, type MemberReferences } from './import/members.js';
export {
  countChanges,
  employerChanges,
  memberChanges,
  planChanges,
  type Change,
  type ChangeAction,
  type ChangeCounts,
  type ExistingRegister,
  type MembershipEntry,
  type RegisterChanges,
} from './import/changes.js';
export { formatProblem, formatReport, importDecision, type RegisterImportReport } from './import/report.js';
