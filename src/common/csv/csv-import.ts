import { Parser } from 'csv-parse';
import { isUtf8 } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { ImportResult } from './import.dto';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationTypes } from 'class-validator';
import type { CsvLimits } from '../../config/env';
import { badRequest, type ErrorDetail } from '../errors/api-error';
import { CommonError } from '../errors/error-codes';
import { flattenValidationErrors } from '../errors/validation';
import { foldVietnamese } from '../text/vietnamese';

/** A data row of a CSV file with its 1-based line number in the file (header = line 1). */
export interface CsvRow<T> {
  line: number;
  value: T;
}

/** Collects row problems so the whole file is rejected at once with every bad row listed. */
export class RowErrors {
  readonly details: ErrorDetail[] = [];
  add(line: number, column: string, message: string) {
    this.details.push({ field: `row ${line}, ${column}`, message });
  }
  throwIfAny(what: string) {
    if (this.details.length === 0) return;
    const rows = new Set(this.details.map((d) => d.field.split(',')[0])).size;
    throw badRequest(`${what}: ${rows} bad row(s), nothing was imported`, this.details, CommonError.ValidationFailed);
  }
}

class RollbackDryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Runs an import in one transaction. `work` writes and returns the ids it created and changed
 * (as PostgreSQL reported them); on a dry run the transaction is rolled back after the writes,
 * so the answer is exactly what a real import would do.
 */
export async function importTransaction(
  db: DataSource,
  dryRun: boolean,
  rows: number,
  work: (m: EntityManager) => Promise<{ created: number; updated: number }>,
): Promise<ImportResult> {
  try {
    return await db.transaction(async (m) => {
      const { created, updated } = await work(m);
      const result = { created, updated, unchanged: rows - created - updated, dryRun };
      if (dryRun) throw new RollbackDryRun(result);
      return result;
    });
  } catch (e) {
    if (e instanceof RollbackDryRun) return e.result;
    throw e;
  }
}

/**
 * The uploaded file's bytes once they are known to be UTF-8 (with or without BOM); anything else is a
 * 400, not mojibake in the database. The parser reads these bytes directly (no copy as a string).
 */
export function utf8Bytes(body: unknown): Buffer {
  if (typeof body === 'string') return Buffer.from(body);
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('Send the CSV file as the request body with Content-Type: text/csv', [{ field: 'body', message: 'is empty' }], CommonError.RequestMalformed);
  // (isUtf8 is the validating fast path: a 19 MB file in milliseconds, where TextDecoder takes 200 ms.)
  if (!isUtf8(body)) throw badRequest('The file is not UTF-8 encoded; save it as "CSV UTF-8"', [{ field: 'body', message: 'is not valid UTF-8' }], CommonError.RequestMalformed);
  return body;
}

/** Lets the event loop run (other requests, `/health`) between slices of a long import. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Bytes parsed between two yields (a few milliseconds of work). */
const PARSE_SLICE = 32 * 1024;
/** Rows are validated for at most this long before the loop gets a turn (by time: a row's cost varies with the machine's load). */
const SLICE_MS = 10;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}
/** csv-parse's incremental parser (what its stream and sync APIs both drive): fed slice by slice, it returns an error instead of throwing. */
interface IncrementalParser {
  parse(buf: Buffer | undefined, end: boolean, push: (r: ParsedRecord) => void, close: () => void): Error | undefined;
}

const tooLarge = (message: string, detail: string) => badRequest(message, [{ field: 'body', message: detail }], CommonError.CsvTooLarge);

/**
 * Splits the file into records with the limits applied while parsing: a record (line) longer than
 * `maxLineChars` or with more than `maxColumns` fields stops the parser where it is, and more than
 * `maxRows` rows stops it at the next slice. The file is parsed in slices with yields in between.
 */
async function parseRecords(bytes: Buffer, limits: CsvLimits): Promise<ParsedRecord[]> {
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
  const push = (r: ParsedRecord) => records.push(r);
  const fail = (error: Error): never => {
    if (wideRecordLine) throw tooLarge(`At most ${limits.maxColumns} columns per line`, `line ${wideRecordLine} has more than ${limits.maxColumns} fields`);
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw tooLarge(`At most ${limits.maxLineChars} characters per line`, error.message);
    throw badRequest('The file is not valid CSV', [{ field: 'body', message: error.message }], CommonError.RequestMalformed);
  };
  for (let at = 0; at < bytes.length; at += PARSE_SLICE) {
    const error = parser.parse(bytes.subarray(at, at + PARSE_SLICE), false, push, () => undefined);
    if (error) fail(error);
    if (records.length - 1 > limits.maxRows) throw tooLarge(`At most ${limits.maxRows} rows per file`, 'too many rows');
    await yieldToLoop();
  }
  const error = parser.parse(undefined, true, push, () => undefined);
  if (error) fail(error);
  if (records.length - 1 > limits.maxRows) throw tooLarge(`At most ${limits.maxRows} rows per file`, 'too many rows');
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
 * Parses a CSV file whose header names are matched against `columns` (each property accepts
 * several spellings, Vietnamese or English, compared without diacritics or case), turns each row
 * into an instance of `dto` and validates it. Problems are collected into `errors` per row and column.
 * The header is checked first: an unknown, a duplicated or a missing required column refuses the
 * file with one error about the header. Parsing and validation run in slices with yields, within
 * `limits`, so a big or hostile file never holds the event loop for long.
 */
export async function parseCsv<T extends object>(
  bytes: Buffer,
  columns: Record<keyof T & string, string[]>,
  dto: ClassConstructor<T>,
  errors: RowErrors,
  limits: CsvLimits,
): Promise<CsvRow<T>[]> {
  if (bytes.includes(0)) throw badRequest('The file contains NUL bytes; is it really a CSV text file?', [{ field: 'body', message: 'contains NUL bytes' }], CommonError.RequestMalformed);
  // `info.lines` is the file line where a record ends, so blank lines and quoted multi-line fields keep numbers right.
  const parsed = await parseRecords(bytes, limits);
  if (parsed.length < 2) throw badRequest('The file has no data rows', [{ field: 'body', message: 'needs a header line and at least one row' }], CommonError.ValidationFailed);

  const headerLine = parsed[0].record;
  const header = headerLine.map(normalizeHeader);
  const props = Object.keys(columns) as (keyof T & string)[];
  const aliases = new Map(props.map((p) => [p, columns[p].map(normalizeHeader)]));
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.forEach((h, i) => {
    const prop = props.find((p) => aliases.get(p)!.includes(h));
    if (prop && index.has(prop)) repeated.push(`${headerLine[index.get(prop)!]} / ${headerLine[i]}`);
    else if (prop) index.set(prop, i);
    else if (h) unknown.push(headerLine[i]);
  });
  if (unknown.length) {
    throw badRequest('Unknown column(s) in the header', unknown.map((u) => ({ field: `row 1, ${u}`, message: `unknown column; expected one of: ${Object.values<string[]>(columns).map((a) => a[0]).join(', ')}` })), CommonError.ValidationFailed);
  }
  if (repeated.length) {
    throw badRequest('A column appears twice in the header', [{ field: 'row 1', message: `the same column more than once: ${repeated.join(', ')}` }], CommonError.ValidationFailed);
  }
  const missing = [...requiredProperties(dto)].filter((p) => p in columns && !index.has(p)).map((p) => columns[p as keyof T & string][0]);
  if (missing.length) {
    throw badRequest('Required column(s) missing from the header', [{ field: 'row 1', message: `missing required column(s): ${missing.join(', ')}` }], CommonError.ValidationFailed);
  }

  const rows: CsvRow<T>[] = [];
  let sliceStart = performance.now();
  for (let i = 1; i < parsed.length; i++) {
    const { record, info } = parsed[i];
    const line = info.lines;
    const plain: Record<string, string | undefined> = {};
    for (const [prop, col] of index) plain[prop] = record[col] === '' ? undefined : record[col];
    const value = plainToInstance(dto, plain);
    const problems = flattenValidationErrors(validateSync(value, { whitelist: true, forbidNonWhitelisted: true }));
    for (const p of problems) errors.add(line, columns[p.field.split('.')[0] as keyof T & string]?.[0] ?? p.field, p.message);
    if (problems.length === 0) rows.push({ line, value });
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
  return rows;
}

/** Excel in a Vietnamese locale often saves with `;` — accept either, judged from the header line. */
function detectDelimiter(bytes: Buffer): string {
  const end = bytes.indexOf(0x0a);
  const first = bytes.subarray(0, end === -1 ? Math.min(bytes.length, 64 * 1024) : Math.min(end, 64 * 1024)).toString('utf8');
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Parses "có / không / x / yes / true / 1" style booleans from spreadsheets. */
export function parseYesNo(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = foldVietnamese(value.trim());
  if (['co', 'x', 'yes', 'true', '1', 'y'].includes(v)) return true;
  if (['khong', 'no', 'false', '0', 'n', ''].includes(v)) return false;
  return value;
}
