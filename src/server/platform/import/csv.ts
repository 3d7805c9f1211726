import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { Parser } from 'csv-parse';
import { oneLineEnding, TextRefused } from './text.js';

/**
 * Reading CSV files that people export from spreadsheets and other systems: records located by the
 * physical line they start on, blank lines passed over, a header checked against the columns a
 * file may have, and csv-parse's failures said in words the person who made the file understands.
 */

/** What csv-parse's error codes mean to the person who made the file. */
export const csvErrorReasons: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field has text after its closing quote',
  INVALID_OPENING_QUOTE: 'a field has a quote in the middle: quote the whole field and double inner quotes',
  CSV_MAX_RECORD_SIZE: 'a row is longer than any row of such a file can be',
};

/** The file cannot be read as CSV at all; `line` is where the parser gave up, when it says. */
export class CsvUnreadable extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
  ) {
    super(reason);
  }
}

function unreadable(error: unknown): CsvUnreadable {
  const details = error as { code?: string; lines?: number; message?: string };
  const reason = (details.code && csvErrorReasons[details.code]) ?? details.message ?? String(error);
  return new CsvUnreadable(reason, details.lines ?? null);
}

/** A record that is not blank, with the physical line it starts on (the first line is 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const parseOptions = {
  info: true,
  relax_column_count: true,
  skip_empty_lines: false,
  trim: true,
} as const;

type ParsedRecord = { record: string[]; info: { lines: number } };

/**
 * Every physical line belongs to exactly one record (blank lines included), so a record starts on
 * the line after the one where the previous record ended.
 */
function lineLocator() {
  let previousEnd = 0;
  return ({ info }: ParsedRecord) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    return line;
  };
}

const isBlank = (fields: string[]) => !fields.some((field) => field !== '');

/** The records of a whole CSV text. Throws `CsvUnreadable`. */
export function parseCsvText(text: string): CsvRecord[] {
  let records: ParsedRecord[];
  try {
    records = parseSync(oneLineEnding(text), parseOptions) as unknown as ParsedRecord[];
  } catch (error) {
    throw unreadable(error);
  }
  const lineOf = lineLocator();
  return records
    .map((record) => ({ line: lineOf(record), fields: record.record }))
    .filter(({ fields }) => !isBlank(fields));
}

const drained = (parser: Parser) =>
  new Promise<void>((resolve) => {
    const go = () => {
      parser.off('drain', go);
      parser.off('close', go);
      resolve();
    };
    parser.on('drain', go);
    parser.on('close', go);
  });

/**
 * The records of a CSV text as it arrives (chunks with one line ending, as `textChunks` gives
 * them). Throws `CsvUnreadable`, or the `TextRefused` of the text, which wins when both happen.
 * A consumer that stops early stops the reading of the text too.
 */
export async function* csvRecords(
  text: AsyncIterable<string>,
  options: { maxRecordBytes: number },
): AsyncGenerator<CsvRecord> {
  const streamOptions = {
    ...parseOptions,
    max_record_size: options.maxRecordBytes,
    // Few rows wait between the parser and the checks, so a refused file stops being read at once.
    readableHighWaterMark: 4,
    writableHighWaterMark: 64 * 1024,
  };
  const parser = parse(streamOptions);
  let refused: TextRefused | undefined;
  const feed = (async () => {
    try {
      for await (const chunk of text) {
        if (refused || parser.destroyed) break;
        if (!parser.write(chunk)) await drained(parser);
      }
    } catch (error) {
      if (error instanceof TextRefused) refused = error;
      else throw error;
    } finally {
      if (!parser.destroyed) parser.end();
    }
  })();

  let failure: CsvUnreadable | undefined;
  const lineOf = lineLocator();
  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      if (refused) break;
      const line = lineOf(parsed);
      if (!isBlank(parsed.record)) yield { line, fields: parsed.record };
    }
  } catch (error) {
    failure = unreadable(error);
  } finally {
    parser.destroy();
    // A source that fails otherwise than by being refused ends the text where it stopped.
    await feed.catch(() => undefined);
  }
  if (refused) throw refused;
  if (failure) throw failure;
}

/** A column of a header that is not one of the file's, or that appears twice (`repeated`). */
export interface HeaderFault {
  name: string;
  repeated: boolean;
}

/**
 * Checks a header record against the columns a file may have (`known`) and must have
 * (`required`). Column names are compared in lower case; an empty name is never known.
 */
export function checkCsvHeader(
  fields: string[],
  columns: { known: readonly string[]; required: readonly string[] },
): { names: string[]; faults: HeaderFault[]; missing: string[] } {
  const names = fields.map((name) => name.toLowerCase());
  const faults: HeaderFault[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) || !columns.known.includes(name)) faults.push({ name, repeated: seen.has(name) });
    seen.add(name);
  }
  const missing = columns.required.filter((column) => !seen.has(column));
  return { names, faults, missing };
}

/** A data record read against the header's columns; `defect` when it has another number of fields. */
export interface CsvRow {
  line: number;
  values: Record<string, string | undefined>;
  defect?: string;
}

export function csvRow(columns: readonly string[], { line, fields }: CsvRecord): CsvRow {
  const values = Object.fromEntries(columns.map((column, index) => [column, fields[index]]));
  return fields.length === columns.length
    ? { line, values }
    : { line, values, defect: `has ${fields.length} fields; the header has ${columns.length}` };
}

/** A `;`-separated list in a CSV cell (an array where the file is JSON), without empty items. */
export const listItems = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : [])
    .map((item) => String(item).trim())
    .filter((item) => item !== '');
