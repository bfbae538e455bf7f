import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env';
import { Batcher } from './batcher';
import { type JobContext, type JobDefinition, JobsService } from './jobs.service';
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

/** What a claim answers for one id: the row to run, or how long another run still holds it. */
type Claim = { row: OutboxRow } | { heldMs: number };

/** The outcome of `execute` the BullMQ driver acts on: another run holds the row for `heldMs` more. */
export interface Held {
  heldMs: number;
}

/** PostgreSQL's "try again" errors: deadlock detected, serialization failure. */
const TRANSIENT = new Set(['40P01', '40001']);
const pgCode = (e: unknown) => (e as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (e as { code?: string })?.code;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one outbox row, the same way whichever driver delivered it: claims the row (if it still
 * wants running and no other run holds it), runs its handler while renewing the claim, and records
 * done, failed or retry. A handler runs only while its row is pending or queued, and never twice at
 * once: the claim is a lease of its own (`claimed_until`), apart from the relay's (`locked_until`).
 */
@Injectable()
export class JobExecutor implements OnModuleDestroy {
  private readonly log = new Logger('jobs');
  /** How long a claim holds without renewal: a run of a process that died is free again after it. */
  private readonly claimMs: number;
  /** Rows this process is running: their claims are renewed together. */
  private readonly running = new Set<string>();
  private renewal: NodeJS.Timeout | null = null;

  /**
   * The claim and the completion of each run, written for all runs in flight at once: at 400 mails a
   * second, one statement per batch instead of two per mail. Each run still waits for its own write.
   * Rows are locked in id order, so two batches never deadlock each other; a deadlock or serialization
   * failure with another writer is retried (`retrying`), never taken for a failed run.
   */
  private readonly claims = new Batcher<string, Claim>((ids) =>
    this.retrying('claim', async () => {
      // (In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].)
      const rows: (OutboxRow & { held_ms: number | null })[] = await this.db.query(
        `WITH l AS (SELECT id, status, claimed_until FROM outbox WHERE id = ANY($1) ORDER BY id FOR UPDATE),
              u AS (UPDATE outbox o SET attempts = o.attempts + 1, claimed_until = now() + make_interval(secs => $2), updated_at = now()
                      FROM l WHERE o.id = l.id AND l.status IN ('pending', 'queued') AND (l.claimed_until IS NULL OR l.claimed_until <= now())
                    RETURNING o.id, o.kind, o.payload, o.status, o.attempts)
         SELECT id, kind, payload, status, attempts, NULL::float8 AS held_ms FROM u
         UNION ALL
         SELECT id, NULL, NULL, status, NULL, extract(epoch FROM claimed_until - now()) * 1000 FROM l
          WHERE status IN ('pending', 'queued') AND claimed_until > now()`,
        [ids, this.claimMs / 1000],
      );
      return new Map(rows.map(({ held_ms, ...row }): [string, Claim] => [row.id, held_ms === null ? { row } : { heldMs: Math.ceil(held_ms) }]));
    }),
  );
  private readonly completions = new Batcher<string>((ids) =>
    this.retrying(
      'completion',
      async () => {
        await this.db.query(
          `UPDATE outbox o SET status = 'done', done_at = now(), last_error = NULL, locked_until = NULL, claimed_until = NULL, updated_at = now()
             FROM (SELECT id FROM outbox WHERE id = ANY($1) ORDER BY id FOR UPDATE) l WHERE o.id = l.id`,
          [ids],
        );
      },
      // The handler did its work (the mail is out): recording it is worth waiting for, since a
      // completion given up would let the row run — and mail — again.
      true,
    ),
  );

  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.claimMs = config.get('jobLockMs', { infer: true });
  }

  onModuleDestroy() {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
  }

  /**
   * Runs one outbox row's handler if the row still wants running, then records the outcome.
   * `rethrow`: BullMQ retries by the thrown error; inline retries by moving `run_at`.
   * Answers `{ heldMs }` when another run holds the row (it ran nothing): the caller tries again later.
   */
  async execute(ctx: JobContext, rethrow: boolean): Promise<Held | void> {
    const claim = await this.claims.add(ctx.id);
    if (!claim) return; // done, failed or cancelled meanwhile: nothing to do
    if ('heldMs' in claim) return claim;
    // Two copies of one job in the same claim batch get the same answer: only the first runs it.
    if (this.running.has(ctx.id)) return { heldMs: this.claimMs };
    const { row } = claim;
    const def = this.jobs.definition(row.kind);
    this.hold(ctx.id);
    try {
      let ok = false;
      try {
        if (!def) throw new Error(`No handler for job ${row.kind}`);
        await def.run(row.payload, ctx);
        ok = true;
      } catch (e) {
        await this.failed(e, row, def, ctx, rethrow);
      }
      if (ok) await this.completions.add(ctx.id);
    } finally {
      this.running.delete(ctx.id);
    }
  }

  private async failed(e: unknown, row: OutboxRow, def: JobDefinition | undefined, ctx: JobContext, rethrow: boolean): Promise<void> {
    if (e instanceof RetryLater) {
      // Not an attempt: the claim's count is taken back, and the row is offered again when this
      // short lease ends (by either driver's expired-lease path, which also clears BullMQ's copy).
      await this.write('retry-later', ctx.id, `status = 'queued', attempts = greatest(attempts - 1, 0), last_error = $2, locked_until = now() + make_interval(secs => $3)`, [
        e.message.slice(0, 2000),
        e.ms / 1000,
      ]);
      return;
    }
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
    const final = ctx.final || !def;
    // Every failed attempt, with what the handler says the run was about and the error's first line
    // (an SMTP server's answer, say), never the payload: it may hold tokens.
    this.log.warn(
      `${describe(def, row)}: attempt ${row.attempts}${def ? ` of ${def.attempts}` : ''} failed${final ? ', giving up' : ', will retry'}: ${message.split('\n')[0].slice(0, 300)}`,
    );
    if (final) {
      await this.write('failure', ctx.id, `status = 'failed', last_error = $2, locked_until = NULL`, [message]);
      await def?.failed?.(row.payload, message, ctx).catch((err) => this.log.error(`${row.kind} failed-handler: ${(err as Error).message}`));
    } else if (rethrow) {
      await this.write('failure', ctx.id, `last_error = $2`, [message]);
    } else {
      const delay = (def.backoffMs ?? 1000) * 2 ** (ctx.attempt - 1);
      await this.write('failure', ctx.id, `status = 'pending', last_error = $2, run_at = now() + make_interval(secs => $3), locked_until = NULL`, [message, delay / 1000]);
    }
    if (rethrow && !final) throw e;
  }

  /** Records the end of a failed run (`set`, with $1 the id) and frees its claim. */
  private write(what: string, id: string, set: string, params: unknown[]): Promise<void> {
    return this.retrying(what, async () => {
      await this.db.query(`UPDATE outbox SET ${set}, claimed_until = NULL, updated_at = now() WHERE id = $1`, [id, ...params]);
    });
  }

  /** Keeps this run's claim alive until it ends: one statement renews every run in flight here. */
  private hold(id: string) {
    this.running.add(id);
    this.renewal ??= setInterval(() => void this.renew(), Math.max(100, Math.floor(this.claimMs / 3)));
    this.renewal.unref?.();
  }

  private async renew() {
    if (this.running.size === 0) {
      if (this.renewal) clearInterval(this.renewal);
      this.renewal = null;
      return;
    }
    // SKIP LOCKED: a row being completed right now needs no renewal, and renewing never waits.
    await this.db
      .query(
        `UPDATE outbox o SET claimed_until = now() + make_interval(secs => $2)
           FROM (SELECT id FROM outbox WHERE id = ANY($1) AND claimed_until IS NOT NULL ORDER BY id FOR UPDATE SKIP LOCKED) l WHERE o.id = l.id`,
        [[...this.running], this.claimMs / 1000],
      )
      .catch((e) => this.log.warn(`renewing the claims of ${this.running.size} running jobs: ${(e as Error).message}`));
  }

  /**
   * Runs a write again after a deadlock or serialization failure (and, with `persist`, after any
   * error, for about 15 s): each failed attempt is logged; the last error is thrown.
   */
  private async retrying<T>(what: string, write: () => Promise<T>, persist = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (e) {
        const transient = TRANSIENT.has(pgCode(e) ?? '');
        if (!(transient && attempt < 10) && !(persist && attempt < 8)) {
          this.log.error(`outbox ${what} failed (attempt ${attempt}, giving up): ${(e as Error).message}`);
          throw e;
        }
        this.log.warn(`outbox ${what} failed (attempt ${attempt}, retrying): ${(e as Error).message}`);
        await sleep(transient ? 10 + Math.random() * 40 * attempt : Math.min(4000, 125 * 2 ** attempt));
      }
    }
  }
}

/** What a run was about, for its log lines: the handler's words, or the job's kind and id. */
function describe(def: JobDefinition | undefined, row: OutboxRow): string {
  try {
    const said = def?.describe?.(row.payload);
    if (said) return `${row.kind} ${said}`;
  } catch {
    // a description is never worth failing over
  }
  return `${row.kind} ${row.id}`;
}
