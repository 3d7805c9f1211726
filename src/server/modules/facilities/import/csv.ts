import type { Readable } from 'node:stream';
import type { FacilityImportProblem } from '../../../../shared/facilities.js';
import { checkCsvHeader, csvRecords, csvRow, CsvUnreadable } from '../../../platform/import/csv.js';
import { textChunks, TextRefused } from '../../../platform/import/text.js';
import {
  checkFacility,
  facilityColumns,
  facilityProblemLog,
  fileProblem,
  MAX_FACILITY_IMPORT_BYTES,
  MAX_RECORD_BYTES,
  problem,
  refusedFile,
  rejectDuplicatesInFile,
  requiredColumns,
  textRefusal,
  type Column,
  type FacilityDraft,
  type FieldNames,
  type ParsedFacilityFile,
} from './check.js';

const csvFieldNames = Object.fromEntries(facilityColumns.map((column) => [column, column])) as FieldNames;

/** Reads a CSV facilities file as it arrives. Never throws for bad content: it reports it. */
export async function readFacilityCsv(
  source: Readable | AsyncIterable<Buffer | string>,
): Promise<ParsedFacilityFile> {
  const log = facilityProblemLog();
  const drafts: FacilityDraft[] = [];
  let columns: Column[] | undefined;
  let rowsRead = 0;
  try {
    const records = csvRecords(textChunks(source, MAX_FACILITY_IMPORT_BYTES), {
      maxRecordBytes: MAX_RECORD_BYTES,
    });
    for await (const record of records) {
      if (!columns) {
        const header = checkHeader(record.fields, record.line);
        if (header.problems.length > 0) return refusedFile(header.problems);
        columns = header.columns;
        continue;
      }
      rowsRead += 1;
      const where = { line: record.line, entry: null };
      const row = csvRow(columns, record);
      if (row.defect) {
        log.add(problem(where, 'row', 'bad_row_shape', row.defect));
      } else {
        const draft = checkFacility(row.values, { where, fields: csvFieldNames, log });
        if (draft) drafts.push(draft);
      }
    }
  } catch (error) {
    if (error instanceof TextRefused) return refusedFile([textRefusal(error.fault)]);
    if (error instanceof CsvUnreadable) {
      return refusedFile([
        fileProblem('file_unreadable', `is not a readable CSV file: ${error.reason}`, error.line),
      ]);
    }
    throw error;
  }

  if (!columns) return refusedFile([fileProblem('file_empty', 'has no header and no rows')]);
  if (rowsRead === 0) return refusedFile([fileProblem('file_empty', 'has a header but no rows')]);
  const unique = rejectDuplicatesInFile(drafts, log, csvFieldNames);
  return { drafts: unique, problems: log.problems, rowsRead, rowsRejected: log.rowsRejected, refused: false };
}

function checkHeader(
  record: string[],
  line: number,
): { columns: Column[]; problems: FacilityImportProblem[] } {
  const known: readonly string[] = facilityColumns;
  const { names, faults, missing } = checkCsvHeader(record, { known, required: requiredColumns });
  // A header that shares nothing with ours is not a facilities file: say it once, not per column.
  if (!names.some((name) => known.includes(name))) {
    return {
      columns: [],
      problems: [
        fileProblem(
          'missing_column',
          `line ${line} is not the header of a facilities file; it must name the columns ${requiredColumns.join(', ')}`,
          line,
        ),
      ],
    };
  }
  const problems = [
    ...faults.map(({ name, repeated }) =>
      problem(
        { line, entry: null },
        name === '' ? 'header' : name,
        'unknown_column',
        repeated ? 'column appears twice' : 'is not a column of a facilities file',
      ),
    ),
    ...missing.map((column) => problem({ line, entry: null }, column, 'missing_column', 'column is missing')),
  ];
  return { columns: names as Column[], problems };
}
