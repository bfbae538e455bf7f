import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env';
import { declareJobKind } from './job-types';
import { JobsService } from './jobs.service';

export const PRUNE_OUTBOX_JOB = 'jobs.prune-outbox';

/** The UTC day (`YYYY-MM-DD`) of the run: one run per day, whichever process writes it. */
export interface PruneOutboxJob {
  day: string;
}

declare module './job-types' {
  interface JobPayloads {
    'jobs.prune-outbox': PruneOutboxJob;
  }
}
declareJobKind(PRUNE_OUTBOX_JOB);

/** Rows deleted per statement: short locks, and a crash loses at most one batch of work. */
const PRUNE_BATCH = 5000;
/** Runs each day at this UTC hour (02:00 in Asia/Ho_Chi_Minh). */
const RUN_HOUR_UTC = 19;
const DAY_MS = 86_400_000;

/** The first run time strictly after `ms`. */
function slotAfter(ms: number): Date {
  const today = Math.floor(ms / DAY_MS) * DAY_MS + RUN_HOUR_UTC * 3_600_000;
  return new Date(today > ms ? today : today + DAY_MS);
}

/**
 * Outbox retention: rows `done` or `cancelled` for longer than OUTBOX_RETENTION_DAYS are deleted,
 * in batches, once a day. `failed` rows stay (the organizer sees and retries them), and so does
 * anything still to run.
 *
 * Scheduled through the outbox itself, so it works the same inline and on BullMQ: each boot writes
 * the next run (dedupe key per day, so any number of processes write one row, and a day that ran
 * does not run again), and each run first writes the one after it. The outbox's claim makes sure
 * one process runs it; a run missed while everything was down runs when a process is back.
 */
@Injectable()
export class OutboxRetention implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('jobs');
  private readonly retentionDays: number;

  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.retentionDays = config.get('outboxRetentionDays', { infer: true });
  }

  onModuleInit() {
    this.jobs.define({
      kind: PRUNE_OUTBOX_JOB,
      queue: 'default',
      attempts: 5,
      backoffMs: 60_000,
      run: (job) => this.run(job),
    });
  }

  async onApplicationBootstrap() {
    await this.schedule(slotAfter(Date.now()));
  }

  /** Writes the run at `runAt` unless its day has one already (pending, running or done). */
  private async schedule(runAt: Date): Promise<void> {
    const day = runAt.toISOString().slice(0, 10);
    const job: PruneOutboxJob = { day };
    await this.jobs.enqueue([{ kind: PRUNE_OUTBOX_JOB, payload: { ...job }, dedupeKey: `${PRUNE_OUTBOX_JOB}:${day}`, runAt }]);
  }

  private async run(job: PruneOutboxJob): Promise<void> {
    // The next run first, so a prune that fails for good does not end the daily chain; after the
    // later of now and this run's own time (a run that starts a moment early must not name its own day).
    const own = Date.parse(`${job.day}T00:00:00Z`) + RUN_HOUR_UTC * 3_600_000;
    await this.schedule(slotAfter(Math.max(Date.now(), Number.isNaN(own) ? 0 : own)));
    const n = await this.prune();
    if (n) this.log.log(`outbox retention: ${n} done or cancelled rows older than ${this.retentionDays} days deleted`);
  }

  /** Deletes done and cancelled rows last changed before the cutoff, `batch` at a time; returns how many. */
  async prune(batch = PRUNE_BATCH): Promise<number> {
    const [{ cutoff }]: { cutoff: Date }[] = await this.db.query(`SELECT now() - make_interval(days => $1) AS cutoff`, [this.retentionDays]);
    let total = 0;
    for (;;) {
      const [{ n }]: { n: number }[] = await this.db.query(
        `WITH d AS (DELETE FROM outbox WHERE id IN (
                      SELECT id FROM outbox WHERE status IN ('done', 'cancelled') AND updated_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
                    RETURNING 1)
         SELECT count(*)::int AS n FROM d`,
        [cutoff, batch],
      );
      total += n;
      if (n < batch) return total;
    }
  }
}
