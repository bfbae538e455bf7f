import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import type { Organization } from '../../organizations/organization.entity';
import type { Person } from '../../people/person.entity';
import { Event } from '../event.entity';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A follow-up task a conference's conclusion assigns to an agency and/or a person, with a due date. */
@Entity('tasks')
@Check('tasks_status_check', `status IN ('open','done','cancelled')`)
@Check('tasks_assignee_check', 'assignee_organization_id IS NOT NULL OR assignee_person_id IS NOT NULL')
@Check('tasks_done_on_check', `(status = 'done') = (done_on IS NOT NULL)`)
@Index('tasks_status_due_idx', ['status', 'dueDate'])
export class Task extends BaseEntity {
  @Index('tasks_event_id_idx')
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'tasks_event_id_fkey' })
  event?: Event;

  @Column({ type: 'varchar', length: 1000 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Index('tasks_assignee_organization_id_idx')
  @Column({ type: 'uuid', nullable: true })
  assigneeOrganizationId!: string | null;

  @ManyToOne('Organization', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assignee_organization_id', foreignKeyConstraintName: 'tasks_assignee_organization_id_fkey' })
  assigneeOrganization?: Organization | null;

  @Index('tasks_assignee_person_id_idx')
  @Column({ type: 'uuid', nullable: true })
  assigneePersonId!: string | null;

  @ManyToOne('Person', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assignee_person_id', foreignKeyConstraintName: 'tasks_assignee_person_id_fkey' })
  assigneePerson?: Person | null;

  /** Local date the task is due; from `duePeriod` ("Quý II/2015" → 2015-06-30) when only that was given. */
  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  /** The period as the conclusion wrote it, e.g. "Quý II/2015". */
  @Column({ type: 'varchar', length: 60, nullable: true })
  duePeriod!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: TaskStatus;

  @Column({ type: 'date', nullable: true })
  doneOn!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
