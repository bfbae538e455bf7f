import { isUtf8 } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { CsvLimits } from '../../config/env';
import { badRequest, type ErrorDetail, Unavailable } from '../errors/api-error';
import { CommonError } from '../errors/error-codes';
import type { CsvRow, CsvSchema } from './csv-rows';
import { csvWorkers, CsvWorkersBusy } from './csv-workers';
import type { ImportResult } from './import.dto';

export { type CsvRow, type CsvSchema, csvSchema } from './csv-rows';

/** Seconds a refused import is asked to wait (an import of a big file takes a few seconds in its thread). */
export const IMPORTS_BUSY_RETRY_AFTER_SECONDS = 10;

/** The 503 of an import that finds every thread busy and the queue of waiting imports full (CSV_MAX_WAITING). */
export const importsBusy = () =>
  new Unavailable('Too many imports are being read right now; send the file again in a few seconds', IMPORTS_BUSY_RETRY_AFTER_SECONDS, CommonError.ImportsBusy);

/** Collects row problems so the whole file is rejected at once with every bad row listed. */
export class RowErrors {
  readonly details: ErrorDetail[] = [];
  /** Lines with a problem, counted as they come (not from 100,000 details at the end, in one go). */
  private readonly lines = new Set<number>();
  add(line: number, column: string, message: string) {
    this.details.push({ field: `row ${line}, ${column}`, message });
    this.lines.add(line);
  }
  throwIfAny(what: string) {
    if (this.details.length === 0) return;
    const rows = this.lines.size;
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

/**
 * Reads a CSV file against `schema` (csv-rows.ts: header names matched with or without diacritics,
 * each row turned into the schema's DTO and validated) in a worker thread, so a big or hostile file
 * never holds the event loop that answers requests: the main thread only takes the rows back, in
 * chunks of a millisecond or so. Row problems go into `errors` per row and column, in file order; a
 * file past `limits`, not CSV, or with an unknown, a duplicated or a missing required column is refused
 * with one 400 (about the header, for a header). With every thread busy and `limits.maxWaiting` imports
 * already waiting, a 503 with Retry-After (`importsBusy`).
 */
export async function parseCsv<T extends object>(bytes: Buffer, schema: CsvSchema<T>, errors: RowErrors, limits: CsvLimits): Promise<CsvRow<T>[]> {
  let outcome;
  try {
    outcome = await csvWorkers.read(bytes, schema, limits);
  } catch (e) {
    if (e instanceof CsvWorkersBusy) throw importsBusy();
    // The thread died: out of memory under its heap limit is the file's doing, anything else is ours.
    if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw badRequest('The file is too large to check', [{ field: 'body', message: 'needs more memory than an import may take' }], CommonError.CsvTooLarge);
    }
    throw e;
  }
  if (!outcome.ok) throw badRequest(outcome.message, outcome.details, outcome.code as CommonError);
  await eachSliced(outcome.problems, (p) => errors.add(p.line, p.column, p.message));
  return outcome.rows;
}

/** Lets the event loop run (other requests, `/health`) between slices of long work on the main thread. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Work runs for at most this long before the loop gets a turn. */
const SLICE_MS = 10;

/**
 * Calls `fn` on each item, yielding to the event loop whenever a slice has run SLICE_MS: for the loops
 * an import runs over 100,000 rows on the main thread (a slice is timed, as a row's cost varies with the load).
 */
export async function eachSliced<T>(items: Iterable<T>, fn: (item: T) => void): Promise<void> {
  let sliceStart = performance.now();
  let n = 0;
  for (const item of items) {
    fn(item);
    if ((++n & 255) === 0 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
}
