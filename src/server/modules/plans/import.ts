import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { CountryCode, IsoDate, LanguageTag } from '../../../shared/identity.js';
import {
  planKinds,
  relationships,
  virtualCareServices,
  type PlanKind,
  type Relationship,
  type VirtualCareService,
} from '../../../shared/plans.js';

/**
 * The members-and-plans register import: reading an insurer's CSV or JSON file and checking every
 * row, alone and against the others, before anything is written. Everything here is pure: the
 * service loads what the register already holds and writes what this module found valid.
 */

export const registerKinds = ['plans', 'employers', 'members'] as const;
export type RegisterKind = (typeof registerKinds)[number];

export const registerFormats = ['csv', 'json'] as const;
export type RegisterFormat = (typeof registerFormats)[number];

/** Larger files are refused before they are read: a register file this size is a mistake. */
export const MAX_REGISTER_FILE_BYTES = 50 * 1024 * 1024;

/** The columns of each kind of file, in the order an insurer's export usually has them. */
export const registerColumns = {
  plans: ['insurer_code', 'insurer_name', 'plan_code', 'plan_name', 'kind', 'services'],
  employers: ['employer_code', 'name', 'country', 'added_services'],
  members: [
    'membership_number',
    'plan_code',
    'employer_code',
    'start_date',
    'end_date',
    'member_number',
    'relationship',
    'given_name',
    'family_name',
    'date_of_birth',
    'country',
    'preferred_language',
    'guardian_member_number',
  ],
} as const satisfies Record<RegisterKind, readonly string[]>;

/**
 * One finding, reported as `line <n>: <field>: <reason>`. The line is the physical line of a CSV
 * file (the header is line 1) or the 1-based position of the entry in a JSON file; `null` when the
 * problem is with the file as a whole.
 */
export interface ImportProblem {
  line: number | null;
  field: string;
  reason: string;
}

/** A row as read from the file, before any checking. */
export interface RawRow {
  line: number;
  values: Record<string, unknown>;
  /** Set when the row cannot be read as a row at all (wrong number of fields, not an object). */
  defect?: string;
}

export interface RegisterFile {
  rows: RawRow[];
  /** Problems with the file as a whole: when there are any, no row of it can be imported. */
  fileProblems: ImportProblem[];
}

export function formatFromFileName(fileName: string): RegisterFormat | undefined {
  const extension = fileName.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return registerFormats.find((format) => format === extension);
}

const fileProblem = (reason: string, line: number | null = null): ImportProblem => ({
  line,
  field: 'file',
  reason,
});

function describeSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The size check, shared by the CLI (before reading the file) and the use case. */
export function fileSizeProblem(bytes: number): ImportProblem | undefined {
  if (bytes <= MAX_REGISTER_FILE_BYTES) return undefined;
  return fileProblem(
    `is ${describeSize(bytes)}; the limit is ${describeSize(MAX_REGISTER_FILE_BYTES)}: split the file and import the parts`,
  );
}

function decodeText(content: Buffer | string): string | ImportProblem {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return fileProblem('is not UTF-8 text: save it as CSV UTF-8 or JSON and try again');
    }
  }
  if (text.includes('\u0000')) return fileProblem('is not a text file: a CSV or JSON file is expected');
  return text.replace(/^\uFEFF/, '');
}

/** Reads the rows of a register file. Never throws for bad content: it reports it. */
export function readRegisterFile(
  content: Buffer | string,
  format: RegisterFormat,
  kind: RegisterKind,
): RegisterFile {
  const tooBig = fileSizeProblem(typeof content === 'string' ? Buffer.byteLength(content) : content.length);
  if (tooBig) return { rows: [], fileProblems: [tooBig] };
  const text = decodeText(content);
  if (typeof text !== 'string') return { rows: [], fileProblems: [text] };
  const file = format === 'csv' ? readCsv(text, kind) : readJson(text);
  if (file.fileProblems.length === 0 && file.rows.length === 0) {
    return { rows: [], fileProblems: [fileProblem('has no rows')] };
  }
  return file;
}

/** What csv-parse's error codes mean to the person who made the file; shared by every CSV import. */
export const csvErrorReasons: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field has text after its closing quote',
  INVALID_OPENING_QUOTE: 'a field has a quote in the middle: quote the whole field and double inner quotes',
  CSV_MAX_RECORD_SIZE: 'a row is longer than any row of such a file can be',
};

function readCsv(text: string, kind: RegisterKind): RegisterFile {
  // One line ending for csv-parse: its line count drifts on CRLF files with blank lines.
  const normalised = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(normalised, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const details = error as { code?: string; lines?: number; message?: string };
    const reason = (details.code && csvErrorReasons[details.code]) ?? details.message ?? String(error);
    return {
      rows: [],
      fileProblems: [fileProblem(`is not a readable CSV file: ${reason}`, details.lines ?? null)],
    };
  }

  // Every physical line belongs to exactly one record (blank lines included), so a record starts
  // on the line after the one where the previous record ended.
  let previousEnd = 0;
  const located = records.map(({ record, info }) => {
    const entry = { line: previousEnd + 1, fields: record };
    previousEnd = info.lines;
    return entry;
  });
  const nonBlank = located.filter(({ fields }) => fields.some((field) => field !== ''));
  const [header, ...data] = nonBlank;
  if (!header) return { rows: [], fileProblems: [] };

  const columns = header.fields.map((name) => name.toLowerCase());
  const expected: readonly string[] = registerColumns[kind];
  const fileProblems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === '')
      fileProblems.push({ line: header.line, field: 'header', reason: 'has an empty column name' });
    else if (seen.has(column))
      fileProblems.push({ line: header.line, field: column, reason: 'column appears twice' });
    else if (!expected.includes(column))
      fileProblems.push({ line: header.line, field: column, reason: `is not a column of a ${kind} file` });
    seen.add(column);
  }
  for (const column of expected) {
    if (!seen.has(column))
      fileProblems.push({ line: header.line, field: column, reason: 'column is missing' });
  }
  const rows = data.map(({ line, fields }): RawRow => {
    const values = Object.fromEntries(columns.map((column, index) => [column, fields[index]]));
    return fields.length === columns.length
      ? { line, values }
      : { line, values, defect: `has ${fields.length} fields; the header has ${columns.length}` };
  });
  return { rows, fileProblems };
}

function readJson(text: string): RegisterFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { rows: [], fileProblems: [fileProblem(`is not valid JSON: ${(error as Error).message}`)] };
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const entries = Array.isArray(document)
    ? document
    : isObject(document) && Array.isArray(document.rows)
      ? document.rows
      : undefined;
  if (!entries) {
    return {
      rows: [],
      fileProblems: [fileProblem('must hold an array of rows, or an object {"rows": [...]}')],
    };
  }
  const rows = entries.map((entry: unknown, index): RawRow =>
    isObject(entry)
      ? { line: index + 1, values: entry }
      : { line: index + 1, values: {}, defect: 'must be an object with the fields of the row' },
  );
  return { rows, fileProblems: [] };
}

// --- Rows --------------------------------------------------------------------------------------

export interface PlanRow {
  line: number;
  insurerCode: string;
  insurerName: string;
  planCode: string;
  planName: string;
  kind: PlanKind;
  services: VirtualCareService[];
}

export interface EmployerRow {
  line: number;
  employerCode: string;
  name: string;
  country: string;
  addedServices: VirtualCareService[];
}

export interface MemberRow {
  line: number;
  membershipNumber: string;
  planCode: string;
  employerCode: string | null;
  startDate: string;
  endDate: string | null;
  memberNumber: string;
  relationship: Relationship;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  country: string;
  preferredLanguage: string;
  guardianMemberNumber: string | null;
}

const Code = z
  .string({ error: 'must be text' })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^\S+$/, { error: 'must not contain spaces' });
const Name = z.string({ error: 'must be text' }).max(200, { error: 'must be at most 200 characters' });
// The shape is checked before the shared schema sees the value: its region lookup throws on
// anything but two letters.
const Country = z
  .string({ error: 'must be text' })
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as "ES"' })
  .pipe(CountryCode);
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** A `;`-separated list in CSV (an array is accepted in JSON); may be empty. */
const ServiceList = z
  .union([z.string(), z.array(z.string())], { error: 'must be a list of services separated by ";"' })
  .optional()
  .transform((value, ctx) => {
    const items = (Array.isArray(value) ? value : (value ?? '').split(';'))
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const known: readonly string[] = virtualCareServices;
    const unknown = items.filter((item) => !known.includes(item));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${unknown.map((item) => `"${item}"`).join(', ')} ${unknown.length === 1 ? 'is not a service' : 'are not services'}; the services are ${virtualCareServices.join(', ')}`,
      });
      return z.NEVER;
    }
    return virtualCareServices.filter((service) => items.includes(service));
  });

const PlanFields = z.strictObject({
  insurer_code: Code,
  insurer_name: Name,
  plan_code: Code,
  plan_name: Name,
  kind: choice(planKinds),
  services: ServiceList,
});

const EmployerFields = z.strictObject({
  employer_code: Code,
  name: Name,
  country: Country,
  added_services: ServiceList,
});

const MemberFields = z.strictObject({
  membership_number: Code,
  plan_code: Code,
  employer_code: Code.optional(),
  start_date: IsoDate,
  end_date: IsoDate.optional(),
  member_number: Code,
  relationship: choice(relationships),
  given_name: Name,
  family_name: Name,
  date_of_birth: IsoDate,
  country: Country,
  preferred_language: LanguageTag,
  guardian_member_number: Code.optional(),
});

/** Blank values are absent values; numbers in JSON files are read as the codes they stand for. */
function normalise(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      if (typeof value === 'string') return [key, value.trim() === '' ? undefined : value.trim()];
      if (typeof value === 'number' && Number.isFinite(value)) return [key, String(value)];
      return [key, value ?? undefined];
    }),
  );
}

/** Checks one row on its own; reports problems in the file's own (snake_case) field names. */
function checkFields<S extends z.ZodType>(
  schema: S,
  row: RawRow,
  kind: RegisterKind,
): { data: z.output<S>; problems: [] } | { data: undefined; problems: ImportProblem[] } {
  if (row.defect)
    return { data: undefined, problems: [{ line: row.line, field: 'row', reason: row.defect }] };
  const values = normalise(row.values);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { data: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue): ImportProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        line: row.line,
        field: key,
        reason: `is not a field of a ${kind} file`,
      }));
    }
    const field = String(issue.path[0] ?? 'row');
    const reason = values[field] === undefined ? 'is required' : issue.message;
    return [{ line: row.line, field, reason }];
  });
  return { data: undefined, problems };
}

// --- Checking a whole file ---------------------------------------------------------------------

export interface RegisterValidation<Row> {
  rowsRead: number;
  /** The rows that may be imported. */
  valid: Row[];
  /** Every problem found, in line order. */
  problems: ImportProblem[];
  /** How many rows cannot be imported (each has at least one problem). */
  rejectedRows: number;
}

/** Problems collected row by row; the first row with a key is the one later rows are compared to. */
class Findings {
  readonly problems: ImportProblem[] = [];
  private readonly badLines = new Set<number>();

  add(line: number | null, field: string, reason: string): void {
    this.problems.push({ line, field, reason });
    if (line !== null) this.badLines.add(line);
  }
  addAll(problems: ImportProblem[]): void {
    for (const problem of problems) this.add(problem.line, problem.field, problem.reason);
  }
  isBad(line: number): boolean {
    return this.badLines.has(line);
  }
  result<Row extends { line: number }>(file: RegisterFile, candidates: Row[]): RegisterValidation<Row> {
    const problems = [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const valid = candidates.filter((row) => !this.isBad(row.line));
    return { rowsRead: file.rows.length, valid, problems, rejectedRows: file.rows.length - valid.length };
  }
}

/** A file that cannot be read as a whole: its rows are not checked one by one, none is imported. */
function unreadable<Row>(file: RegisterFile): RegisterValidation<Row> | undefined {
  if (file.fileProblems.length === 0) return undefined;
  return {
    rowsRead: file.rows.length,
    valid: [],
    problems: file.fileProblems,
    rejectedRows: file.rows.length,
  };
}

/** The first line each key appears on, to report later duplicates against. */
function firstLines<Row extends { line: number }>(rows: Row[], keyOf: (row: Row) => string | undefined) {
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

export function validatePlans(file: RegisterFile): RegisterValidation<PlanRow> {
  const failed = unreadable<PlanRow>(file);
  if (failed) return failed;
  const findings = new Findings();
  const parsed: PlanRow[] = [];
  for (const row of file.rows) {
    const checked = checkFields(PlanFields, row, 'plans');
    findings.addAll(checked.problems);
    if (checked.data) {
      const data = checked.data;
      parsed.push({
        line: row.line,
        insurerCode: data.insurer_code,
        insurerName: data.insurer_name,
        planCode: data.plan_code,
        planName: data.plan_name,
        kind: data.kind,
        services: data.services,
      });
    }
  }
  for (const { row, key, firstLine } of firstLines(parsed, (row) => row.planCode).duplicates) {
    findings.add(row.line, 'plan_code', `plan ${key} is already on line ${firstLine}`);
  }
  const insurerNames = new Map<string, PlanRow>();
  for (const row of parsed) {
    const first = insurerNames.get(row.insurerCode);
    if (!first) insurerNames.set(row.insurerCode, row);
    else if (first.insurerName !== row.insurerName) {
      findings.add(
        row.line,
        'insurer_name',
        `insurer ${row.insurerCode} is named "${first.insurerName}" on line ${first.line}`,
      );
    }
  }
  return findings.result(file, parsed);
}

export function validateEmployers(file: RegisterFile): RegisterValidation<EmployerRow> {
  const failed = unreadable<EmployerRow>(file);
  if (failed) return failed;
  const findings = new Findings();
  const parsed: EmployerRow[] = [];
  for (const row of file.rows) {
    const checked = checkFields(EmployerFields, row, 'employers');
    findings.addAll(checked.problems);
    if (checked.data) {
      const data = checked.data;
      parsed.push({
        line: row.line,
        employerCode: data.employer_code,
        name: data.name,
        country: data.country,
        addedServices: data.added_services,
      });
    }
  }
  for (const { row, key, firstLine } of firstLines(parsed, (row) => row.employerCode).duplicates) {
    findings.add(row.line, 'employer_code', `employer ${key} is already on line ${firstLine}`);
  }
  return findings.result(file, parsed);
}

/** What the register already holds that a members file may refer to. */
export interface MemberReferences {
  plans: Map<string, { kind: PlanKind }>;
  employers: Set<string>;
  /** Members not (or not only) in the file: their membership, for the guardian rule. */
  members: Map<string, { membershipNumber: string }>;
}

/** A key as written in the row, before the row is checked: rows with errors still group. */
function rawKey(row: RawRow, field: string): string | undefined {
  const value = normalise(row.values)[field];
  return typeof value === 'string' ? value : undefined;
}

/** The distinct values of a column across the file, as written: the keys to look up in the register. */
export function keysIn(file: RegisterFile, ...fields: string[]): string[] {
  const keys = new Set<string>();
  for (const row of file.rows) {
    for (const field of fields) {
      const key = rawKey(row, field);
      if (key !== undefined) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * Checks a members file: every row alone, then the rules between rows. A membership is imported
 * whole or not at all, so one bad row rejects every row of its membership.
 *
 * `today` is the date (YYYY-MM-DD) no date of birth may be after.
 */
export function validateMembers(
  file: RegisterFile,
  references: MemberReferences,
  today: string,
): RegisterValidation<MemberRow> {
  const failed = unreadable<MemberRow>(file);
  if (failed) return failed;
  const findings = new Findings();
  const parsed: MemberRow[] = [];
  for (const row of file.rows) {
    const checked = checkFields(MemberFields, row, 'members');
    findings.addAll(checked.problems);
    if (!checked.data) continue;
    const data = checked.data;
    const member: MemberRow = {
      line: row.line,
      membershipNumber: data.membership_number,
      planCode: data.plan_code,
      employerCode: data.employer_code ?? null,
      startDate: data.start_date,
      endDate: data.end_date ?? null,
      memberNumber: data.member_number,
      relationship: data.relationship,
      givenName: data.given_name,
      familyName: data.family_name,
      dateOfBirth: data.date_of_birth,
      country: data.country,
      preferredLanguage: data.preferred_language,
      guardianMemberNumber: data.guardian_member_number ?? null,
    };
    parsed.push(member);
    checkMemberRow(member, references, today, findings);
  }

  const memberNumbers = firstLines(file.rows, (row) => rawKey(row, 'member_number'));
  for (const { row, key, firstLine } of memberNumbers.duplicates) {
    findings.add(row.line, 'member_number', `member ${key} is already on line ${firstLine}`);
  }
  const membershipOfRow = new Map(file.rows.map((row) => [row.line, rawKey(row, 'membership_number')]));
  const membershipOfMemberInFile = (memberNumber: string) => {
    const line = memberNumbers.first.get(memberNumber);
    return line === undefined ? undefined : membershipOfRow.get(line);
  };

  checkMembershipsAgree(file.rows, parsed, findings);
  checkGuardians(parsed, references, membershipOfMemberInFile, findings);

  // No membership is half imported: the rows of a membership with an error are all rejected.
  const badMemberships = new Map<string, number>();
  for (const row of file.rows) {
    const membershipNumber = membershipOfRow.get(row.line);
    if (membershipNumber !== undefined && findings.isBad(row.line) && !badMemberships.has(membershipNumber)) {
      badMemberships.set(membershipNumber, row.line);
    }
  }
  for (const row of file.rows) {
    const membershipNumber = membershipOfRow.get(row.line);
    const badLine = membershipNumber === undefined ? undefined : badMemberships.get(membershipNumber);
    if (badLine !== undefined && !findings.isBad(row.line)) {
      findings.add(
        row.line,
        'membership_number',
        `not imported: membership ${membershipNumber} has an error on line ${badLine}`,
      );
    }
  }
  return findings.result(file, parsed);
}

function checkMemberRow(member: MemberRow, references: MemberReferences, today: string, findings: Findings) {
  const { line } = member;
  if (member.endDate !== null && member.endDate < member.startDate) {
    findings.add(line, 'end_date', `is before the start date ${member.startDate}`);
  }
  if (member.dateOfBirth > today) findings.add(line, 'date_of_birth', 'is in the future');
  const plan = references.plans.get(member.planCode);
  if (!plan) findings.add(line, 'plan_code', `there is no plan ${member.planCode} in the register`);
  if (member.employerCode !== null && !references.employers.has(member.employerCode)) {
    findings.add(line, 'employer_code', `there is no employer ${member.employerCode} in the register`);
  }
  if (plan?.kind === 'company' && member.employerCode === null) {
    findings.add(line, 'employer_code', `is required: ${member.planCode} is a company plan`);
  }
  if (plan && plan.kind !== 'company' && member.employerCode !== null) {
    findings.add(
      line,
      'employer_code',
      `must be empty: ${member.planCode} is a ${plan.kind} plan, not a company plan`,
    );
  }
}

/** One holder per membership, and one plan, employer and term for all its rows. */
function checkMembershipsAgree(rows: RawRow[], parsed: MemberRow[], findings: Findings) {
  const holders = new Map<string, number>();
  const firstRow = new Map<string, number>();
  // A row that could not be split into fields, or whose relationship is not one we know, may be
  // the holder: "no holder" would only repeat its error.
  const uncertain = new Set<string>();
  const known: readonly string[] = relationships;
  for (const row of rows) {
    const membershipNumber = rawKey(row, 'membership_number');
    if (membershipNumber === undefined) continue;
    if (row.defect || !known.includes(rawKey(row, 'relationship') ?? '')) uncertain.add(membershipNumber);
    if (!firstRow.has(membershipNumber)) firstRow.set(membershipNumber, row.line);
    if (row.defect || rawKey(row, 'relationship') !== 'holder') continue;
    const holderLine = holders.get(membershipNumber);
    if (holderLine === undefined) holders.set(membershipNumber, row.line);
    else
      findings.add(
        row.line,
        'relationship',
        `membership ${membershipNumber} already has a holder on line ${holderLine}`,
      );
  }
  for (const [membershipNumber, line] of firstRow) {
    if (!holders.has(membershipNumber) && !uncertain.has(membershipNumber))
      findings.add(line, 'relationship', `membership ${membershipNumber} has no holder`);
  }

  const reference = new Map<string, MemberRow>();
  const terms: { field: string; value: (row: MemberRow) => string | null }[] = [
    { field: 'plan_code', value: (row) => row.planCode },
    { field: 'employer_code', value: (row) => row.employerCode },
    { field: 'start_date', value: (row) => row.startDate },
    { field: 'end_date', value: (row) => row.endDate },
  ];
  for (const row of parsed) {
    const first = reference.get(row.membershipNumber);
    if (!first) {
      reference.set(row.membershipNumber, row);
      continue;
    }
    for (const { field, value } of terms) {
      if (value(row) !== value(first)) {
        findings.add(
          row.line,
          field,
          `differs from line ${first.line} of membership ${row.membershipNumber} (${value(first) ?? 'empty'})`,
        );
      }
    }
  }
}

/** A guardian is a member of the same membership, in the file or already in the register. */
function checkGuardians(
  parsed: MemberRow[],
  references: MemberReferences,
  membershipOfMemberInFile: (memberNumber: string) => string | undefined,
  findings: Findings,
) {
  const guardianOf = new Map<string, string>();
  for (const row of parsed) {
    const guardian = row.guardianMemberNumber;
    if (guardian === null) continue;
    if (guardian === row.memberNumber) {
      findings.add(row.line, 'guardian_member_number', 'cannot be the member themselves');
      continue;
    }
    const guardianMembership =
      membershipOfMemberInFile(guardian) ?? references.members.get(guardian)?.membershipNumber;
    if (guardianMembership === undefined) {
      findings.add(
        row.line,
        'guardian_member_number',
        `there is no member ${guardian} in this file or the register`,
      );
    } else if (guardianMembership !== row.membershipNumber) {
      findings.add(
        row.line,
        'guardian_member_number',
        `member ${guardian} is on membership ${guardianMembership}, not on ${row.membershipNumber}`,
      );
    } else {
      guardianOf.set(row.memberNumber, guardian);
    }
  }
  // Guardians are written before the people they act for, so they cannot go round in a loop.
  for (const row of parsed) {
    const chain = new Set<string>([row.memberNumber]);
    let current = guardianOf.get(row.memberNumber);
    while (current !== undefined && !chain.has(current)) {
      chain.add(current);
      current = guardianOf.get(current);
    }
    if (current === row.memberNumber) {
      findings.add(
        row.line,
        'guardian_member_number',
        `guardians go round in a loop (${[...chain].join(' -> ')})`,
      );
    }
  }
}

// --- What an import changes --------------------------------------------------------------------

/** What the register holds for the keys a file names, to tell new rows from changed and unchanged. */
export interface ExistingRegister {
  insurers: Map<string, { name: string }>;
  plans: Map<string, { insurerCode: string; name: string; kind: PlanKind; services: VirtualCareService[] }>;
  employers: Map<string, { name: string; country: string; addedServices: VirtualCareService[] }>;
  memberships: Map<
    string,
    { planCode: string; employerCode: string | null; startDate: string; endDate: string | null }
  >;
  members: Map<
    string,
    {
      membershipNumber: string;
      relationship: Relationship;
      givenName: string;
      familyName: string;
      dateOfBirth: string;
      country: string;
      preferredLanguage: string;
      guardianMemberNumber: string | null;
    }
  >;
}

export type ChangeAction = 'create' | 'update' | 'unchanged';
export interface Change<T> {
  action: ChangeAction;
  entry: T;
}
export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface MembershipEntry {
  membershipNumber: string;
  planCode: string;
  employerCode: string | null;
  startDate: string;
  endDate: string | null;
}

export interface RegisterChanges {
  insurers: Change<{ code: string; name: string }>[];
  plans: Change<PlanRow>[];
  employers: Change<EmployerRow>[];
  memberships: Change<MembershipEntry>[];
  /** In write order: a guardian comes before the people they act for. */
  members: Change<MemberRow>[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

function changeOf<T>(entry: T, existing: unknown, same: () => boolean): Change<T> {
  if (existing === undefined) return { action: 'create', entry };
  return { action: same() ? 'unchanged' : 'update', entry };
}

const noChanges = (): RegisterChanges => ({
  insurers: [],
  plans: [],
  employers: [],
  memberships: [],
  members: [],
});

export function planChanges(rows: PlanRow[], existing: ExistingRegister): RegisterChanges {
  const insurers = new Map<string, string>();
  for (const row of rows) if (!insurers.has(row.insurerCode)) insurers.set(row.insurerCode, row.insurerName);
  return {
    ...noChanges(),
    insurers: [...insurers].map(([code, name]) => {
      const found = existing.insurers.get(code);
      return changeOf({ code, name }, found, () => found?.name === name);
    }),
    plans: rows.map((row) => {
      const found = existing.plans.get(row.planCode);
      return changeOf(
        row,
        found,
        () =>
          found !== undefined &&
          found.insurerCode === row.insurerCode &&
          found.name === row.planName &&
          found.kind === row.kind &&
          sameSet(found.services, row.services),
      );
    }),
  };
}

export function employerChanges(rows: EmployerRow[], existing: ExistingRegister): RegisterChanges {
  return {
    ...noChanges(),
    employers: rows.map((row) => {
      const found = existing.employers.get(row.employerCode);
      return changeOf(
        row,
        found,
        () =>
          found !== undefined &&
          found.name === row.name &&
          found.country === row.country &&
          sameSet(found.addedServices, row.addedServices),
      );
    }),
  };
}

export function memberChanges(rows: MemberRow[], existing: ExistingRegister): RegisterChanges {
  const memberships = new Map<string, MembershipEntry>();
  for (const row of rows) {
    if (memberships.has(row.membershipNumber)) continue;
    const { membershipNumber, planCode, employerCode, startDate, endDate } = row;
    memberships.set(membershipNumber, { membershipNumber, planCode, employerCode, startDate, endDate });
  }
  return {
    ...noChanges(),
    memberships: [...memberships.values()].map((entry) => {
      const found = existing.memberships.get(entry.membershipNumber);
      return changeOf(
        entry,
        found,
        () =>
          found !== undefined &&
          found.planCode === entry.planCode &&
          found.employerCode === entry.employerCode &&
          found.startDate === entry.startDate &&
          found.endDate === entry.endDate,
      );
    }),
    members: guardiansFirst(rows).map((row) => {
      const found = existing.members.get(row.memberNumber);
      return changeOf(
        row,
        found,
        () =>
          found !== undefined &&
          found.membershipNumber === row.membershipNumber &&
          found.relationship === row.relationship &&
          found.givenName === row.givenName &&
          found.familyName === row.familyName &&
          found.dateOfBirth === row.dateOfBirth &&
          found.country === row.country &&
          found.preferredLanguage === row.preferredLanguage &&
          found.guardianMemberNumber === row.guardianMemberNumber,
      );
    }),
  };
}

/** Orders rows so that a guardian in the file is written before the members they act for. */
function guardiansFirst(rows: MemberRow[]): MemberRow[] {
  const byNumber = new Map(rows.map((row) => [row.memberNumber, row]));
  const ordered: MemberRow[] = [];
  const placed = new Set<string>();
  const place = (row: MemberRow, depth: number) => {
    if (placed.has(row.memberNumber)) return;
    const guardian = row.guardianMemberNumber === null ? undefined : byNumber.get(row.guardianMemberNumber);
    // Loops were rejected by validation; the depth limit only guards against a caller that skipped it.
    if (guardian && depth < rows.length) place(guardian, depth + 1);
    placed.add(row.memberNumber);
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

export function countChanges<T>(changes: Change<T>[]): ChangeCounts {
  return {
    created: changes.filter((change) => change.action === 'create').length,
    updated: changes.filter((change) => change.action === 'update').length,
    unchanged: changes.filter((change) => change.action === 'unchanged').length,
  };
}

// --- The report --------------------------------------------------------------------------------

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
