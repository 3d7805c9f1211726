import {
  checkCsvHeader,
  csvRow,
  CsvUnreadable,
  parseCsvText,
  type CsvRecord,
} from '../../../platform/import/csv.js';
import { decodeText, TextRefused } from '../../../platform/import/text.js';

/** Reading a register file, CSV or JSON, into rows, and what is wrong with the file as a whole. */

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

function decoded(content: Buffer | string): string | ImportProblem {
  try {
    return decodeText(content);
  } catch (error) {
    if (!(error instanceof TextRefused)) throw error;
    return fileProblem(
      error.fault === 'binary'
        ? 'is not a text file: a CSV or JSON file is expected'
        : 'is not UTF-8 text: save it as CSV UTF-8 or JSON and try again',
    );
  }
}

/** Reads the rows of a register file. Never throws for bad content: it reports it. */
export function readRegisterFile(
  content: Buffer | string,
  format: RegisterFormat,
  kind: RegisterKind,
): RegisterFile {
  const tooBig = fileSizeProblem(typeof content === 'string' ? Buffer.byteLength(content) : content.length);
  if (tooBig) return { rows: [], fileProblems: [tooBig] };
  const text = decoded(content);
  if (typeof text !== 'string') return { rows: [], fileProblems: [text] };
  const file = format === 'csv' ? readCsv(text, kind) : readJson(text);
  if (file.fileProblems.length === 0 && file.rows.length === 0) {
    return { rows: [], fileProblems: [fileProblem('has no rows')] };
  }
  return file;
}

function readCsv(text: string, kind: RegisterKind): RegisterFile {
  let records: CsvRecord[];
  try {
    records = parseCsvText(text);
  } catch (error) {
    if (!(error instanceof CsvUnreadable)) throw error;
    return {
      rows: [],
      fileProblems: [fileProblem(`is not a readable CSV file: ${error.reason}`, error.line)],
    };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], fileProblems: [] };

  const expected: readonly string[] = registerColumns[kind];
  const {
    names: columns,
    faults,
    missing,
  } = checkCsvHeader(header.fields, {
    known: expected,
    required: expected,
  });
  const line = header.line;
  const fileProblems: ImportProblem[] = [
    ...faults.map(({ name, repeated }): ImportProblem => {
      if (name === '') return { line, field: 'header', reason: 'has an empty column name' };
      if (repeated) return { line, field: name, reason: 'column appears twice' };
      return { line, field: name, reason: `is not a column of a ${kind} file` };
    }),
    ...missing.map((column): ImportProblem => ({ line, field: column, reason: 'column is missing' })),
  ];
  const rows = data.map((record): RawRow => csvRow(columns, record));
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
