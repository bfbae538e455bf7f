import { parentPort } from 'node:worker_threads';
import type { CsvLimits } from '../../config/env';
import type { ErrorDetail } from '../errors/api-error';
import { type CsvRow, type CsvSchema, CsvFileError, readCsv, type RowProblem } from './csv-rows';

/*
 * The CSV worker thread (started by csv-workers.ts): parses and validates one file at a time and
 * sends the rows back in chunks, so that the main thread takes each chunk in a few milliseconds.
 */

/** A file to read: its bytes (transferred), where its schema is, and the limits. */
export interface CsvJob {
  bytes: ArrayBuffer;
  file: string;
  name: string;
  limits: CsvLimits;
}

/** What the worker answers, in order: chunks of rows and of row problems, then one `end`. */
export type CsvReply =
  | { rows: CsvRow<object>[] }
  | { problems: RowProblem[] }
  | { end: 'done' }
  | { end: 'refused'; message: string; details: ErrorDetail[]; code: string }
  | { end: 'crashed'; message: string };

/** Rows (or problems) per message: about a millisecond of structured-clone work for the main thread. */
const CHUNK = 1000;

parentPort!.on('message', (job: CsvJob) => {
  const post = (reply: CsvReply) => parentPort!.postMessage(reply);
  let rows: CsvRow<object>[] = [];
  let problems: RowProblem[] = [];
  try {
    // (The schema's module, by its path: from source or built, as this thread was started.)
    const schema = (require(job.file) as Record<string, CsvSchema<object>>)[job.name];
    if (!schema?.dto) throw new Error(`${job.file} exports no CSV schema ${job.name}`);
    readCsv(
      Buffer.from(job.bytes),
      schema,
      job.limits,
      (r) => {
        rows.push(r);
        if (rows.length < CHUNK) return;
        post({ rows });
        rows = [];
      },
      (p) => {
        problems.push(p);
        if (problems.length < CHUNK) return;
        post({ problems });
        problems = [];
      },
    );
    if (rows.length) post({ rows });
    if (problems.length) post({ problems });
    post({ end: 'done' });
  } catch (e) {
    if (e instanceof CsvFileError) post({ end: 'refused', message: e.message, details: e.details, code: e.code });
    else post({ end: 'crashed', message: e instanceof Error ? e.message : String(e) });
  }
});
