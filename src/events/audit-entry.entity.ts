import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what and when: written in the same transaction as the change it records. */
@Entity('audit_entries')
@Index('audit_entries_event_at_idx', ['eventId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** The user who acted; null for hoinghi itself (seeding, jobs). Kept as a value: history outlives accounts. */
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 254 })
  actorEmail!: string;

  /** `event`, `agenda_item`, `task`, `campaign`. */
  @Column({ type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ type: 'uuid' })
  entityId!: string;

  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  /** e.g. `created`, `updated`, `published`, `cancelled`, `venue_conflict_overridden`. */
  @Column({ type: 'varchar', length: 48 })
  action!: string;

  /** Changed fields `{ field: { from, to } }`, or details of the action. */
  @Column({ type: 'jsonb' })
  changes!: Record<string, unknown>;
}
