import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { instantInRangeSql } from '../common/time/time';
import type { Organization } from '../organizations/organization.entity';
import type { Person } from '../people/person.entity';

export const EVENT_KINDS = ['conference', 'training_class'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export const EVENT_STATUSES = ['draft', 'scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * A hội nghị or a class of a tập huấn program, with one or more sessions. `icalUid` never changes;
 * `sequence` rises with every change an invitee must see (time, place, cancellation) once the
 * event is published — the invitations' calendar entries carry both. `startsAt`/`endsAt` are the
 * first session's start and the last one's end, kept by EventsService in the same transaction
 * as the sessions, so lists filter and sort by an index.
 */
@Entity('events')
@Check('events_kind_check', `kind IN ('conference','training_class')`)
@Check('events_format_check', `format IN ('in_person','online','hybrid')`)
@Check('events_status_check', `status IN ('draft','scheduled','in_progress','completed','cancelled')`)
@Check('events_period_quarter_check', 'period_quarter BETWEEN 1 AND 4')
@Check('events_period_months_check', 'period_from_month BETWEEN 1 AND 12 AND period_to_month BETWEEN period_from_month AND 12')
@Check('events_time_check', 'ends_at > starts_at')
@Check('events_years_check', `${instantInRangeSql('starts_at')} AND ${instantInRangeSql('ends_at')}`)
@Check('events_campaign_target_check', '(campaign_id IS NULL) = (campaign_target_organization_id IS NULL)')
@Index('events_host_starts_idx', ['hostOrganizationId', 'startsAt'])
// GiST on tstzrange(starts_at, ends_at): date-range filters as one overlap test (migration EventTimeRanges).
@Index('events_time_range_idx', { synchronize: false })
export class Event extends BaseEntity {
  @Column({ type: 'varchar', length: 24 })
  kind!: EventKind;

  @Column({ type: 'varchar', length: 500, collation: 'vi-x-icu' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 16 })
  format!: EventFormat;

  @Column({ type: 'uuid' })
  hostOrganizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_organization_id', foreignKeyConstraintName: 'events_host_organization_id_fkey' })
  hostOrganization?: Organization;

  /** Hall name, e.g. "Hội trường lớn UBND tỉnh". */
  @Column({ type: 'varchar', length: 300, nullable: true })
  venueName!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  venueAddress!: string | null;

  /** Join link of an online or hybrid event. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  onlineUrl!: string | null;

  /** The venue as compared for double-booking: folded like search, null without a venue. */
  @Index('events_venue_key_idx')
  @Column({ type: 'text', nullable: true, generatedType: 'STORED', asExpression: `vn_fold(venue_name)`, select: false, insert: false, update: false })
  venueKey!: string | null;

  @Index('events_chair_person_id_idx')
  @Column({ type: 'uuid', nullable: true })
  chairPersonId!: string | null;

  @ManyToOne('Person', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'chair_person_id', foreignKeyConstraintName: 'events_chair_person_id_fkey' })
  chairPerson?: Person | null;

  @Column({ type: 'text', nullable: true })
  publicSummary!: string | null;

  @Index('events_status_idx')
  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: EventStatus;

  @Index('events_ical_uid_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  icalUid!: string;

  @Column({ type: 'int', default: 0 })
  sequence!: number;

  @Index('events_starts_at_idx')
  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  /** The period the event reviews (indicators aggregate by it): year, and a quarter or a month range. */
  @Column({ type: 'int', nullable: true })
  periodYear!: number | null;

  @Column({ type: 'smallint', nullable: true })
  periodQuarter!: number | null;

  @Column({ type: 'smallint', nullable: true })
  periodFromMonth!: number | null;

  @Column({ type: 'smallint', nullable: true })
  periodToMonth!: number | null;

  /** The conclusion (kết luận) recorded after the event. */
  @Column({ type: 'text', nullable: true })
  conclusion!: string | null;

  /** The campaign this event belongs to, and the target organization it serves (a district of the campaign). */
  @Index('events_campaign_id_idx')
  @Column({ type: 'uuid', nullable: true })
  campaignId!: string | null;

  /** Composite foreign key: the target must be one of the campaign's own targets. */
  @ManyToOne('CampaignTarget', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn([
    { name: 'campaign_id', referencedColumnName: 'campaignId', foreignKeyConstraintName: 'events_campaign_target_fkey' },
    { name: 'campaign_target_organization_id', referencedColumnName: 'organizationId', foreignKeyConstraintName: 'events_campaign_target_fkey' },
  ])
  campaignTarget?: unknown;

  @Column({ type: 'uuid', nullable: true })
  campaignTargetOrganizationId!: string | null;

  @Index('events_search_idx', { synchronize: false })
  @Column({ type: 'text', generatedType: 'STORED', asExpression: `vn_fold(title || ' ' || coalesce(venue_name, ''))`, select: false, insert: false, update: false })
  searchText!: string;

  @OneToMany(() => EventSession, (s) => s.event)
  sessions?: EventSession[];
}

/** A dated time slot of an event (a morning, an afternoon, one day of a two-day training). */
@Entity('event_sessions')
@Check('event_sessions_time_check', 'ends_at > starts_at')
@Check('event_sessions_years_check', `${instantInRangeSql('starts_at')} AND ${instantInRangeSql('ends_at')}`)
@Index('event_sessions_time_idx', ['startsAt', 'endsAt'])
// GiST on tstzrange(starts_at, ends_at): the sessions of a calendar month (migration EventTimeRanges).
@Index('event_sessions_time_range_idx', { synchronize: false })
export class EventSession extends BaseEntity {
  @Index('event_sessions_event_id_idx')
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, (e) => e.sessions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_sessions_event_id_fkey' })
  event?: Event;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  /** e.g. "Buổi sáng", "Ngày 1". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;
}

/** Organizations that co-organize an event with its host. */
@Entity('event_co_organizers')
export class EventCoOrganizer {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'event_co_organizers_pkey' })
  eventId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'event_co_organizers_pkey' })
  organizationId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_co_organizers_event_id_fkey' })
  event?: Event;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'event_co_organizers_organization_id_fkey' })
  organization?: Organization;
}
