import type { DataSource } from 'typeorm';
import type { JobExecutor, OutboxRow } from '../job-executor';
import { JOB_QUEUES, type JobQueueName, type JobsService } from '../jobs.service';
import { TokenBucket } from '../token-bucket';
import { CONCURRENCY, type DriverHooks, type JobDriver, LEASE_MS, RELAY_BATCH } from './job-driver';

export interface InlineDriverOptions {
  /** Run handlers in this process; without it the rows wait for a process that does. */
  runWorker: boolean;
  mailRatePerSecond: number;
}

/**
 * Without REDIS_URL: the handlers run in this process. `relay()` claims due rows with a lease (a
 * row whose process died is claimed again when it runs out), the executor retries by moving
 * `run_at` (backoff), and a token bucket limits mail. Several processes share the outbox safely:
 * each claim skips rows another one holds.
 */
export class InlineDriver implements JobDriver {
  readonly mode = 'inline';
  private readonly bucket: TokenBucket;
  private readonly active: Record<JobQueueName, number> = { mail: 0, default: 0 };
  private readonly running = new Set<Promise<void>>();
  private hooks: DriverHooks = { poke: () => undefined, reconnected: () => undefined };

  constructor(
    private readonly options: InlineDriverOptions,
    private readonly jobs: JobsService,
    private readonly executor: JobExecutor,
    private readonly db: DataSource,
  ) {
    this.bucket = new TokenBucket(options.mailRatePerSecond);
  }

  start(hooks: DriverHooks): void {
    this.hooks = hooks;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Nothing is queued anywhere but in the outbox: a cancelled row's run finds it cancelled. */
  async discard(): Promise<void> {}

  async relay(): Promise<number> {
    const free = Object.fromEntries(JOB_QUEUES.map((q) => [q, CONCURRENCY[q] * 4 - this.active[q]])) as Record<JobQueueName, number>;
    const limit = Math.min(RELAY_BATCH, Math.max(0, free.mail + free.default));
    if (!this.options.runWorker || limit === 0) return 0;
    const rows: Pick<OutboxRow, 'id' | 'kind' | 'attempts' | 'run_at'>[] = await this.db.query(
      `WITH c AS (
         SELECT id FROM outbox
          WHERE ((status = 'pending' AND run_at <= now()) OR (status = 'queued' AND locked_until < now()))
            AND (claimed_until IS NULL OR claimed_until <= now())
          ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED),
       u AS (UPDATE outbox o SET status = 'queued', locked_until = now() + make_interval(secs => $1), updated_at = now()
               FROM c WHERE o.id = c.id RETURNING o.id, o.kind, o.attempts, o.run_at)
       SELECT * FROM u ORDER BY run_at`,
      [LEASE_MS / 1000],
    );
    for (const r of rows) {
      const def = this.jobs.definition(r.kind);
      const q = def?.queue ?? 'default';
      this.active[q]++;
      const run = (async () => {
        if (q === 'mail') await this.bucket.take();
        const attempts = def?.attempts ?? 1;
        // (Held by another run: nothing ran; the row comes back when the lease taken here runs out.)
        await this.executor.execute({ id: r.id, attempt: r.attempts + 1, final: r.attempts + 1 >= attempts }, false);
      })()
        .catch(() => undefined)
        .finally(() => {
          this.active[q]--;
          this.running.delete(run);
          this.hooks.poke();
        });
      this.running.add(run);
    }
    return rows.length === limit ? RELAY_BATCH : 0;
  }
}
