import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'queued', 'done', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A job to run after the transaction that wrote it commits (the transactional outbox): an e-mail to
 * send, a reminder due later, a signal another module reacts to. Written in the same transaction as
 * the change that causes it, so a committed change never loses its side effect and a rolled-back one
 * never has one. The relay hands `pending` rows to BullMQ with the row id as job id (or runs them
 * inline without Redis); a handler re-reads this row before acting, so a stale or repeated job does
 * nothing. `dedupeKey` makes "the same job twice" impossible (e.g. one invitation per participant
 * and event version).
 */
@Entity('outbox')
@Check('outbox_status_check', `status IN ('pending','queued','done','failed','cancelled')`)
@Check('outbox_attempts_check', 'attempts >= 0')
@Index('outbox_pending_idx', ['runAt'], { where: `status = 'pending'` })
@Index('outbox_lease_idx', ['lockedUntil'], { where: `status = 'queued'` })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The handler's name, e.g. `invitations.mail`. */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Index('outbox_dedupe_key_key', { unique: true })
  /** Also in (topic, dedupe_key text_pattern_ops), made by migration OutboxKeyPrefixIndex: syncTopic's prefix lookups as an index range. */
  @Index('outbox_topic_dedupe_key_idx', { synchronize: false })
  @Column({ type: 'varchar', length: 300, nullable: true })
  dedupeKey!: string | null;

  /** Groups jobs for cancelling them together (e.g. every reminder of an event). */
  @Index('outbox_topic_idx')
  @Column({ type: 'varchar', length: 200, nullable: true })
  topic!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** Not before this instant (reminders); now for everything else. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  runAt!: Date;

  /**
   * The relay's lease on a `queued` row (handed to BullMQ, or taken by the inline relay): when it runs
   * out and no run holds the row, the row is offered again.
   */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /**
   * The lease of the run in progress (set by the executor's claim, renewed while the handler runs,
   * cleared when it ends): no other run claims the row, and nothing re-offers it, until it runs out
   * (its process died).
   */
  @Column({ type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
