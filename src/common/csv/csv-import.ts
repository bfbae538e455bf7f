import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import type { ImportResult } from './import.dto';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
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

const MAX_ROWS = 100_000;

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

/** Decodes an uploaded file as UTF-8 (with or without BOM); anything else is a 400, not mojibake in the database. */
export function decodeUtf8(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('Send the CSV file as the request body with Content-Type: text/csv', [{ field: 'body', message: 'is empty' }], CommonError.RequestMalformed);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw badRequest('The file is not UTF-8 encoded; save it as "CSV UTF-8"', [{ field: 'body', message: 'is not valid UTF-8' }], CommonError.RequestMalformed);
  }
}

/**
 * Parses a CSV file whose header names are matched against `columns` (each property accepts
 * several spellings, Vietnamese or English, compared without diacritics or case), turns each row
 * into an instance of `dto` and validates it. Problems are collected into `errors` per row and column.
 */
export function parseCsv<T extends object>(
  text: string,
  columns: Record<keyof T & string, string[]>,
  dto: ClassConstructor<T>,
  errors: RowErrors,
): CsvRow<T>[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  if (text.includes('\u0000')) throw badRequest('The file contains NUL bytes; is it really a CSV text file?', [{ field: 'body', message: 'contains NUL bytes' }], CommonError.RequestMalformed);
  try {
    parsed = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, delimiter: detectDelimiter(text), info: true }) as unknown as typeof parsed;
  } catch (e) {
    throw badRequest('The file is not valid CSV', [{ field: 'body', message: (e as Error).message }], CommonError.RequestMalformed);
  }
  // `info.lines` is the file line where a record ends, so blank lines and quoted multi-line fields keep numbers right.
  const records = parsed.map((p) => p.record);
  if (records.length < 2) throw badRequest('The file has no data rows', [{ field: 'body', message: 'needs a header line and at least one row' }], CommonError.ValidationFailed);
  if (records.length - 1 > MAX_ROWS) throw badRequest(`At most ${MAX_ROWS} rows per file`, [{ field: 'body', message: 'too many rows' }], CommonError.ValidationFailed);

  const header = records[0].map((h) => foldVietnamese(h).replace(/[^a-z0-9]+/g, ' ').trim());
  const index = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const prop = (Object.keys(columns) as (keyof T & string)[]).find((p) => columns[p].some((alias) => foldVietnamese(alias).replace(/[^a-z0-9]+/g, ' ').trim() === h));
    if (prop) index.set(prop, i);
    else if (h) unknown.push(records[0][i]);
  });
  if (unknown.length) {
    throw badRequest('Unknown column(s) in the header', unknown.map((u) => ({ field: `row 1, ${u}`, message: `unknown column; expected one of: ${Object.values<string[]>(columns).map((a) => a[0]).join(', ')}` })), CommonError.ValidationFailed);
  }

  const rows: CsvRow<T>[] = [];
  parsed.slice(1).forEach(({ record, info }) => {
    const line = info.lines;
    const plain: Record<string, string | undefined> = {};
    for (const [prop, col] of index) plain[prop] = record[col] === '' ? undefined : record[col];
    const value = plainToInstance(dto, plain);
    const problems = flattenValidationErrors(validateSync(value, { whitelist: true, forbidNonWhitelisted: true }));
    for (const p of problems) errors.add(line, columns[p.field.split('.')[0] as keyof T & string]?.[0] ?? p.field, p.message);
    if (problems.length === 0) rows.push({ line, value });
  });
  return rows;
}

/** Excel in a Vietnamese locale often saves with `;` — accept either, judged from the header line. */
function detectDelimiter(text: string): string {
  const first = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
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
