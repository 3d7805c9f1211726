import type { ImportProblem, RegisterFormat, RegisterKind } from './file.js';
import type { ChangeCounts, RegisterChanges } from './changes.js';
import type { RegisterValidation } from './validate.js';

/** What an import does with a checked file, and the report an operator reads. */

export interface RegisterImportReport {
  kind: RegisterKind;
  format: RegisterFormat;
  rowsRead: number;
  /** Rows that passed every check. */
  validRows: number;
  rejectedRows: number;
  problems: ImportProblem[];
  /** Nothing is imported: the file has errors and bad rows were not to be skipped (or no row is good). */
  rejected: boolean;
  dryRun: boolean;
  /** Whether anything was committed to the register. */
  written: boolean;
  /** Per record type, what was (or, in a dry run, would be) created, updated or left as it was. */
  changes: Partial<Record<keyof RegisterChanges, ChangeCounts>>;
}

/** Decides what an import does with a checked file. */
export function importDecision(
  validation: RegisterValidation<unknown>,
  options: { skipBadRows: boolean; dryRun: boolean },
) {
  const hasErrors = validation.problems.length > 0;
  const rejected = validation.valid.length === 0 || (hasErrors && !options.skipBadRows);
  return { rejected, write: !rejected && !options.dryRun };
}

export function formatProblem(problem: ImportProblem): string {
  return problem.line === null
    ? `${problem.field}: ${problem.reason}`
    : `line ${problem.line}: ${problem.field}: ${problem.reason}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The report an operator reads: one line per problem, then one summary line with the counts. */
export function formatReport(report: RegisterImportReport): string[] {
  const counts = [
    plural(report.rowsRead, 'row', 'rows'),
    `${report.validRows} valid`,
    `${report.rejectedRows} rejected`,
    plural(report.problems.length, 'error', 'errors'),
  ].join(', ');
  const changes = Object.entries(report.changes)
    .map(([record, c]) => `${record}: ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged`)
    .join('; ');
  const hint =
    report.validRows > 0 && report.problems.length > 0
      ? ' (fix the errors, or use --skip-bad-rows to import the valid rows)'
      : '';
  let outcome: string;
  if (report.rejected)
    outcome = `${report.dryRun ? 'dry run: nothing would be imported' : 'nothing imported'}${hint}`;
  else if (report.dryRun) outcome = `dry run, nothing written; would import ${changes}`;
  else outcome = `imported ${changes}`;
  return [...report.problems.map(formatProblem), `${report.kind} file: ${counts}; ${outcome}`];
}
