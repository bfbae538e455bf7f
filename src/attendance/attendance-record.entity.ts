import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { instantInRangeSql } from '../common/time/time';
import type { Event, EventSession } from '../events/event.entity';
import type { Participant } from '../invitations/participants/participant.entity';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused', 'substitute'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
/** How a row was recorded. `site_report`: a bridge point's coordinator (bridge-points module) ticked the name. */
export const ATTENDANCE_METHODS = ['manual', 'qr', 'code', 'site_report', 'import'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];
/** Statuses that count as "came" (có mặt) in summaries. */
export const CAME_STATUSES = ['present', 'late'] as const satisfies readonly AttendanceStatus[];

/**
 * Điểm danh: one row per session × participant. `scannedAt` is the time the client says the scan
 * or the tick happened (a phone that was offline uploads later: `offline`), `recordedAt` the server's
 * time of the write; both kept, never one for the other. `nonce` is the client's idempotency key of
 * a check-in: the unique (session, participant) pair makes five identical or concurrent check-ins
 * one row, and the stored nonce tells a replay of the same request from a second attempt.
 * `substitute`: the invitee did not come, `substituteParticipantId` (a participant of the same event:
 * composite foreign key) came instead.
 */
@Entity('attendance_records')
@Check('attendance_records_status_check', `status IN ('present','late','absent','excused','substitute')`)
@Check('attendance_records_method_check', `method IN ('manual','qr','code','site_report','import')`)
@Check('attendance_records_substitute_check', `(status = 'substitute') = (substitute_participant_id IS NOT NULL)`)
@Check('attendance_records_years_check', instantInRangeSql('scanned_at'))
@Unique('attendance_records_session_participant_key', ['sessionId', 'participantId'])
@Index('attendance_records_event_id_idx', ['eventId'])
export class AttendanceRecord extends BaseEntity {
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('Event', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'attendance_records_event_id_fkey' })
  event?: Event;

  /** RESTRICT: replacing the sessions of an event that has attendance is refused (409), not silently emptied. */
  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('EventSession', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'attendance_records_session_id_fkey' })
  session?: EventSession;

  @Index('attendance_records_participant_id_idx')
  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne('Participant', { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'participant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'attendance_records_participant_fkey' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'attendance_records_participant_fkey' },
  ])
  participant?: Participant;

  @Column({ type: 'varchar', length: 16 })
  status!: AttendanceStatus;

  @Index('attendance_records_substitute_participant_id_idx')
  @Column({ type: 'uuid', nullable: true })
  substituteParticipantId!: string | null;

  @ManyToOne('Participant', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn([
    { name: 'substitute_participant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'attendance_records_substitute_fkey' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'attendance_records_substitute_fkey' },
  ])
  substitute?: Participant | null;

  @Column({ type: 'varchar', length: 16 })
  method!: AttendanceMethod;

  /** The signed-in user who recorded it; null for a participant's own check-in by code. */
  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  /** Who recorded it as shown: a user's e-mail, or `participant:<id>` for a self check-in. */
  @Column({ type: 'varchar', length: 254 })
  recordedBy!: string;

  /** The scan time as the client gave it (null: not given). */
  @Column({ type: 'timestamptz', nullable: true })
  scannedAt!: Date | null;

  /** The server's time of the (last) write. */
  @Column({ type: 'timestamptz' })
  recordedAt!: Date;

  /** Uploaded late from a device that was offline at the scan. */
  @Column({ type: 'boolean', default: false })
  offline!: boolean;

  /** The client's idempotency key of a check-in (null for roster writes). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  nonce!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}

/**
 * A session's self check-in window (cửa sổ điểm danh): opened by the organizer, it lets invitees
 * check in by the hall code from `opensBeforeMinutes` before the session's start until
 * `closesAfterMinutes` after it. The hall code rotates every `rotateSeconds`: six digits of
 * md5(codeSecret:interval), computed the same way by the hall screen's endpoint (JavaScript) and by
 * the check-in statement (SQL), so a check-in is judged in the one statement that writes it.
 * Check-ins after `lateAfterMinutes` past the start are `late`.
 */
@Entity('attendance_windows')
@Check('attendance_windows_minutes_check', 'opens_before_minutes BETWEEN 0 AND 1440 AND closes_after_minutes BETWEEN 0 AND 1440 AND late_after_minutes BETWEEN 0 AND 1440')
@Check('attendance_windows_rotate_check', 'rotate_seconds BETWEEN 15 AND 3600')
export class AttendanceWindow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'attendance_windows_pkey' })
  sessionId!: string;

  @ManyToOne('EventSession', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'attendance_windows_session_id_fkey' })
  session?: EventSession;

  @Index('attendance_windows_event_id_idx')
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('Event', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'attendance_windows_event_id_fkey' })
  event?: Event;

  @Column({ type: 'int', default: 30 })
  opensBeforeMinutes!: number;

  @Column({ type: 'int', default: 30 })
  closesAfterMinutes!: number;

  @Column({ type: 'int', default: 15 })
  lateAfterMinutes!: number;

  @Column({ type: 'int', default: 60 })
  rotateSeconds!: number;

  /** 128 random bits (hex) drawn when the window is first opened; never shown. */
  @Column({ type: 'varchar', length: 32 })
  codeSecret!: string;

  @Column({ type: 'varchar', length: 254 })
  openedBy!: string;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;
}

export const REFUSAL_REASONS = ['not_invited', 'wrong_session', 'outside_window', 'already_checked_in', 'token_expired', 'bad_code', 'throttled'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * Every refused check-in, with its reason: nothing is refused silently. The organizer reads them
 * (`GET /api/events/{id}/attendance/refusals`); the wrong-code throttle counts `bad_code` rows of
 * the participant here (in the database, so every API process sees the same count).
 */
@Entity('attendance_refusals')
@Check('attendance_refusals_reason_check', `reason IN ('not_invited','wrong_session','outside_window','already_checked_in','token_expired','bad_code','throttled')`)
@Check('attendance_refusals_method_check', `method IN ('manual','qr','code','site_report','import')`)
@Index('attendance_refusals_event_at_idx', ['eventId', 'at'])
@Index('attendance_refusals_participant_reason_at_idx', ['participantId', 'reason', 'at'])
export class AttendanceRefusal {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'attendance_refusals_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('Event', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'attendance_refusals_event_id_fkey' })
  event?: Event;

  /** The session asked for or found current (kept as given: no foreign key, the log outlives a session). */
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  @Column({ type: 'varchar', length: 24 })
  reason!: RefusalReason;

  @Column({ type: 'varchar', length: 16 })
  method!: AttendanceMethod;

  /** Who tried: a user's e-mail, or `participant:<id>`. */
  @Column({ type: 'varchar', length: 254 })
  actor!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  nonce!: string | null;

  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
