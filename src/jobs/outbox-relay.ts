import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOB_DRIVER, JOBS_OPTIONS, type JobDriver, type JobsOptions, RELAY_BATCH, settlesWithin } from './drivers/job-driver';
import { JobKindCheck } from './job-kind-check';
import { JobsService } from './jobs.service';

const POLL_MS = 1000;

/**
 * Moves committed outbox rows to the job driver (BullMQ or inline, chosen once at boot): polls
 * every second, is poked after each commit that wrote, cancelled or retried jobs (cancelled and
 * retried ones are first discarded from the driver), drains in batches while there is a full batch,
 * and offers the queued rows again (once per outage) when the queue backend comes back after losing its connection.
 * Before it starts, the job kinds are checked (`JobKindCheck`): a kind without handler fails boot.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('jobs');
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe?: () => void;
  private started = false;
  /** Polls failed in a row (0: working). */
  private failing = 0;

  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly jobs: JobsService,
    private readonly kinds: JobKindCheck,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap() {
    // Handlers are defined at module init; every kind that may be run must have one by now.
    await this.kinds.assertHandled();
    // The CLI: it writes, but relays and sends nothing (an API or worker process does).
    if (this.options.relay === false) return;
    this.started = true;
    this.driver.start({ poke: () => this.poke(), reconnected: (lostAt) => void this.reofferQueued(lostAt) });
    // Dropped from the driver first, then the relay runs: a retried row's old (failed) job must be
    // gone before its id is added again, or BullMQ would take the add for a duplicate.
    this.unsubscribe = this.jobs.onAfterCommit((dropped) => {
      if (dropped.length) void this.driver.discard(dropped).finally(() => this.poke());
      else this.poke();
    });
    this.schedule(0);
  }

  async onModuleDestroy() {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    // A poll in flight finishes first (normally milliseconds). One still running after a second is
    // most likely waiting on a Redis that is down (BullMQ's add waits for the connection, with no
    // end): the driver is stopped under it and the poll gets one more second. If it is left
    // unfinished, its transaction ends with the process, so its rows stay as they were — pending, to
    // be offered again at the next start (a row goes `queued` only once Redis took it, and a job id
    // Redis already holds makes the second add a no-op). A shutdown during an outage takes about
    // 2.5 s, not 15.
    const polling = this.polling;
    const finished = !polling || (await settlesWithin(polling, 1_000));
    if (this.started) await this.driver.stop();
    if (!finished) await settlesWithin(polling, 1_000);
  }

  /** Relays now instead of at the next poll (or right after the current one). */
  poke() {
    if (this.stopped || !this.started) return;
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  /**
   * Ends the relay's lease of the rows handed to the queue before it lost its connection (`lostAt`),
   * so they are offered again at once: Redis may have come back empty. Job ids keep what it still
   * holds from doubling; finished jobs go by the expired-lease path. Rows a handler is running keep
   * their lease (`claimed_until`): their run ends them. Once per outage across all processes: each
   * takes its turn (an advisory lock), and what another process already re-offered or re-handed
   * since the loss is newer than the loss, so it is left alone. Rows are taken in id order and
   * locked ones skipped, so this never deadlocks with the workers' batched completions.
   */
  private async reofferQueued(lostAt: number) {
    if (this.stopped) return;
    try {
      const n = await this.db.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('hoinghi.outbox.reoffer'))`);
        const rows: { id: string }[] = await m.query(
          `WITH c AS (SELECT id FROM outbox
                       WHERE status = 'queued' AND locked_until > now() AND updated_at < now() - make_interval(secs => $1)
                         AND (claimed_until IS NULL OR claimed_until <= now())
                       ORDER BY id FOR UPDATE SKIP LOCKED),
                u AS (UPDATE outbox o SET locked_until = now(), updated_at = now() FROM c WHERE o.id = c.id RETURNING o.id)
           SELECT id FROM u`,
          [Math.max(0, Date.now() - lostAt) / 1000],
        );
        return rows.length;
      });
      if (n) this.log.log(`relay: offering ${n} queued jobs again after the queue's reconnect`);
    } catch (e) {
      this.log.warn(`relay: re-offering queued jobs failed (their lease brings them back): ${(e as Error).message}`);
    }
    this.poke();
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.pollOnce()
        .then(() => {
          if (this.failing) this.log.log(`relay: working again after ${this.failing} failed polls`);
          this.failing = 0;
        })
        .catch((e) => {
          // Once per outage (the database or Redis away): not a line every second until it is back.
          if (this.failing++ === 0) this.log.warn(`relay: ${(e as Error).message} (retrying every ${POLL_MS} ms; logged again when it works)`);
        })
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
    let moved = RELAY_BATCH;
    // Drain in batches while there is a full batch to move.
    while (!this.stopped && moved === RELAY_BATCH) moved = await this.driver.relay();
  }
}
