import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Batcher } from './batcher';
import { LEASE_MS } from './drivers/job-driver';
import { type JobContext, JobsService } from './jobs.service';
import { RetryLater } from './job-types';

/** An outbox row as the relay and the executor read it. */
export interface OutboxRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  run_at: Date;
}

/**
 * Runs one outbox row, the same way whichever driver delivered it: claims the row (if it still
 * wants running), runs its handler, and records done, failed or retry. A handler runs only while
 * its row is pending or queued.
 */
@Injectable()
export class JobExecutor {
  private readonly log = new Logger('jobs');
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
  ) {}

  /**
   * Runs one outbox row's handler if the row still wants running, then records the outcome.
   * `rethrow`: BullMQ retries by the thrown error; inline retries by moving `run_at`.
   */
  async execute(ctx: JobContext, rethrow: boolean): Promise<void> {
    const row = await this.claims.add(ctx.id);
    if (!row) return; // done, failed or cancelled meanwhile: nothing to do
    const def = this.jobs.definition(row.kind);
    try {
      if (!def) throw new Error(`No handler for job ${row.kind}`);
      await def.run(row.payload, ctx);
      await this.completions.add(ctx.id);
    } catch (e) {
      if (e instanceof RetryLater) {
        // Not an attempt: the claim's count is taken back, and the row is offered again when this
        // short lease ends (by either driver's expired-lease path, which also clears BullMQ's copy).
        await this.db.query(
          `UPDATE outbox SET status = 'queued', attempts = greatest(attempts - 1, 0), last_error = $2, locked_until = now() + make_interval(secs => $3), updated_at = now() WHERE id = $1`,
          [ctx.id, e.message.slice(0, 2000), e.ms / 1000],
        );
        return;
      }
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
