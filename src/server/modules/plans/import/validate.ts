import type { z } from 'zod';
import { ProblemLog } from '../../../platform/import/problems.js';
import type { ImportProblem, RegisterFile, RegisterKind } from './file.js';
import { checkFields, EmployerFields, PlanFields, type EmployerRow, type PlanRow } from './rows.js';

/** Checking a whole file: every row alone, then the rules between rows. */

export interface RegisterValidation<Row> {
  rowsRead: number;
  /** The rows that may be imported. */
  valid: Row[];
  /** Every problem found, in line order. */
  problems: ImportProblem[];
  /** How many rows cannot be imported (each has at least one problem). */
  rejectedRows: number;
}

/** Problems collected row by row; a problem with a line rejects that row. */
export type Findings = ProblemLog<ImportProblem>;

/** The rows without problems, and every problem in line order. */
export function validationOf<Row extends { line: number }>(
  file: RegisterFile,
  candidates: Row[],
  findings: Findings,
): RegisterValidation<Row> {
  const problems = [...findings.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const valid = candidates.filter((row) => !findings.isRejected(row.line));
  return { rowsRead: file.rows.length, valid, problems, rejectedRows: file.rows.length - valid.length };
}

/** A file that cannot be read as a whole: its rows are not checked one by one, none is imported. */
export function unreadable<Row>(file: RegisterFile): RegisterValidation<Row> | undefined {
  if (file.fileProblems.length === 0) return undefined;
  return {
    rowsRead: file.rows.length,
    valid: [],
    problems: file.fileProblems,
    rejectedRows: file.rows.length,
  };
}

/** The first line each key appears on, to report later duplicates against. */
export function firstLines<Row extends { line: number }>(
  rows: Row[],
  keyOf: (row: Row) => string | undefined,
) {
  const first = new Map<string, number>();
  const duplicates: { row: Row; key: string; firstLine: number }[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const line = first.get(key);
    if (line === undefined) first.set(key, row.line);
    else duplicates.push({ row, key, firstLine: line });
  }
  return { first, duplicates };
}

/** Checks every row on its own: the rows that pass, as `toRow` makes them, and the problems of the rest. */
export function checkEachRow<S extends z.ZodType, Row>(
  file: RegisterFile,
  schema: S,
  kind: RegisterKind,
  toRow: (line: number, data: z.output<S>) => Row,
): { findings: Findings; parsed: Row[] } {
  const findings: Findings = new ProblemLog((problem) => problem.line);
  const parsed: Row[] = [];
  for (const row of file.rows) {
    const checked = checkFields(schema, row, kind);
    findings.addAll(checked.problems);
    if (checked.data) parsed.push(toRow(row.line, checked.data));
  }
  return { findings, parsed };
}

export function validatePlans(file: RegisterFile): RegisterValidation<PlanRow> {
  const failed = unreadable<PlanRow>(file);
  if (failed) return failed;
  const { findings, parsed } = checkEachRow(file, PlanFields, 'plans', (line, data): PlanRow => ({
    line,
    insurerCode: data.insurer_code,
    insurerName: data.insurer_name,
    planCode: data.plan_code,
    planName: data.plan_name,
    kind: data.kind,
    services: data.services,
  }));
  for (const { row, key, firstLine } of firstLines(parsed, (row) => row.planCode).duplicates) {
    findings.add({
      line: row.line,
      field: 'plan_code',
      reason: `plan ${key} is already on line ${firstLine}`,
    });
  }
  const insurerNames = new Map<string, PlanRow>();
  for (const row of parsed) {
    const first = insurerNames.get(row.insurerCode);
    if (!first) insurerNames.set(row.insurerCode, row);
    else if (first.insurerName !== row.insurerName) {
      findings.add({
        line: row.line,
        field: 'insurer_name',
        reason: `insurer ${row.insurerCode} is named "${first.insurerName}" on line ${first.line}`,
      });
    }
  }
  return validationOf(file, parsed, findings);
}

export function validateEmployers(file: RegisterFile): RegisterValidation<EmployerRow> {
  const failed = unreadable<EmployerRow>(file);
  if (failed) return failed;
  const { findings, parsed } = checkEachRow(file, EmployerFields, 'employers', (line, data): EmployerRow => ({
    line,
    employerCode: data.employer_code,
    name: data.name,
    country: data.country,
    addedServices: data.added_services,
  }));
  for (const { row, key, firstLine } of firstLines(parsed, (row) => row.employerCode).duplicates) {
    findings.add({
      line: row.line,
      field: 'employer_code',
      reason: `employer ${key} is already on line ${firstLine}`,
    });
  }
  return validationOf(file, parsed, findings);
}
