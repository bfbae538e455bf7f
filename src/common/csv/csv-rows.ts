// class-transformer's @Type() reads decorator metadata: a CSV schema's module may load first in the worker thread.
import 'reflect-metadata';
import { Parser } from 'csv-parse';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationTypes } from 'class-validator';
import type { CsvLimits } from '../../config/env';
import type { ErrorDetail } from '../errors/api-error';
import { CommonError } from '../errors/error-codes';
import { flattenValidationErrors } from '../errors/validation-details';
import { foldVietnamese } from '../text/vietnamese';

/*
 * The CPU work of a CSV import — parsing, the header check and each row's validation — as plain,
 * synchronous code without Nest, so that it can run in a worker thread (csv-worker.ts) and never on
 * the event loop that answers requests. csv-import.ts is what services call.
 */

/** A data row of a CSV file with its 1-based line number in the file (header = line 1). */
export interface CsvRow<T> {
  line: number;
  value: T;
}

/** A row's cells by property (an empty cell is undefined), before any transform. */
export type CsvCells = Record<string, string | undefined>;

/**
 * What a CSV file's rows are: their DTO (class-validator rules, class-transformer transforms) and,
 * per property, the header names accepted for it (Vietnamese or English, compared without
 * diacritics or case). `file` and `name` say where the worker finds it: `name` is the export of
 * `file` holding this schema (the worker loads that module itself; a class cannot be sent to it).
 * `accept`, if given, is the rows' fast path: the value the DTO's transforms give when the DTO's
 * rules certainly pass, or undefined to send the row through the DTO (plainToInstance and
 * validateSync cost tens of microseconds a row), whose messages a bad row's problems then carry.
 */
export interface CsvSchema<T extends object> {
  file: string;
  name: string;
  dto: ClassConstructor<T>;
  columns: Record<keyof T & string, string[]>;
  accept?: (cells: CsvCells) => T | undefined;
}

/** Declares a schema exported as `name` by the module `file` (its `__filename`). */
export function csvSchema<T extends object>(
  file: string,
  name: string,
  dto: ClassConstructor<T>,
  columns: Record<keyof T & string, string[]>,
  accept?: (cells: CsvCells) => T | undefined,
): CsvSchema<T> {
  return { file, name, dto, columns, accept };
}

/** A bad value in a row: the row's file line, the column (its first header name) and what is wrong. */
export interface RowProblem {
  line: number;
  column: string;
  message: string;
}

/** A problem with the file as a whole (limits, encoding, header): the import answers this 400. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly details: ErrorDetail[],
    readonly code: CommonError,
  ) {
    super(message);
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}
/** csv-parse's incremental parser (what its stream and sync APIs both drive): fed slice by slice, it returns an error instead of throwing. */
interface IncrementalParser {
  parse(buf: Buffer | undefined, end: boolean, push: (r: ParsedRecord) => void, close: () => void): Error | undefined;
  /** The context `cast` (and an error message) gets for the field being parsed; its state and counters. */
  __infoField(): { index: number; column: number; lines: number };
  state: { record: unknown[] };
  info: { lines: number };
}

/** Bytes fed to the parser at once: the row limit is checked between slices. */
const PARSE_SLICE = 64 * 1024;

const tooLarge = (message: string, detail: string) => new CsvFileError(message, [{ field: 'body', message: detail }], CommonError.CsvTooLarge);

/**
 * Splits the file into records with the limits applied while parsing: a record (line) longer than
 * `maxLineChars` or with more than `maxColumns` fields stops the parser where it is, and more than
 * `maxRows` rows stops it at the next slice. `header` sees the first record as soon as it is parsed
 * (and may throw: a bad header stops the parsing there).
 */
function parseRecords(bytes: Buffer, limits: CsvLimits, header: (record: string[]) => void): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  let wideRecordLine = 0;
  const parser = (
    new Parser({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      delimiter: detectDelimiter(bytes),
      info: true,
      max_record_size: limits.maxLineChars,
      cast: (value, context) => {
        if (context.index >= limits.maxColumns) {
          wideRecordLine = context.lines;
          throw new Error('too many columns');
        }
        return value;
      },
    }) as unknown as { api: IncrementalParser }
  ).api;
  // csv-parse makes each field's context for `cast` out of three object spreads of all its counters:
  // most of the parsing time of a big file. The column limit (and the opening-quote error's message)
  // read only these three, so this parser makes just them — the same values (csv-parse 7, no `columns`).
  parser.__infoField = () => ({ index: parser.state.record.length, column: parser.state.record.length, lines: parser.info.lines });
  const push = (r: ParsedRecord) => records.push(r);
  const fail = (error: Error): never => {
    if (wideRecordLine) throw tooLarge(`At most ${limits.maxColumns} columns per line`, `line ${wideRecordLine} has more than ${limits.maxColumns} fields`);
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw tooLarge(`At most ${limits.maxLineChars} characters per line`, error.message);
    throw new CsvFileError('The file is not valid CSV', [{ field: 'body', message: error.message }], CommonError.RequestMalformed);
  };
  let headerSeen = false;
  const check = () => {
    if (!headerSeen && records.length > 0) {
      header(records[0].record);
      headerSeen = true;
    }
    if (records.length - 1 > limits.maxRows) throw tooLarge(`At most ${limits.maxRows} rows per file`, 'too many rows');
  };
  for (let at = 0; at < bytes.length; at += PARSE_SLICE) {
    const error = parser.parse(bytes.subarray(at, at + PARSE_SLICE), false, push, () => undefined);
    if (error) fail(error);
    check();
  }
  const error = parser.parse(undefined, true, push, () => undefined);
  if (error) fail(error);
  check();
  return records;
}

/** Properties of a CSV row DTO that must have a column: those without `@IsOptional()`. */
function requiredProperties(dto: ClassConstructor<object>): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const optional = new Set(metadata.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.propertyName));
  return new Set(metadata.map((m) => m.propertyName).filter((p) => !optional.has(p)));
}

const normalizeHeader = (h: string) => foldVietnamese(h).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Parses a CSV file against `schema`: the header first (an unknown, a duplicated or a missing required
 * column throws one `CsvFileError` about the header), then each row is taken by the schema's `accept`
 * or else turned into an instance of the schema's DTO and validated. Valid rows go to `row`, each bad
 * row's problems to `problem` (per row and column, in file order). Throws `CsvFileError` for a file past `limits` or not CSV at all.
 */
export function readCsv<T extends object>(bytes: Buffer, schema: CsvSchema<T>, limits: CsvLimits, row: (r: CsvRow<T>) => void, problem: (p: RowProblem) => void): void {
  const { columns, dto, accept } = schema;
  if (bytes.includes(0)) throw new CsvFileError('The file contains NUL bytes; is it really a CSV text file?', [{ field: 'body', message: 'contains NUL bytes' }], CommonError.RequestMalformed);
  const index = new Map<string, number>();
  // `info.lines` is the file line where a record ends, so blank lines and quoted multi-line fields keep numbers right.
  const parsed = parseRecords(bytes, limits, (headerLine) => checkHeader(headerLine, schema, index));
  if (parsed.length < 2) throw new CsvFileError('The file has no data rows', [{ field: 'body', message: 'needs a header line and at least one row' }], CommonError.ValidationFailed);

  for (let i = 1; i < parsed.length; i++) {
    const { record, info } = parsed[i];
    const line = info.lines;
    const plain: CsvCells = {};
    for (const [prop, col] of index) plain[prop] = record[col] === '' ? undefined : record[col];
    const accepted = accept?.(plain);
    if (accepted) {
      row({ line, value: accepted });
      continue;
    }
    const value = plainToInstance(dto, plain);
    const problems = flattenValidationErrors(validateSync(value, { whitelist: true, forbidNonWhitelisted: true }));
    for (const p of problems) problem({ line, column: columns[p.field.split('.')[0] as keyof T & string]?.[0] ?? p.field, message: p.message });
    if (problems.length === 0) row({ line, value });
  }
}

/**
 * Matches the header's names to the schema's properties (into `index`: property → column); an unknown,
 * a duplicated or a missing required column throws one `CsvFileError` about the header.
 */
function checkHeader<T extends object>(headerLine: string[], { columns, dto }: CsvSchema<T>, index: Map<string, number>): void {
  const header = headerLine.map(normalizeHeader);
  const props = Object.keys(columns) as (keyof T & string)[];
  const aliases = new Map(props.map((p) => [p, columns[p].map(normalizeHeader)]));
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.forEach((h, i) => {
    const prop = props.find((p) => aliases.get(p)!.includes(h));
    if (prop && index.has(prop)) repeated.push(`${headerLine[index.get(prop)!]} / ${headerLine[i]}`);
    else if (prop) index.set(prop, i);
    else if (h) unknown.push(headerLine[i]);
  });
  if (unknown.length) {
    throw new CsvFileError(
      'Unknown column(s) in the header',
      unknown.map((u) => ({ field: `row 1, ${u}`, message: `unknown column; expected one of: ${Object.values<string[]>(columns).map((a) => a[0]).join(', ')}` })),
      CommonError.ValidationFailed,
    );
  }
  if (repeated.length) {
    throw new CsvFileError('A column appears twice in the header', [{ field: 'row 1', message: `the same column more than once: ${repeated.join(', ')}` }], CommonError.ValidationFailed);
  }
  const missing = [...requiredProperties(dto)].filter((p) => p in columns && !index.has(p)).map((p) => columns[p as keyof T & string][0]);
  if (missing.length) {
    throw new CsvFileError('Required column(s) missing from the header', [{ field: 'row 1', message: `missing required column(s): ${missing.join(', ')}` }], CommonError.ValidationFailed);
  }
}

/** Excel in a Vietnamese locale often saves with `;` — accept either, judged from the header line. */
function detectDelimiter(bytes: Buffer): string {
  const end = bytes.indexOf(0x0a);
  const first = bytes.subarray(0, end === -1 ? Math.min(bytes.length, 64 * 1024) : Math.min(end, 64 * 1024)).toString('utf8');
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}
