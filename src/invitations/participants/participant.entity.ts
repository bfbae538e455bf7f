import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import type { Event } from '../../events/event.entity';
import type { Organization } from '../../organizations/organization.entity';
import type { Person } from '../../people/person.entity';

export const PARTICIPANT_ROLES = ['chair', 'speaker', 'delegate', 'guest', 'trainee', 'trainer', 'technician'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const PARTICIPANT_STATUSES = ['pending', 'invited', 'accepted', 'declined', 'tentative', 'delegated', 'failed', 'removed'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
/** Answers a participant can give on the RSVP page. */
export const ANSWERS = ['accepted', 'declined', 'tentative', 'delegated'] as const;
export type Answer = (typeof ANSWERS)[number];

/**
 * Someone invited to an event: a person, or an agency ("lãnh đạo UBND 11 huyện") with a quota of
 * seats that it fills by nominating people (each nominee is a person participant pointing back to
 * the agency row). `pending` → `invited` when the mail went out → an answer; `failed` when it could
 * not be delivered; `removed` keeps the row (and the CANCEL that went out) instead of deleting it.
 * The rules between these states live in `participant-lifecycle.ts`.
 * `lastSentSequence` is the event SEQUENCE of the last invitation written for this participant: a
 * second send mails only those below the event's sequence (new or changed).
 */
@Entity('participants')
@Check('participants_kind_check', `kind IN ('person','agency')`)
@Check('participants_role_check', `role IN ('chair','speaker','delegate','guest','trainee','trainer','technician')`)
@Check('participants_status_check', `status IN ('pending','invited','accepted','declined','tentative','delegated','failed','removed')`)
@Check('participants_counters_check', 'invitation_round >= 0 AND sequence_bump >= 0')
@Check('participants_target_check', `(kind = 'person' AND person_id IS NOT NULL AND organization_id IS NULL AND quota IS NULL) OR (kind = 'agency' AND organization_id IS NOT NULL AND person_id IS NULL AND quota >= 1)`)
@Index('participants_event_person_key', ['eventId', 'personId'], { unique: true, where: 'person_id IS NOT NULL' })
@Index('participants_event_organization_key', ['eventId', 'organizationId'], { unique: true, where: 'organization_id IS NOT NULL' })
@Index('participants_event_status_idx', ['eventId', 'status'])
// The target of the composite foreign keys below: a substitute or nominee points to a participant of its own event.
@Unique('participants_id_event_id_key', ['id', 'eventId'])
export class Participant extends BaseEntity {
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('Event', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'participants_event_id_fkey' })
  event?: Event;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'person' | 'agency';

  @Index('participants_person_id_idx')
  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @ManyToOne('Person', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'participants_person_id_fkey' })
  person?: Person | null;

  /** The invited agency (kind agency). */
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne('Organization', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'participants_organization_id_fkey' })
  organization?: Organization | null;

  /** Seats an agency may fill. */
  @Column({ type: 'int', nullable: true })
  quota!: number | null;

  /** Who receives an agency's nomination request (default: its leader with an e-mail). */
  @Column({ type: 'uuid', nullable: true })
  contactPersonId!: string | null;

  @ManyToOne('Person', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'contact_person_id', foreignKeyConstraintName: 'participants_contact_person_id_fkey' })
  contactPerson?: Person | null;

  @Column({ type: 'varchar', length: 16 })
  role!: ParticipantRole;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ParticipantStatus;

  /** The agency invitation this person was nominated through — of the same event (composite foreign key). */
  @Index('participants_nominated_by_id_idx')
  @Column({ type: 'uuid', nullable: true })
  nominatedById!: string | null;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn([
    { name: 'nominated_by_id', referencedColumnName: 'id', foreignKeyConstraintName: 'participants_nominated_by_fkey' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'participants_nominated_by_fkey' },
  ])
  nominatedBy?: Participant | null;

  /** The participant who sent this one as their substitute — of the same event (composite foreign key). */
  @Index('participants_delegated_from_id_idx')
  @Column({ type: 'uuid', nullable: true })
  delegatedFromId!: string | null;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn([
    { name: 'delegated_from_id', referencedColumnName: 'id', foreignKeyConstraintName: 'participants_delegated_from_fkey' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'participants_delegated_from_fkey' },
  ])
  delegatedFrom?: Participant | null;

  @Column({ type: 'int', nullable: true })
  lastSentSequence!: number | null;

  /**
   * Rises each time the invitation starts over (re-invited after a removal, a substitute named
   * again, a new agency contact): mail jobs are keyed by it, so a new round is mailed afresh and a
   * job of an earlier round does nothing.
   */
  @Column({ type: 'int', default: 0 })
  invitationRound!: number;

  /**
   * What this attendee's calendar copy adds to the event's SEQUENCE: raised by every CANCEL sent to
   * them alone (removed, passed on) and by every re-invitation after one, so each carries a higher
   * SEQUENCE than what they last received (RFC 5546 §2.1.4). Their SEQUENCE is the event's plus this.
   */
  @Column({ type: 'int', default: 0 })
  sequenceBump!: number;

  /** When an invitation (or an agency's nomination request) first reached them in this round; null: none delivered. */
  @Column({ type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  /** A note given with the answer ("xin phép vắng vì trùng lịch"). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  responseNote!: string | null;

  /** The SMTP error of the last failed delivery, shown to the organizer. */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
