import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { EventChangeSignal } from './signals';
import type { Event } from './event.entity';

/**
 * What invitees were told changed at each SEQUENCE of an event (time, place, format, cancellation),
 * with the values before. Update mails read it back ("what changed since the version you have");
 * it is the event's own history, so pruning old outbox rows cannot lose it.
 */
@Entity('event_changes')
export class EventChange {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'event_changes_pkey' })
  eventId!: string;

  @ManyToOne('Event', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_changes_event_id_fkey' })
  event?: Event;

  /** The SEQUENCE the change produced. */
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'event_changes_pkey' })
  sequence!: number;

  @Column({ type: 'jsonb' })
  changes!: EventChangeSignal[];

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
