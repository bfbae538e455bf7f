import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { instantInRangeSql } from '../../common/time/time';
import type { Person } from '../../people/person.entity';
import { Event } from '../event.entity';

export const AGENDA_TYPES = ['opening_speech', 'report', 'presentation', 'discussion', 'conclusion', 'other'] as const;
export type AgendaType = (typeof AGENDA_TYPES)[number];

/** One item of an event's programme (phát biểu khai mạc, báo cáo, tham luận, thảo luận, kết luận), in order. */
@Entity('agenda_items')
@Index('agenda_items_event_position_key', ['eventId', 'position'], { unique: true })
@Check('agenda_items_type_check', `type IN ('opening_speech','report','presentation','discussion','conclusion','other')`)
@Check('agenda_items_position_check', 'position >= 0')
@Check('agenda_items_years_check', instantInRangeSql('starts_at'))
export class AgendaItem extends BaseEntity {
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'agenda_items_event_id_fkey' })
  event?: Event;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 24 })
  type!: AgendaType;

  @Index('agenda_items_speaker_person_id_idx')
  @Column({ type: 'uuid', nullable: true })
  speakerPersonId!: string | null;

  @ManyToOne('Person', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'speaker_person_id', foreignKeyConstraintName: 'agenda_items_speaker_person_id_fkey' })
  speakerPerson?: Person | null;

  /** A speaker who is not in the directory, as free text ("đại diện Cục Ứng dụng CNTT"). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  speakerName!: string | null;
}
