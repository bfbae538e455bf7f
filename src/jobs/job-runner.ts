import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env';
import { JOB_QUEUES, type JobContext, type JobQueueName, JobsService } from './jobs.service';
import { Batcher } from './batcher';
import { TokenBucket } from './token-bucket';

/** Options the module is built with: decided once at boot (app.module.ts). */
export interface JobRunnerOptions {
  /** Run handlers in this process (API by default, the worker process always). */
  runWorker: boolean;
}
export const JOB_RUNNER_OPTIONS = Symbol('JOB_RUNNER_OPTIONS');

interface OutboxRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  run_at: Date;
}

const POLL_MS = 1000;
const BATCH = 500;
/** A claimed job not finished within this time is claimed again (its process died). */
const LEASE_MS = 5 * 60_000;
/** Jobs a worker process runs at once, per queue (also bounds what a killed worker can leave half-done). */
export const CONCURRENCY: Record<JobQueueName, number> = { mail: 16, default: 4 };

/**
 * Moves committed outbox rows to where they run, and runs them.
 *
 * - With REDIS_URL (BullMQ): the relay claims `pending` rows and adds them to the BullMQ queue of
 *   their handler with the row id as job id (so adding twice is a no-op) and a delay until `run_at`;
 *   a row goes `queued` only when Redis accepted it, so with Redis down rows wait in PostgreSQL and
 *   leave when it is back. BullMQ workers retry with exponential backoff and rate-limit mail.
 *   A `queued` row whose lease ran out (Redis lost its data, say) is offered again; its job id
 *   keeps that from doubling anything still in Redis.
 * - Without REDIS_URL (inline): the same handlers run in this process: the relay claims due rows
 *   with a lease, retries with backoff by moving `run_at`, and a token bucket limits mail.
 *
 * Either way a handler runs only while its row is pending or queued, and marks it done or failed.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('jobs');
  private readonly redisUrl?: string;
  private readonly prefix: string;
  private readonly queues = new Map<JobQueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly bucket: TokenBucket;
  private readonly lockMs: number;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe?: () => void;
  private readonly running = new Set<Promise<void>>();
  private inlineActive: Record<JobQueueName, number> = { mail: 0, default: 0 };
  /**
   * The claim and the completion of each run, written for all runs in flight at once: at 400 mails a
   * second, one statement per batch instead of two per mail. Each run still waits for its own write.
   */
  private readonly claims = new Batcher<string, OutboxRow>(async (ids) => {
    // (In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].)
    const rows: OutboxRow[] = await this.db.query(
      `WITH r AS (UPDATE outbox SET attempts = attempts + 1, locked_until = now() + make_interval(secs => $2), updated_at = now()
                  WHERE id = ANY($1) AND status IN ('pending', 'queued') RETURNING id, kind, payload, status, attempts)
       SELECT * FROM r`,
      [ids, LEASE_MS / 1000],
    );
    return new Map(rows.map((r) => [r.id, r]));
  });
  private readonly completions = new Batcher<string>(async (ids) => {
    await this.db.query(`UPDATE outbox SET status = 'done', done_at = now(), last_error = NULL, locked_until = NULL, updated_at = now() WHERE id = ANY($1)`, [ids]);
  });

  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
    @Inject(JOB_RUNNER_OPTIONS) private readonly options: JobRunnerOptions,
  ) {
    this.redisUrl = config.get('redisUrl', { infer: true });
    this.prefix = config.get('queuePrefix', { infer: true });
    this.bucket = new TokenBucket(config.get('mailRatePerSecond', { infer: true }));
    this.lockMs = config.get('jobLockMs', { infer: true });
  }

  get mode(): 'bullmq' | 'inline' {
    return this.redisUrl ? 'bullmq' : 'inline';
  }

  onApplicationBootstrap() {
    if (this.redisUrl) {
      // The producer fails fast when Redis is away (rows stay pending); workers wait for it forever.
      for (const name of JOB_QUEUES) {
        const queue = new Queue(name, { connection: { url: this.redisUrl, maxRetriesPerRequest: 1, connectTimeout: 2000 }, prefix: this.prefix });
        queue.on('error', (e) => this.log.warn(`queue ${name}: ${e.message}`));
        // Redis is back after losing the connection, perhaps empty (restarted without persistence,
        // failed over): offer every queued row again now, not when its lease runs out. Job ids keep
        // what Redis still holds from doubling; finished jobs go by the expired-lease path.
        let lost = false;
        queue.on('ioredis:close', () => (lost = true));
        queue.backend.on('ready', () => {
          if (!lost) return;
          lost = false;
          void this.reofferQueued();
        });
        this.queues.set(name, queue);
      }
      if (this.options.runWorker) this.startWorkers();
    }
    // Dropped from Redis first, then the relay runs: a retried row's old (failed) job must be gone
    // before its id is added again, or BullMQ would take the add for a duplicate.
    this.unsubscribe = this.jobs.onAfterCommit((dropped) => {
      if (dropped.length) void this.discard(dropped).finally(() => this.poke());
      else this.poke();
    });
    this.schedule(0);
  }

  async onModuleDestroy() {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.polling) await within(5_000, this.polling, async () => undefined);
    // Active jobs may finish (a message half-sent is better completed); a Redis that is down must
    // not hold the shutdown, so each close gets a few seconds and is then forced.
    await Promise.all(this.workers.map((w) => within(5_000, w.close(), () => w.close(true))));
    await Promise.allSettled([...this.running]);
    await Promise.all([...this.queues.values()].map((q) => within(3_000, q.close(), () => q.disconnect())));
  }

  /** Ends the lease of every queued row, so the relay offers it to Redis again at once. */
  private async reofferQueued() {
    if (this.stopped) return;
    await this.db
      .query(`UPDATE outbox SET locked_until = now() WHERE status = 'queued' AND locked_until > now()`)
      .catch((e) => this.log.warn(`relay: ${(e as Error).message}`));
    this.poke();
  }

  /** The BullMQ queue of a name (tests and the dev outbox inspect it). Null inline. */
  queue(name: JobQueueName): Queue | null {
    return this.queues.get(name) ?? null;
  }

  // ---- relay -------------------------------------------------------------------------------

  private poke() {
    if (this.stopped) return;
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.pollOnce()
        .catch((e) => this.log.warn(`relay: ${(e as Error).message}`))
        .finally(() => {
          this.polling = null;
          const more = this.again;
          this.again = false;
          this.schedule(more ? 0 : POLL_MS);
        });
    }, ms);
    this.timer.unref?.();
  }

  private async pollOnce(): Promise<void> {
    let moved = BATCH;
    // Drain in batches while there is a full batch to move.
    while (!this.stopped && moved === BATCH) moved = this.redisUrl ? await this.relayToBullmq() : await this.claimInline();
  }

  private async relayToBullmq(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        `SELECT id, kind, payload, status, attempts, run_at FROM outbox
          WHERE (status = 'pending') OR (status = 'queued' AND locked_until < now())
          ORDER BY run_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      // A lease ran out: if Redis still holds a finished job under this id, it must go, or the add is a no-op.
      const expired = rows.filter((r) => r.status === 'queued');
      if (expired.length) await this.discard(expired.map((r) => r.id), ['failed', 'completed']);
      const byQueue = new Map<JobQueueName, OutboxRow[]>();
      for (const r of rows) {
        const def = this.jobs.definition(r.kind);
        const q = def?.queue ?? 'default';
        byQueue.set(q, [...(byQueue.get(q) ?? []), r]);
      }
      const now = Date.now();
      for (const [name, list] of byQueue) {
        await this.queues.get(name)!.addBulk(
          list.map((r) => {
            const def = this.jobs.definition(r.kind);
            return {
              name: r.kind,
              data: {},
              opts: {
                jobId: r.id,
                delay: Math.max(0, new Date(r.run_at).getTime() - now),
                attempts: Math.max(1, (def?.attempts ?? 1) - r.attempts),
                backoff: { type: 'exponential', delay: def?.backoffMs ?? 1000 },
                // A finished job leaves Redis at once: its outbox row (done) is the record, and a re-add of its id runs nothing.
                removeOnComplete: true,
                removeOnFail: { age: 7 * 86_400 },
              },
            };
          }),
        );
      }
      await m.query(
        `UPDATE outbox o SET status = 'queued', locked_until = greatest(o.run_at, now()) + make_interval(secs => $2), updated_at = now() WHERE id = ANY($1)`,
        [rows.map((r) => r.id), LEASE_MS / 1000],
      );
      return rows.length;
    });
  }

  /** Removes jobs from Redis (only those in `states`, when given); an active job is locked and stays. */
  private async discard(ids: string[], states?: string[]) {
    for (const q of this.queues.values()) {
      await Promise.all(
        ids.map(async (id) => {
          if (states && !states.includes(await q.getJobState(id))) return 0;
          return q.remove(id).catch(() => 0);
        }),
      );
    }
  }

  // ---- BullMQ workers ----------------------------------------------------------------------

  private startWorkers() {
    const rate = this.bucket.ratePerSecond;
    for (const name of JOB_QUEUES) {
      // BullMQ's limiter wants whole jobs per duration: 0.5/s is 1 job per 2,000 ms.
      const max = Math.max(1, Math.round(rate));
      const worker = new Worker(name, (job: Job) => this.process(job), {
        connection: { url: this.redisUrl, maxRetriesPerRequest: null },
        prefix: this.prefix,
        concurrency: CONCURRENCY[name],
        // A job whose worker died (lock not renewed) goes back to wait within about two of these.
        lockDuration: this.lockMs,
        stalledInterval: this.lockMs,
        ...(name === 'mail' ? { limiter: { max, duration: Math.round((1000 * max) / rate) } } : {}),
      });
      worker.on('error', (e) => this.log.warn(`worker ${name}: ${e.message}`));
      this.workers.push(worker);
    }
  }

  private async process(job: Job): Promise<void> {
    const attempts = job.opts.attempts ?? 1;
    const ctx = { id: job.id!, attempt: job.attemptsMade + 1, final: job.attemptsMade + 1 >= attempts };
    await this.execute(ctx, true);
  }

  // ---- inline ------------------------------------------------------------------------------

  private async claimInline(): Promise<number> {
    const free = Object.fromEntries(JOB_QUEUES.map((q) => [q, CONCURRENCY[q] * 4 - this.inlineActive[q]])) as Record<JobQueueName, number>;
    const limit = Math.min(BATCH, Math.max(0, free.mail + free.default));
    if (!this.options.runWorker || limit === 0) return 0;
    const rows: OutboxRow[] = await this.db.query(
      `WITH c AS (
         SELECT id FROM outbox
          WHERE (status = 'pending' AND run_at <= now()) OR (status = 'queued' AND locked_until < now())
          ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED),
       u AS (UPDATE outbox o SET status = 'queued', locked_until = now() + make_interval(secs => $1), updated_at = now()
               FROM c WHERE o.id = c.id RETURNING o.id, o.kind, o.attempts, o.run_at)
       SELECT * FROM u ORDER BY run_at`,
      [LEASE_MS / 1000],
    );
    for (const r of rows) {
      const def = this.jobs.definition(r.kind);
      const q = def?.queue ?? 'default';
      this.inlineActive[q]++;
      const run = (async () => {
        if (q === 'mail') await this.bucket.take();
        const attempts = def?.attempts ?? 1;
        await this.execute({ id: r.id, attempt: r.attempts + 1, final: r.attempts + 1 >= attempts }, false);
      })()
        .catch(() => undefined)
        .finally(() => {
          this.inlineActive[q]--;
          this.running.delete(run);
          this.poke();
        });
      this.running.add(run);
    }
    return rows.length === limit ? BATCH : 0;
  }

  // ---- both --------------------------------------------------------------------------------

  /**
   * Runs one outbox row's handler if the row still wants running, then records the outcome.
   * `rethrow`: BullMQ retries by the thrown error; inline retries by moving `run_at`.
   */
  private async execute(ctx: JobContext, rethrow: boolean): Promise<void> {
    const row = await this.claims.add(ctx.id);
    if (!row) return; // done, failed or cancelled meanwhile: nothing to do
    const def = this.jobs.definition(row.kind);
    try {
      if (!def) throw new Error(`No handler for job ${row.kind}`);
      await def.run(row.payload, ctx);
      await this.completions.add(ctx.id);
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
      if (ctx.final || !def) {
        await this.db.query(`UPDATE outbox SET status = 'failed', last_error = $2, locked_until = NULL, updated_at = now() WHERE id = $1`, [ctx.id, message]);
        await def?.failed?.(row.payload, message, ctx).catch((err) => this.log.error(`${row.kind} failed-handler: ${(err as Error).message}`));
      } else if (rethrow) {
        await this.db.query(`UPDATE outbox SET last_error = $2, updated_at = now() WHERE id = $1`, [ctx.id, message]);
      } else {
        const delay = (def.backoffMs ?? 1000) * 2 ** (ctx.attempt - 1);
        await this.db.query(
          `UPDATE outbox SET status = 'pending', last_error = $2, run_at = now() + make_interval(secs => $3), locked_until = NULL, updated_at = now() WHERE id = $1`,
          [ctx.id, message, delay / 1000],
        );
      }
      if (rethrow && !ctx.final) throw e;
    }
  }
}

/** Waits for `work` at most `ms`; then starts `fallback` and waits for it at most `ms` more (errors ignored). */
async function within(ms: number, work: Promise<unknown>, fallback: () => Promise<unknown>): Promise<void> {
  const race = async (p: Promise<unknown>) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)));
    const result = await Promise.race([p.catch(() => undefined), late]);
    clearTimeout(timer);
    return result;
  };
  if ((await race(work)) === 'late') await race(fallback());
}
