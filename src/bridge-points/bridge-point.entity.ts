import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import type { Event } from '../events/event.entity';
import type { Organization } from '../organizations/organization.entity';
import type { Person } from '../people/person.entity';

export const VIDEO_PROVIDERS = ['vnpt_cvc', 'zoom', 'webex', 'jitsi', 'bigbluebutton', 'sip', 'h323', 'other'] as const;
export type VideoProvider = (typeof VIDEO_PROVIDERS)[number];
export const READINESS = ['untested', 'rehearsed', 'ready', 'fault'] as const;
export type Readiness = (typeof READINESS)[number];
export const FAULTS = ['no_picture', 'no_sound', 'link_lost', 'other'] as const;
export type Fault = (typeof FAULTS)[number];
export const LIVE_STATUSES = ['connected', 'degraded', 'disconnected'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

/**
 * A điểm cầu of an online or hybrid event: the main hall (one per event) or a remote site, with its
 * room, technical contact, expected attendance and video system. `roomKey` and `meetingKey` are the
 * room and the MCU meeting id as compared for clashes (folded like search; spaces dropped).
 * Readiness follows readiness.ts; every transition is a row of `bridge_point_changes`.
 */
@Entity('bridge_points')
@Check('bridge_points_provider_check', `video_provider IN ('vnpt_cvc','zoom','webex','jitsi','bigbluebutton','sip','h323','other')`)
@Check('bridge_points_readiness_check', `readiness IN ('untested','rehearsed','ready','fault')`)
@Check('bridge_points_fault_check', `(readiness = 'fault') = (fault IS NOT NULL) AND (fault IS NULL OR fault IN ('no_picture','no_sound','link_lost','other'))`)
@Check('bridge_points_live_status_check', `live_status IS NULL OR live_status IN ('connected','degraded','disconnected')`)
@Check('bridge_points_expected_check', 'expected_attendance IS NULL OR expected_attendance >= 0')
@Index('bridge_points_event_main_key', ['eventId'], { unique: true, where: 'is_main' })
@Index('bridge_points_event_room_key', ['eventId', 'hostOrganizationId', 'roomKey'], { unique: true })
@Index('bridge_points_meeting_key_idx', ['meetingKey'], { where: 'meeting_key IS NOT NULL' })
@Index('bridge_points_room_idx', ['hostOrganizationId', 'roomKey'])
// The target of the assignments' composite key: a participant is assigned to a point of its own event.
@Unique('bridge_points_id_event_id_key', ['id', 'eventId'])
export class BridgePoint extends BaseEntity {
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('Event', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'bridge_points_event_id_fkey' })
  event?: Event;

  @Column({ type: 'boolean', default: false })
  isMain!: boolean;

  /** Where the point is: the district People's Committee, a department… */
  @Column({ type: 'uuid' })
  hostOrganizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_organization_id', foreignKeyConstraintName: 'bridge_points_host_organization_id_fkey' })
  hostOrganization?: Organization;

  @Column({ type: 'varchar', length: 300, collation: 'vi-x-icu' })
  roomName!: string;

  @Column({ type: 'text', generatedType: 'STORED', asExpression: 'vn_fold(room_name)', select: false, insert: false, update: false })
  roomKey!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  /** The site's technical contact (kỹ thuật viên), who gets the coordinator link. */
  @Index('bridge_points_contact_person_id_idx')
  @Column({ type: 'uuid', nullable: true })
  contactPersonId!: string | null;

  @ManyToOne('Person', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'contact_person_id', foreignKeyConstraintName: 'bridge_points_contact_person_id_fkey' })
  contactPerson?: Person | null;

  @Column({ type: 'int', nullable: true })
  expectedAttendance!: number | null;

  @Column({ type: 'varchar', length: 16 })
  videoProvider!: VideoProvider;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  joinUrl!: string | null;

  /** SIP/H.323 address or phone bridge, e.g. `sip:9001@mcu.hagiang.gov.vn`. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  dialString!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  meetingId!: string | null;

  @Column({ type: 'text', nullable: true, generatedType: 'STORED', asExpression: `nullif(lower(regexp_replace(meeting_id, '\\s', '', 'g')), '')`, select: false, insert: false, update: false })
  meetingKey!: string | null;

  /** Shown only to the point's own participants and contact (and organizers). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  passcode!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'untested' })
  readiness!: Readiness;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fault!: Fault | null;

  /** When the test session (sound, picture, link) is planned; default the working day before the event. */
  @Column({ type: 'timestamptz', nullable: true })
  rehearsalAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  liveStatus!: LiveStatus | null;

  /** Display order within the event (the main point first). */
  @Column({ type: 'int', default: 0 })
  position!: number;
}

export const CHANGE_KINDS = ['readiness', 'live', 'incident', 'rehearsal_time', 'reset'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The timeline of a point: readiness transitions, live status, incidents — who, when, note. */
@Entity('bridge_point_changes')
@Check('bridge_point_changes_kind_check', `kind IN ('readiness','live','incident','rehearsal_time','reset')`)
@Index('bridge_point_changes_point_at_idx', ['bridgePointId', 'at'])
export class BridgePointChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  bridgePointId!: string;

  @ManyToOne(() => BridgePoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bridge_point_id', foreignKeyConstraintName: 'bridge_point_changes_bridge_point_id_fkey' })
  bridgePoint?: BridgePoint;

  @Column({ type: 'varchar', length: 16 })
  kind!: ChangeKind;

  @Column({ type: 'varchar', length: 32, nullable: true })
  fromValue!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  toValue!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fault!: Fault | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  /** A user's id, or null for the site's coordinator (by link) and hoinghi itself. */
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** The user's e-mail, or `coordinator` / `system`. */
  @Column({ type: 'varchar', length: 254 })
  actor!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}

/**
 * A headcount reported for a point: who came, by agency. The newest one is the point's count (a new
 * report replaces the previous one, which stays as history); excused people and substitutes are
 * counted apart from `present`.
 */
@Entity('bridge_point_headcounts')
@Check('bridge_point_headcounts_counts_check', 'present >= 0 AND excused >= 0 AND substitutes >= 0 AND substitutes <= present')
@Index('bridge_point_headcounts_point_at_idx', ['bridgePointId', 'reportedAt'])
export class BridgePointHeadcount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  bridgePointId!: string;

  @ManyToOne(() => BridgePoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bridge_point_id', foreignKeyConstraintName: 'bridge_point_headcounts_bridge_point_id_fkey' })
  bridgePoint?: BridgePoint;

  /** Everyone present at the site, named or not (substitutes included). */
  @Column({ type: 'int' })
  present!: number;

  /** Of those present, how many came instead of an invitee. */
  @Column({ type: 'int', default: 0 })
  substitutes!: number;

  /** Invitees of the site absent with a reason (vắng có lý do). */
  @Column({ type: 'int', default: 0 })
  excused!: number;

  /** Invitees of the point ticked as present by name (participant ids); part of `present`, never added to it. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  namedParticipantIds!: string[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 254 })
  actor!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  reportedAt!: Date;
}

/** One agency's line of a headcount. */
@Entity('bridge_point_headcount_lines')
@Check('bridge_point_headcount_lines_count_check', 'present >= 0')
export class BridgePointHeadcountLine {
  @PrimaryColumn({ type: 'uuid' })
  headcountId!: string;

  @ManyToOne(() => BridgePointHeadcount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'headcount_id', foreignKeyConstraintName: 'bridge_point_headcount_lines_headcount_id_fkey' })
  headcount?: BridgePointHeadcount;

  @PrimaryColumn({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'bridge_point_headcount_lines_organization_id_fkey' })
  organization?: Organization;

  @Column({ type: 'int' })
  present!: number;
}

/** Which point a participant attends from — a point of the participant's own event (composite keys). */
@Entity('bridge_point_assignments')
@Index('bridge_point_assignments_point_idx', ['bridgePointId'])
export class BridgePointAssignment {
  @PrimaryColumn({ type: 'uuid' })
  participantId!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'uuid' })
  bridgePointId!: string;

  @ManyToOne('Participant', { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'participant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'bridge_point_assignments_participant_fkey' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'bridge_point_assignments_participant_fkey' },
  ])
  participant?: unknown;

  @ManyToOne(() => BridgePoint, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'bridge_point_id', referencedColumnName: 'id', foreignKeyConstraintName: 'bridge_point_assignments_point_fkey' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'bridge_point_assignments_point_fkey' },
  ])
  bridgePoint?: BridgePoint;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  assignedAt!: Date;
}
