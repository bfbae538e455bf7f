import type { JobQueueName } from '../jobs.service';

/**
 * Where committed outbox rows run. Chosen once at boot by `jobDriverProvider` (REDIS_URL set →
 * BullMQ, otherwise inline); the `OutboxRelay` drives it: it calls `relay()` when it polls or is
 * poked, `discard()` for cancelled and retried rows, and `start()`/`stop()` with the application.
 * Both drivers run a row through the same `JobExecutor`.
 */
export interface JobDriver {
  readonly mode: 'bullmq' | 'inline';
  /** Connects and, when this process runs jobs, starts taking them. */
  start(hooks: DriverHooks): void;
  /**
   * Takes up to `RELAY_BATCH` due rows from the outbox and hands them on (to Redis, or to handlers
   * run here). Returns how many it took: a full batch means "call again".
   */
  relay(): Promise<number>;
  /** Drops the queued entries of these rows (cancelled, or retried: their old job must go first). */
  discard(ids: string[]): Promise<void>;
  /** Lets running jobs finish (within a few seconds) and disconnects. */
  stop(): Promise<void>;
}

export interface DriverHooks {
  /** Something may be ready to relay now (a job finished, a slot is free). */
  poke(): void;
  /**
   * The queue backend is back after losing its connection (at `lostAt`, this process's `Date.now()`),
   * perhaps empty: offer the rows handed to it before then again. Called once per outage, not per queue.
   */
  reconnected(lostAt: number): void;
}

export const JOB_DRIVER = Symbol('JOB_DRIVER');

/** Options the jobs module is built with: decided once at boot (app.module.ts). */
export interface JobsOptions {
  /** Run handlers in this process (API by default, the worker process always). */
  runWorker: boolean;
  /**
   * Relay committed rows to the driver (default). `false` (the CLI): no relay, no queue connection,
   * no handler runs — what the process writes to the outbox waits for an API or worker process.
   */
  relay?: boolean;
}
export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

/** Rows taken from the outbox per statement. */
export const RELAY_BATCH = 500;
/** A claimed job not finished within this time is claimed again (its process died). */
export const LEASE_MS = 5 * 60_000;
/** Jobs a worker process runs at once, per queue (also bounds what a killed worker can leave half-done). */
export const CONCURRENCY: Record<JobQueueName, number> = { mail: 16, default: 4 };

/** `work`'s value if it resolves within `ms`, else `late` (also when it rejects: errors ignored). */
export async function orLate<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), ms)));
  try {
    return await Promise.race([work.catch(() => late), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `work` settles (either way) within `ms`. */
export const settlesWithin = (work: Promise<unknown>, ms: number): Promise<boolean> =>
  orLate(
    work.then(
      () => true,
      () => true,
    ),
    ms,
    false,
  );

/** Waits for `work` at most `ms`; then starts `fallback` and waits for it at most `ms` more (errors ignored). */
export async function within(ms: number, work: Promise<unknown>, fallback: () => Promise<unknown>): Promise<void> {
  if (!(await settlesWithin(work, ms))) await settlesWithin(fallback(), ms);
}
