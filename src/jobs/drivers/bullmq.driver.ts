import { Logger } from '@nestjs/common';
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { JobExecutor, OutboxRow } from '../job-executor';
import { JOB_QUEUES, type JobQueueName, type JobsService } from '../jobs.service';
import { CONCURRENCY, type DriverHooks, type JobDriver, LEASE_MS, orLate, RELAY_BATCH, settlesWithin, within } from './job-driver';

/** How long stop() waits to see whether Redis answers, and then each forced step when it does not. */
const REACHABLE_MS = 500;

export interface BullmqDriverOptions {
  redisUrl: string;
  prefix: string;
  /** Start BullMQ workers in this process (otherwise it only adds jobs). */
  runWorker: boolean;
  mailRatePerSecond: number;
  /** Lock duration and stalled-job check interval. */
  lockMs: number;
}

/**
 * With REDIS_URL: `relay()` claims `pending` rows and adds them to the BullMQ queue of their handler
 * with the row id as job id (so adding twice is a no-op) and a delay until `run_at`; a row goes
 * `queued` only when Redis accepted it, so with Redis down rows wait in PostgreSQL and leave when it
 * is back. BullMQ workers run them through the executor, retry with exponential backoff and
 * rate-limit mail across all workers. A `queued` row whose lease ran out (Redis lost its data, say)
 * is offered again; its job id keeps that from doubling anything still in Redis.
 */
export class BullmqDriver implements JobDriver {
  readonly mode = 'bullmq';
  private readonly log = new Logger('jobs');
  private readonly queues = new Map<JobQueueName, Queue>();
  private readonly workers: Worker[] = [];
  private stopping = false;

  constructor(
    private readonly options: BullmqDriverOptions,
    private readonly jobs: JobsService,
    private readonly executor: JobExecutor,
    private readonly db: DataSource,
  ) {}

  start(hooks: DriverHooks): void {
    // The producer fails fast when Redis is away (rows stay pending); workers wait for it forever.
    // Redis is back after losing the connection, perhaps empty (restarted without persistence,
    // failed over): the relay offers the queued rows again now, not when their lease runs out —
    // once per outage, however many queues (connections) saw it.
    let lostAt: number | null = null;
    let back: NodeJS.Timeout | null = null;
    for (const name of JOB_QUEUES) {
      const queue = new Queue(name, { connection: { url: this.options.redisUrl, maxRetriesPerRequest: 1, connectTimeout: 2000 }, prefix: this.options.prefix });
      queue.on('error', (e) => this.log.warn(`queue ${name}: ${e.message}`));
      queue.on('ioredis:close', () => {
        if (this.stopping) return;
        if (lostAt === null) this.log.warn(`queue ${name}: lost the connection to Redis; jobs wait in PostgreSQL until it is back`);
        lostAt ??= Date.now();
      });
      queue.backend.on('ready', () => {
        if (lostAt === null || back) return;
        // The other queues' connections come back within moments of this one.
        back = setTimeout(() => {
          const since = lostAt!;
          lostAt = null;
          back = null;
          this.log.log('queue: Redis is back; offering the queued jobs again');
          hooks.reconnected(since);
        }, 250);
        back.unref?.();
      });
      this.queues.set(name, queue);
    }
    if (this.options.runWorker) this.startWorkers();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // Active jobs may finish (a message half-sent is better completed); a Redis that is down must
    // not hold the shutdown, so each close gets a few seconds and is then forced. With Redis
    // unreachable right now a graceful close could only wait for it (BullMQ's Worker#close and
    // Queue#disconnect wait for a connection): the workers are closed by force at once and every
    // step is bounded by half a second — a SIGTERM during an outage stops the process in about a
    // second, not 16 (and well within a container's stop timeout).
    const queue = this.queues.values().next().value;
    // (BullMQ 6: the queue's connection is `queue.backend`; waitUntilReady resolves once Redis answered.)
    const reachable = queue ? await orLate(queue.backend.waitUntilReady().then(() => true), REACHABLE_MS, false) : false;
    if (reachable) await Promise.all(this.workers.map((w) => within(5_000, w.close(), () => w.close(true))));
    else await Promise.all(this.workers.map((w) => settlesWithin(w.close(true), REACHABLE_MS)));
    const queueMs = reachable ? 3_000 : REACHABLE_MS;
    await Promise.all([...this.queues.values()].map((q) => within(queueMs, q.close(), () => q.disconnect())));
  }

  /** The BullMQ queue of a name (tests inspect it). */
  queue(name: JobQueueName): Queue | null {
    return this.queues.get(name) ?? null;
  }

  async relay(): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        `SELECT id, kind, payload, status, attempts, run_at FROM outbox
          WHERE ((status = 'pending') OR (status = 'queued' AND locked_until < now()))
            AND (claimed_until IS NULL OR claimed_until <= now())
          ORDER BY run_at LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      // A lease ran out: if Redis still holds a finished job under this id, it must go, or the add is a no-op.
      const expired = rows.filter((r) => r.status === 'queued');
      if (expired.length) await this.remove(expired.map((r) => r.id), ['failed', 'completed']);
      const byQueue = new Map<JobQueueName, OutboxRow[]>();
      for (const r of rows) {
        const q = this.jobs.definition(r.kind)?.queue ?? 'default';
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

  discard(ids: string[]): Promise<void> {
    return this.remove(ids);
  }

  /** Removes jobs from Redis (only those in `states`, when given); an active job is locked and stays. */
  private async remove(ids: string[], states?: string[]): Promise<void> {
    for (const q of this.queues.values()) {
      await Promise.all(
        ids.map(async (id) => {
          if (states && !states.includes(await q.getJobState(id))) return 0;
          return q.remove(id).catch(() => 0);
        }),
      );
    }
  }

  private startWorkers() {
    const rate = this.options.mailRatePerSecond;
    for (const name of JOB_QUEUES) {
      // BullMQ's limiter wants whole jobs per duration: 0.5/s is 1 job per 2,000 ms.
      const max = Math.max(1, Math.round(rate));
      const worker = new Worker(name, (job: Job, token?: string) => this.process(job, token), {
        connection: { url: this.options.redisUrl, maxRetriesPerRequest: null },
        prefix: this.options.prefix,
        concurrency: CONCURRENCY[name],
        // A job whose worker died (lock not renewed) goes back to wait within about two of these.
        lockDuration: this.options.lockMs,
        stalledInterval: this.options.lockMs,
        ...(name === 'mail' ? { limiter: { max, duration: Math.round((1000 * max) / rate) } } : {}),
      });
      worker.on('error', (e) => this.log.warn(`worker ${name}: ${e.message}`));
      this.workers.push(worker);
    }
  }

  private async process(job: Job, token?: string): Promise<void> {
    const attempts = job.opts.attempts ?? 1;
    const held = await this.executor.execute({ id: job.id!, attempt: job.attemptsMade + 1, final: job.attemptsMade + 1 >= attempts }, true);
    if (held) {
      // Another run holds the row (a second copy of this job, re-added after Redis lost the first):
      // this one waits until that run's lease would have ended, without counting as an attempt, and
      // then finds the row done (or, if that run's process died, runs it).
      await job.moveToDelayed(Date.now() + held.heldMs + 250, token);
      throw new DelayedError();
    }
  }
}
