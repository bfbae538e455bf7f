import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CsvLimits } from '../../config/env';
import type { ErrorDetail } from '../errors/api-error';
import type { CsvRow, CsvSchema, RowProblem } from './csv-rows';
import type { CsvJob, CsvReply } from './csv-worker';

/** Threads reading CSV files at once (a further import waits its turn): one core stays with the requests. */
export const CSV_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** A thread without work for this long ends (a new one starts with the next import, in about 50 ms built, longer from source). */
const IDLE_MS = 30_000;
/** A thread's heap: a hostile file that passed the limits still cannot take the process's memory. */
const HEAP_MB = 768;

/** Thrown by `read` when `limits.maxWaiting` imports already wait for a thread: the caller answers 503 (see csv-import.ts). */
export class CsvWorkersBusy extends Error {
  constructor() {
    super('Every CSV thread is busy and the queue of imports waiting for one is full');
  }
}

/** How a thread ended a file it was given. */
export type CsvOutcome<T> =
  | { ok: true; rows: CsvRow<T>[]; problems: RowProblem[] }
  | { ok: false; message: string; details: ErrorDetail[]; code: string };

/**
 * The worker threads that read CSV files (parse, header check, row validation: csv-rows.ts), started
 * on demand, at most CSV_WORKERS, each ended after IDLE_MS without work. An import that finds them all
 * busy waits its turn, holding its file (up to CSV_LIMIT_BYTES), in a queue of at most
 * `limits.maxWaiting`; one more is refused (CsvWorkersBusy), so waiting imports cannot take the
 * process's memory. Built from source (tests, the CLI), a thread loads the TypeScript through
 * @swc-node/register, as the process does.
 */
class CsvWorkers {
  private readonly idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private live = 0;

  /**
   * True when an import arriving now would be refused: every thread busy and `maxWaiting` imports
   * waiting. Asked before a request's body is read (bootstrap), so a refused upload is not even held.
   */
  full(maxWaiting: number): boolean {
    return this.idle.length === 0 && this.live >= CSV_WORKERS && this.waiting.length >= maxWaiting;
  }

  /** Reads one file in a thread; rejects with CsvWorkersBusy, at once, when the queue is full. */
  async read<T extends object>(bytes: Buffer, schema: CsvSchema<T>, limits: CsvLimits): Promise<CsvOutcome<T>> {
    const worker = await this.acquire(limits.maxWaiting);
    // Busy, it keeps the process alive (a CLI import must not end half-way); idle, it does not.
    worker.ref();
    let healthy = true;
    try {
      return await exchange<T>(worker, bytes, schema, limits);
    } catch (e) {
      healthy = false;
      throw e;
    } finally {
      this.release(worker, healthy);
    }
  }

  private acquire(maxWaiting: number): Promise<Worker> {
    const ready = this.idle.pop();
    if (ready) {
      clearTimeout(ready.timer);
      return Promise.resolve(ready.worker);
    }
    if (this.live < CSV_WORKERS) {
      this.live++;
      return Promise.resolve(this.start());
    }
    if (this.waiting.length >= maxWaiting) return Promise.reject(new CsvWorkersBusy());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker, healthy: boolean) {
    if (!healthy) {
      void worker.terminate();
      this.live--;
      if (this.waiting.length) {
        this.live++;
        this.waiting.shift()!(this.start());
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) return next(worker);
    worker.unref();
    // (Its 'exit' takes it off the idle list.)
    const timer = setTimeout(() => void worker.terminate(), IDLE_MS);
    timer.unref();
    this.idle.push({ worker, timer });
  }

  private start(): Worker {
    const fromSource = extname(__filename) === '.ts';
    const entry = join(__dirname, `csv-worker${extname(__filename)}`);
    const resourceLimits = { maxOldGenerationSizeMb: HEAP_MB };
    const worker = fromSource
      ? new Worker(`require(${JSON.stringify(require.resolve('@swc-node/register'))}); require(${JSON.stringify(entry)});`, { eval: true, resourceLimits })
      : new Worker(entry, { resourceLimits });
    // A thread that ends while idle (it should not) is forgotten, not handed the next file.
    worker.on('exit', () => {
      const at = this.idle.findIndex((i) => i.worker === worker);
      if (at === -1) return; // (ended during a file: `read` already let it go)
      clearTimeout(this.idle[at].timer);
      this.idle.splice(at, 1);
      this.live--;
    });
    return worker;
  }
}

/** Sends one file to a thread and gathers its answer; rejects if the thread dies (out of memory, say). */
function exchange<T extends object>(worker: Worker, bytes: Buffer, schema: CsvSchema<T>, limits: CsvLimits): Promise<CsvOutcome<T>> {
  return new Promise((resolve, reject) => {
    const rows: CsvRow<T>[] = [];
    const problems: RowProblem[] = [];
    const off = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: CsvReply) => {
      if ('rows' in reply) for (const r of reply.rows) rows.push(r as CsvRow<T>);
      else if ('problems' in reply) for (const p of reply.problems) problems.push(p);
      else {
        off();
        if (reply.end === 'done') resolve({ ok: true, rows, problems });
        else if (reply.end === 'refused') resolve({ ok: false, message: reply.message, details: reply.details, code: reply.code });
        else reject(new Error(`CSV worker: ${reply.message}`));
      }
    };
    const onError = (e: Error) => (off(), reject(e));
    const onExit = (code: number) => (off(), reject(new Error(`CSV worker exited (${code})`)));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // A copy of the bytes, handed over (not copied again): the request keeps its own buffer.
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    const job: CsvJob = { bytes: copy, file: schema.file, name: schema.name, limits };
    worker.postMessage(job, [copy]);
  });
}

export const csvWorkers = new CsvWorkers();
