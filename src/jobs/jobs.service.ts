import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import type { JobKind, JobPayloads } from './job-types';

/** What a handler knows about the run it is in. */
export interface JobContext {
  /** The outbox row id (also the BullMQ job id). */
  id: string;
  /** 1 for the first try. */
  attempt: number;
  /** No retry follows if this attempt fails. */
  final: boolean;
}

/**
 * A kind of job and its handler. Handlers re-read the state they act on (twenty's rule), so a
 * retried, repeated or stale job does no harm.
 */
export interface JobDefinition<P = Record<string, unknown>> {
  kind: string;
  /** `mail` is rate-limited (MAIL_RATE_PER_SECOND); `default` is not. */
  queue: JobQueueName;
  /** Tries in all, including the first. */
  attempts: number;
  /** Delay before the first retry; each further retry waits twice as long. */
  backoffMs: number;
  run(payload: P, ctx: JobContext): Promise<void>;
  /**
   * What a run is about, for the log line of a failed attempt (e.g. `participant 7f3…`): ids only,
   * never tokens or message bodies.
   */
  describe?(payload: P): string;
  /** Called once, after the last attempt failed, with the error message. */
  failed?(payload: P, error: string, ctx: JobContext): Promise<void>;
}

export const JOB_QUEUES = ['mail', 'default'] as const;
export type JobQueueName = (typeof JOB_QUEUES)[number];

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  /** A second job with the same key is silently not written: the first one stands. */
  dedupeKey?: string;
  /** Groups jobs that are synced or retried together (`syncTopic`, `retryFailed`). */
  topic?: string;
  /** Not before this instant. */
  runAt?: Date;
}

/** What the outbox collects in one unit of work: the jobs it cancelled or re-armed, which leave the queue after the commit. */
interface UnitState {
  dropped: string[];
}
const OUTBOX = Symbol('outbox');

/**
 * The job registry and the outbox writer. Modules define their handlers at init (`define`) and
 * write jobs inside the current unit of work (`enqueue`, `syncTopic`, `retryFailed`); when the
 * unit commits, the relay is woken and cancelled jobs leave the queue — nobody calls that by hand.
 */
@Injectable()
export class JobsService {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly listeners = new Set<(cancelledIds: string[]) => void>();

  constructor(private readonly uow: UnitOfWork) {}

  /** Registers the handler of a kind; its payload type is the kind's entry in `JobPayloads`. */
  define<K extends JobKind>(definition: JobDefinition<JobPayloads[K]> & { kind: K }): void {
    if (this.definitions.has(definition.kind)) throw new Error(`Two handlers for job ${definition.kind}`);
    this.definitions.set(definition.kind, definition as unknown as JobDefinition);
  }

  definition(kind: string): JobDefinition | undefined {
    return this.definitions.get(kind);
  }

  /** The kinds that have a handler (the boot check compares them with the declared ones). */
  definedKinds(): string[] {
    return [...this.definitions.keys()].sort();
  }

  /** The current unit's outbox state; its commit wakes the relay (after dropping cancelled jobs from the queue). */
  private unit(): UnitState {
    return this.uow.scoped<UnitState>(OUTBOX, () => ({ dropped: [] }), (s) => {
      for (const l of this.listeners) l(s.dropped);
    });
  }

  /**
   * Writes jobs in the current unit of work (one is opened if none is). Returns the rows written,
   * with their payloads (a job whose dedupe key exists already is skipped, so calling twice never
   * doubles a mail).
   */
  async enqueue(jobs: NewJob[]): Promise<(Record<string, unknown> & { outboxId: string })[]> {
    if (jobs.length === 0) return [];
    for (const j of jobs) if (!this.definitions.has(j.kind)) throw new Error(`No handler for job ${j.kind}`);
    return this.uow.run(async () => {
      this.unit();
      const ids: (Record<string, unknown> & { outboxId: string })[] = [];
      for (let i = 0; i < jobs.length; i += 5000) {
        const part = jobs.slice(i, i + 5000);
        const rows: { id: string; payload: Record<string, unknown> }[] = await this.uow.manager.query(
          `INSERT INTO outbox (kind, payload, dedupe_key, topic, run_at)
           SELECT k, p, d, t, coalesce(r, now()) FROM unnest($1::varchar[], $2::jsonb[], $3::varchar[], $4::varchar[], $5::timestamptz[]) AS v(k, p, d, t, r)
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING id, payload`,
          [part.map((j) => j.kind), part.map((j) => JSON.stringify(j.payload)), part.map((j) => j.dedupeKey ?? null), part.map((j) => j.topic ?? null), part.map((j) => j.runAt ?? null)],
        );
        ids.push(...rows.map((r) => ({ ...r.payload, outboxId: r.id })));
      }
      return ids;
    });
  }

  /**
   * Failed jobs of a topic back to pending with fresh attempts (the organizer's "retry"), optionally
   * only those whose payload `key` is one of `values`. Their old failed jobs leave the queue after
   * the commit, before the relay adds them again.
   */
  async retryFailed(topic: string, filter?: { key: string; values: string[] }): Promise<{ id: string; payload: Record<string, unknown> }[]> {
    return this.uow.run(async () => {
      const rows: { id: string; payload: Record<string, unknown> }[] = await this.uow.manager.query(
        `WITH r AS (UPDATE outbox SET status = 'pending', attempts = 0, last_error = NULL, run_at = now(), locked_until = NULL, updated_at = now()
                    WHERE topic = $1 AND status = 'failed' ${filter ? 'AND payload ->> $2 = ANY($3)' : ''} RETURNING id, payload) SELECT id, payload FROM r`,
        filter ? [topic, filter.key, filter.values] : [topic],
      );
      this.unit().dropped.push(...rows.map((r) => r.id));
      return rows;
    });
  }

  /**
   * Makes the not-yet-run jobs of a topic (within `keyPrefix`) exactly `desired`: others are
   * cancelled (and leave the queue after the commit), missing ones written, cancelled ones with a
   * desired key revived. For jobs that follow a changing state (an event's reminder rounds follow its
   * start and status). One statement: its three writes see the same snapshot and touch disjoint rows
   * (pending/queued not desired; cancelled desired; keys with no row — a revived key exists, so its
   * insert is a no-op on the unique key). The prefix is an index range of outbox_topic_dedupe_key_idx
   * (text_pattern_ops), not a scan of the topic.
   */
  async syncTopic(topic: string, keyPrefix: string, desired: (NewJob & { dedupeKey: string })[], now: Date): Promise<void> {
    for (const d of desired) if (!this.definitions.has(d.kind)) throw new Error(`No handler for job ${d.kind}`);
    await this.uow.run(async () => {
      const cancelled: { id: string }[] = await this.uow.manager.query(
        `WITH sync_d AS (SELECT k, pl, d, r FROM unnest($3::varchar[], $4::jsonb[], $5::varchar[], $6::timestamptz[]) AS v(k, pl, d, r)),
              sync_c AS (UPDATE outbox SET status = 'cancelled', updated_at = now()
                    WHERE topic = $1 AND dedupe_key ~>=~ $2 AND dedupe_key ~<~ ($2 || chr(1114111)) AND starts_with(dedupe_key, $2)
                      AND status IN ('pending', 'queued') AND dedupe_key <> ALL(ARRAY(SELECT d FROM sync_d)) RETURNING id),
              sync_r AS (UPDATE outbox SET status = 'pending', attempts = 0, last_error = NULL, run_at = coalesce(v.r, $7), locked_until = NULL, updated_at = now()
                    FROM sync_d v WHERE dedupe_key = v.d AND status = 'cancelled'),
              sync_i AS (INSERT INTO outbox (kind, payload, dedupe_key, topic, run_at)
                    SELECT k, pl, d, $1, coalesce(r, now()) FROM sync_d ON CONFLICT (dedupe_key) DO NOTHING)
         SELECT id FROM sync_c`,
        [topic, keyPrefix, desired.map((d) => d.kind), desired.map((d) => JSON.stringify(d.payload)), desired.map((d) => d.dedupeKey), desired.map((d) => d.runAt ?? null), now],
      );
      // Cancelled jobs leave the queue after the commit, and the commit wakes the relay for the rows written.
      this.unit().dropped.push(...cancelled.map((c) => c.id));
    });
  }

  /** Whether a job of the topic whose dedupe key starts with `keyPrefix` has yet to finish (pending, or handed to a driver). */
  async hasOpen(topic: string, keyPrefix: string): Promise<boolean> {
    const [row]: { open: boolean }[] = await this.uow.manager.query(
      `SELECT EXISTS (SELECT 1 FROM outbox WHERE topic = $1 AND starts_with(dedupe_key, $2) AND status IN ('pending', 'queued')) AS open`,
      [topic, keyPrefix],
    );
    return row.open;
  }

  /** The relay listens: after each commit that wrote jobs, with the ids to drop from the queue first. */
  onAfterCommit(listener: (cancelledIds: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
