import { Check, Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import type { Event } from '../events/event.entity';
import type { Organization } from '../organizations/organization.entity';
import type { Person } from '../people/person.entity';

export const ENROLLMENT_STATUSES = ['waitlisted', 'enrolled', 'completed', 'incomplete', 'withdrawn'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const ENROLLMENT_SOURCES = ['manual', 'quota', 'import'] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

/**
 * A training plan (kế hoạch / chương trình tập huấn) of one year by one organizing agency: its
 * audience, topics and targets. `code` is the certificate prefix (`TH-HG` → `TH-HG/2013/0001`);
 * `certificateSeq` is the last certificate number issued: the counter row a completion locks with
 * `UPDATE … RETURNING` in its own transaction, so numbers are consecutive and a rollback leaves no gap.
 */
@Entity('training_programs')
@Unique('training_programs_code_key', ['code'])
@Check('training_programs_year_check', 'year BETWEEN 1945 AND 2200')
@Check('training_programs_targets_check', '(target_classes IS NULL OR target_classes >= 0) AND (target_trainees IS NULL OR target_trainees >= 0) AND (target_headcount_percent IS NULL OR target_headcount_percent BETWEEN 0 AND 100)')
@Check('training_programs_certificate_seq_check', 'certificate_seq >= 0')
export class TrainingProgram extends BaseEntity {
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 300, collation: 'vi-x-icu' })
  name!: string;

  @Column({ type: 'int' })
  year!: number;

  @Index('training_programs_organizer_id_idx')
  @Column({ type: 'uuid' })
  organizerOrganizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_organization_id', foreignKeyConstraintName: 'training_programs_organizer_fkey' })
  organizer?: Organization;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Agencies the plan trains (empty: anyone). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  audienceOrganizationIds!: string[];

  /** Administrative levels the plan trains (province, district, commune…). */
  @Column({ type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  audienceLevels!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topics!: string[];

  @Column({ type: 'int', nullable: true })
  targetClasses!: number | null;

  @Column({ type: 'int', nullable: true })
  targetTrainees!: number | null;

  /** Optional: the share of each audience agency's headcount (of the program's year) to train. */
  @Column({ type: 'int', nullable: true })
  targetHeadcountPercent!: number | null;

  @Column({ type: 'int', default: 0 })
  certificateSeq!: number;
}

/**
 * What a `training_class` event needs on top of being an event: its program, capacity and
 * completion rule (a minimum share of the sessions held while enrolled, excused sessions out of the
 * denominator, an optional pass score). Trainers are the event's participants of role `trainer`;
 * external trainers not in the directory are names here.
 */
@Entity('training_classes')
@Check('training_classes_capacity_check', 'capacity IS NULL OR capacity > 0')
@Check('training_classes_min_attendance_check', 'min_attendance_percent BETWEEN 1 AND 100')
@Check('training_classes_pass_score_check', 'pass_score IS NULL OR pass_score BETWEEN 0 AND 100')
@Check('training_classes_hours_check', 'hours IS NULL OR hours > 0')
export class TrainingClass {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('Event', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'training_classes_event_id_fkey' })
  event?: Event;

  @Index('training_classes_program_id_idx')
  @Column({ type: 'uuid' })
  programId!: string;

  @ManyToOne('TrainingProgram', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'training_classes_program_id_fkey' })
  program?: TrainingProgram;

  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @Column({ type: 'int', default: 80 })
  minAttendancePercent!: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  passScore!: string | null;

  /** Training hours printed on the certificate; default: the sessions' length. */
  @Column({ type: 'numeric', precision: 5, scale: 1, nullable: true })
  hours!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  externalTrainers!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One person in one class (one lượt). `organizationId` is the person's agency at enrolment, so a
 * later move does not rewrite past counts. `participantId` is the invitation row (null while
 * waitlisted). `status` is recomputed in the transaction of every change of attendance or score
 * (completion.ts); the counters are what it was computed from.
 */
@Entity('training_enrollments')
@Unique('training_enrollments_class_person_key', ['classEventId', 'personId'])
@Check('training_enrollments_status_check', `status IN ('waitlisted','enrolled','completed','incomplete','withdrawn')`)
@Check('training_enrollments_source_check', `source IN ('manual','quota','import')`)
@Check('training_enrollments_score_check', 'score IS NULL OR score BETWEEN 0 AND 100')
@Check('training_enrollments_participant_check', `(status = 'waitlisted' AND participant_id IS NULL) OR (status IN ('enrolled','completed','incomplete') AND participant_id IS NOT NULL) OR status = 'withdrawn'`)
@Index('training_enrollments_program_person_idx', ['programId', 'personId'])
@Index('training_enrollments_program_organization_idx', ['programId', 'organizationId'])
@Index('training_enrollments_waitlist_idx', ['classEventId', 'queuePosition'], { where: "status = 'waitlisted'" })
export class TrainingEnrollment extends BaseEntity {
  @Column({ type: 'uuid' })
  classEventId!: string;

  @ManyToOne('TrainingClass', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'training_enrollments_class_fkey' })
  trainingClass?: TrainingClass;

  @Column({ type: 'uuid' })
  programId!: string;

  @ManyToOne('TrainingProgram', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'training_enrollments_program_id_fkey' })
  program?: TrainingProgram;

  @Index('training_enrollments_person_id_idx')
  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne('Person', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'training_enrollments_person_id_fkey' })
  person?: Person;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'training_enrollments_organization_id_fkey' })
  organization?: Organization;

  @Index('training_enrollments_participant_id_idx', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: EnrollmentStatus;

  @Column({ type: 'varchar', length: 16 })
  source!: EnrollmentSource;

  @Column({ type: 'timestamptz' })
  enrolledAt!: Date;

  /**
   * The order enrolments were taken in (a sequence; a roster file's rows in file order): the
   * waitlist is promoted first-come first-served by it.
   */
  @Column({ type: 'bigint' })
  @Generated('increment')
  queuePosition!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  score!: string | null;

  @Column({ type: 'int', default: 0 })
  sessionsCounted!: number;

  @Column({ type: 'int', default: 0 })
  sessionsAttended!: number;

  @Column({ type: 'int', default: 0 })
  sessionsExcused!: number;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

/**
 * A certificate (giấy chứng nhận): `{code}/{year}/{seq}` of its program, issued on completion. A
 * reprint keeps the number (`printCount` rises); a revoked one keeps it too, marked revoked.
 */
@Entity('training_certificates')
@Unique('training_certificates_number_key', ['number'])
@Unique('training_certificates_program_seq_key', ['programId', 'year', 'seq'])
@Unique('training_certificates_enrollment_key', ['enrollmentId'])
@Check('training_certificates_seq_check', 'seq > 0')
export class TrainingCertificate extends BaseEntity {
  @Column({ type: 'uuid' })
  programId!: string;

  @ManyToOne('TrainingProgram', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'training_certificates_program_id_fkey' })
  program?: TrainingProgram;

  @Column({ type: 'uuid' })
  enrollmentId!: string;

  @ManyToOne('TrainingEnrollment', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'training_certificates_enrollment_id_fkey' })
  enrollment?: TrainingEnrollment;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  number!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokedReason!: string | null;

  @Column({ type: 'int', default: 1 })
  printCount!: number;
}
