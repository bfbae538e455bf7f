import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { badRequest, conflict, type ErrorDetail, notFound } from '../common/errors/api-error';
import { arrayJsonOf, isoField, localIsoField, type Page, pageJsonOf, pageOf, positional, rowView } from '../common/pagination/page';
import { escapeLike } from '../common/text/vietnamese';
import { type SqlCondition, SqlParams } from '../common/sql';
import { OrganizationsService, type ScopeFilter } from '../organizations/organizations.service';
import { PeopleService } from '../people/people.service';
import { AuditService, diff } from './audit.service';
import { JobsService } from '../jobs/jobs.service';
import { CampaignsService } from './campaigns/campaigns.service';
import { changesSince, EVENT_CHANGED_JOB, type EventChangedPayload, type EventChangeSignal } from './signals';
import { EventChange } from './event-change.entity';
import { EventHooks } from './event-hooks';
import { EventsError } from './events.errors';
import { moveAgendaWithSessions } from './agenda/agenda-moves';
import type { CalendarEntry, CreateEventDto, EventView, HistoryEntry, ListEventsQuery, SessionDto, UpdateEventDto } from './dto/event.dto';
import { Event, EventCoOrganizer, EventSession } from './event.entity';
import { type EventAction, invitationsVisible, nextStatus } from './lifecycle';
import { type Period, periodView } from './period';
import { formatLocal, localDayStart, localMonth, toLocalIso } from '../common/time/time';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';

/** Fields whose change an invitee must see: they raise SEQUENCE on a published event. */
const TIME_OR_PLACE: (keyof UpdateEventDto)[] = ['sessions', 'venueName', 'venueAddress', 'onlineUrl', 'format'];
/** Fields that may still change after an event is completed (its record), none after a cancellation. */
const AFTER_COMPLETION: (keyof UpdateEventDto)[] = ['conclusion', 'publicSummary', 'description'];

interface Slot {
  startsAt: Date;
  endsAt: Date;
}

function toView(e: Event, sessions?: EventSession[], coOrganizerIds?: string[]): EventView {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    format: e.format,
    hostOrganizationId: e.hostOrganizationId,
    ...(coOrganizerIds ? { coOrganizerIds } : {}),
    venueName: e.venueName,
    venueAddress: e.venueAddress,
    onlineUrl: e.onlineUrl,
    chairPersonId: e.chairPersonId,
    publicSummary: e.publicSummary,
    status: e.status,
    icalUid: e.icalUid,
    sequence: e.sequence,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    startsAtLocal: toLocalIso(e.startsAt),
    endsAtLocal: toLocalIso(e.endsAt),
    period: e.periodYear ? periodView({ year: e.periodYear, quarter: e.periodQuarter, fromMonth: e.periodFromMonth, toMonth: e.periodToMonth }) : null,
    campaignId: e.campaignId,
    campaignTargetOrganizationId: e.campaignTargetOrganizationId,
    conclusion: e.conclusion,
    ...(sessions
      ? {
          sessions: sessions
            .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
            .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, startsAtLocal: toLocalIso(s.startsAt), endsAtLocal: toLocalIso(s.endsAt), title: s.title })),
        }
      : {}),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** `toView` without sessions and co-organizers (a list's view) over alias `e`, for `pageJsonOf`. */
const EVENT_VIEW = rowView([
  'e.id, e.kind, e.title, e.description, e.format, e.host_organization_id AS "hostOrganizationId", e.venue_name AS "venueName"',
  'e.venue_address AS "venueAddress", e.online_url AS "onlineUrl", e.chair_person_id AS "chairPersonId", e.public_summary AS "publicSummary", e.status',
  'e.ical_uid AS "icalUid", e.sequence',
  isoField('startsAt', 'e.starts_at'),
  isoField('endsAt', 'e.ends_at'),
  localIsoField('startsAtLocal', 'startsAt'),
  localIsoField('endsAtLocal', 'endsAt'),
  {
    name: 'period',
    columns: ['e.period_year', 'e.period_quarter', 'e.period_from_month', 'e.period_to_month'],
    build: ([year, quarter, fromMonth, toMonth]) => (year === null ? null : periodView({ year, quarter, fromMonth, toMonth } as Period)),
  },
  'e.campaign_id AS "campaignId", e.campaign_target_organization_id AS "campaignTargetOrganizationId", e.conclusion',
  isoField('createdAt', 'e.created_at'),
  isoField('updatedAt', 'e.updated_at'),
]);

/** Only the columns the calendar shows, as plain rows (no entities built). */
const CALENDAR_COLUMNS = `s.id AS "sessionId", s.event_id AS "eventId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.title AS "sessionTitle",
  e.title AS "title", e.kind AS "kind", e.format AS "format", e.status AS "status", e.venue_name AS "venueName"`;

/** A calendar entry as a select list over sessions `s` and events `e`, for `arrayJsonOf`. */
const CALENDAR_VIEW = rowView([
  'e.id AS "eventId", s.id AS "sessionId", e.title, s.title AS "sessionTitle", e.kind, e.format, e.status, e.venue_name AS "venueName"',
  isoField('startsAt', 's.starts_at'),
  isoField('endsAt', 's.ends_at'),
  localIsoField('startsAtLocal', 'startsAt'),
  localIsoField('endsAtLocal', 'endsAt'),
]);

/** Events and their sessions: scheduling, lifecycle, conflicts, listing, the calendar and history. */
@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(Event) private readonly events: Repository<Event>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
    private readonly jobs: JobsService,
    private readonly uow: UnitOfWork,
    private readonly hooks: EventHooks,
  ) {}

  // ---- reads -------------------------------------------------------------------------------

  /** An event the caller may act on: 404 if missing, 403 if its host is outside the caller's scope. */
  async getInScope(principal: Principal, id: string): Promise<Event> {
    const event = await this.events.findOne({ where: { id } });
    if (!event) throw notFound('Event', id, EventsError.NotFound);
    await this.organizations.getInScope(principal, event.hostOrganizationId);
    return event;
  }

  async get(principal: Principal, id: string): Promise<EventView> {
    return this.view(await this.getInScope(principal, id));
  }

  private async view(event: Event | string, warnings: ErrorDetail[] = []): Promise<EventView> {
    const e = typeof event === 'string' ? await this.events.findOneByOrFail({ id: event }) : event;
    const [sessions, co] = await Promise.all([
      this.db.getRepository(EventSession).find({ where: { eventId: e.id } }),
      this.db.getRepository(EventCoOrganizer).find({ where: { eventId: e.id } }),
    ]);
    const view = toView(e, sessions, co.map((c) => c.organizationId));
    return warnings.length ? { ...view, warnings } : view;
  }

  async list(principal: Principal, query: ListEventsQuery): Promise<Page<EventView>> {
    return this.organizations.withScopeFilter(principal, 'e.host_organization_id', query.hostOrganizationId, async (scope) => {
      const { list, checks, count } = this.listSql(scope, query);
      const { rows, total, hasMore } = await pageOf<Event>(this.db, list, query, { checks, count });
      return { items: rows.map((e) => toView(e)), total, hasMore, limit: query.limit, offset: query.offset };
    });
  }

  /** `list` as the JSON text of the page (`pageJsonOf`: PostgreSQL selects the views): what the API answers. */
  async listJson(principal: Principal, query: ListEventsQuery): Promise<string> {
    return this.organizations.withScopeFilter(principal, 'e.host_organization_id', query.hostOrganizationId, (scope) => {
      const { list, checks, count } = this.listSql(scope, query);
      return pageJsonOf(this.uow.textRows, list, EVENT_VIEW, query, { checks, count });
    });
  }

  private listSql({ condition: scope, checks }: ScopeFilter, query: ListEventsQuery) {
    const where: (SqlCondition | null)[] = [scope];
    if (query.from || query.to) {
      const from = query.from ? localDayStart(query.from) : null;
      const to = query.to ? new Date(localDayStart(query.to).getTime() + 86_400_000) : null;
      if (from && to && from >= to) throw badRequest('The date range ends before it starts', [{ field: 'to', message: 'must be on or after from' }], EventsError.InvalidDateRange);
      // Overlap of [starts_at, ends_at) with [from, to): answered by the GiST index events_time_range_idx.
      where.push({ sql: 'tstzrange(e.starts_at, e.ends_at) && tstzrange(CAST(:from AS timestamptz), CAST(:to AS timestamptz))', params: { from, to } });
    }
    if (query.kind) where.push({ sql: 'e.kind = :kind', params: { kind: query.kind } });
    if (query.format) where.push({ sql: 'e.format = :format', params: { format: query.format } });
    if (query.status) where.push({ sql: 'e.status = :status', params: { status: query.status } });
    if (query.q) where.push({ sql: `e.search_text LIKE '%' || vn_fold(:q) || '%'`, params: { q: escapeLike(query.q) } });
    return { list: { metadata: this.events.metadata, alias: 'e', where, orderBy: 'e.starts_at, e.id' }, checks, count: query.total === true };
  }

  /** Every session in a local month, for a calendar view; cancelled events included (shown struck through). */
  async calendar(principal: Principal, month: string): Promise<CalendarEntry[]> {
    const { select, checks } = await this.calendarSql(principal, month, CALENDAR_COLUMNS);
    const params = new SqlParams();
    const rows: (Omit<CalendarEntry, 'startsAtLocal' | 'endsAtLocal'> & Record<string, unknown>)[] = await this.db.query(select(params, true), params.values);
    for (const [i, c] of checks.entries()) await c.settle(rows.length ? rows[0][`check${i}`] === true : undefined);
    return rows.map((s) => ({
      eventId: s.eventId,
      sessionId: s.sessionId,
      title: s.title,
      sessionTitle: s.sessionTitle,
      kind: s.kind,
      format: s.format,
      status: s.status,
      venueName: s.venueName,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      startsAtLocal: toLocalIso(s.startsAt),
      endsAtLocal: toLocalIso(s.endsAt),
    }));
  }

  /** `calendar` as JSON text (`arrayJsonOf`: PostgreSQL selects the entries): what the API answers. */
  async calendarJson(principal: Principal, month: string): Promise<string> {
    const { select, checks } = await this.calendarSql(principal, month, '');
    // A prepared statement (`uow.preparedTextRows`: parsed and planned once per connection; planning was
    // a third of its PostgreSQL time). Safe with a generic plan: one month of sessions drives it whatever
    // the values, unlike the events list, whose subtree and date-range filters need plans for their values.
    return arrayJsonOf(this.uow.preparedTextRows, (params) => select(params, false), CALENDAR_VIEW, checks);
  }

  /**
   * The calendar's sessions: `FROM … WHERE … ORDER BY` over sessions `s` and their events `e`, with
   * `columns` selected (and, `withChecks`, the request's checks — the caller's token — as columns of the same statement).
   */
  private async calendarSql(principal: Principal, month: string, columns: string) {
    const { from, to } = localMonth(month);
    const { condition: scope, checks } = await this.organizations.scopeFilter(principal, 'e.host_organization_id');
    const select = (params: SqlParams, withChecks: boolean) => {
      const selected = [columns, ...(withChecks ? checks.map((c, i) => `(${positional(c.condition, params)}) AS "check${i}"`) : [])].filter(Boolean);
      // Sessions overlapping the month: answered by the GiST index event_sessions_time_range_idx.
      const where = [`tstzrange(s.starts_at, s.ends_at) && tstzrange(${params.add(from, 'timestamptz')}, ${params.add(to, 'timestamptz')})`];
      if (scope) where.push(positional(scope, params));
      return `${selected.length ? `SELECT ${selected.join(', ')} ` : ''}FROM event_sessions s INNER JOIN events e ON e.id = s.event_id WHERE ${where.join(' AND ')} ORDER BY s.starts_at, s.id`;
    };
    return { select, checks };
  }

  async history(principal: Principal, id: string): Promise<HistoryEntry[]> {
    await this.getInScope(principal, id);
    return (await this.audit.forEvent(id)).map(({ id: entryId, at, actorEmail, entityType, entityId, action, changes }) => ({
      id: entryId,
      at,
      actorEmail,
      entityType,
      entityId,
      action,
      changes,
    }));
  }

  // ---- writes ------------------------------------------------------------------------------

  async create(principal: Principal, dto: CreateEventDto): Promise<EventView> {
    await this.organizations.getInScope(principal, dto.hostOrganizationId);
    const slots = this.checkSessions(dto.sessions);
    await this.checkReferences(dto);
    this.checkVenue(dto.format, dto.venueName ?? null);
    const id = randomUUID();
    const warnings = await this.uow.run(async () => {
      const m = this.uow.manager;
      await m.insert(Event, {
        id,
        kind: dto.kind,
        title: dto.title,
        description: dto.description ?? null,
        format: dto.format,
        hostOrganizationId: dto.hostOrganizationId,
        venueName: dto.venueName ?? null,
        venueAddress: dto.venueAddress ?? null,
        onlineUrl: dto.onlineUrl ?? null,
        chairPersonId: dto.chairPersonId ?? null,
        publicSummary: dto.publicSummary ?? null,
        campaignId: dto.campaignId ?? null,
        campaignTargetOrganizationId: dto.campaignTargetOrganizationId ?? null,
        status: 'draft',
        icalUid: `${id}@hoinghi`,
        sequence: 0,
        ...span(slots),
        ...periodColumns(dto.period),
      });
      await this.replaceSessions(m, id, dto.sessions);
      await this.replaceCoOrganizers(m, id, dto.coOrganizerIds ?? []);
      await this.audit.record(principal, { entityType: 'event', entityId: id, eventId: id, action: 'created', changes: { title: dto.title, sessions: slots.length } });
      return this.chairWarnings(m, id, dto.chairPersonId ?? null, slots);
    });
    return this.view(id, warnings);
  }

  async update(principal: Principal, id: string, dto: UpdateEventDto, force = false): Promise<EventView> {
    const before = await this.getInScope(principal, id);
    const touched = (Object.keys(dto) as (keyof UpdateEventDto)[]).filter((k) => dto[k] !== undefined);
    if (before.status === 'cancelled' || (before.status === 'completed' && touched.some((k) => !AFTER_COMPLETION.includes(k)))) {
      throw conflict(
        `The event is ${before.status}; ${before.status === 'completed' ? 'only its conclusion, summary and description can change' : 'it can no longer change'}`,
        [{ field: 'status', message: `is ${before.status}` }],
        EventsError.NotEditable,
      );
    }
    if (dto.hostOrganizationId && dto.hostOrganizationId !== before.hostOrganizationId) await this.organizations.getInScope(principal, dto.hostOrganizationId);
    const slots = dto.sessions ? this.checkSessions(dto.sessions) : undefined;
    await this.checkReferences(dto, before);
    const format = dto.format ?? before.format;
    const venueName = dto.venueName !== undefined ? dto.venueName : before.venueName;
    this.checkVenue(format, venueName);
    const { sessions: _sessions, coOrganizerIds, period, ...fields } = dto;
    const columns = { ...fields, ...(period !== undefined ? periodColumns(period) : {}), ...(slots ? span(slots) : {}) };

    const warnings = await this.uow.run(async () => {
      const m = this.uow.manager;
      const current = await this.lock(m, id);
      const forInvitees = invitationsVisible(current.status) && touched.some((k) => TIME_OR_PLACE.includes(k)) ? this.changesForInvitees(current, dto, await this.sessionsOf(m, id)) : [];
      const movesForInvitees = forInvitees.length > 0;
      const changes: Record<string, unknown> = diff(current, columns);
      if (slots) changes.sessions = { to: slots.map((s) => `${formatLocal(s.startsAt)}–${formatLocal(s.endsAt)}`) };
      if (dto.sessions) Object.assign(changes, await moveAgendaWithSessions(m, id, await this.sessionsOf(m, id), dto.sessions, force));
      if (invitationsVisible(current.status) && (slots || dto.venueName !== undefined || dto.format !== undefined)) {
        await this.checkVenueFree(m, principal, id, { format, venueName }, slots ?? (await this.sessionsOf(m, id)), force);
      }
      await m.update(Event, { id }, { ...columns, ...(movesForInvitees ? { sequence: () => 'sequence + 1' } : {}) });
      if (dto.sessions) await this.replaceSessions(m, id, dto.sessions);
      if (coOrganizerIds) await this.replaceCoOrganizers(m, id, coOrganizerIds);
      if (invitationsVisible(current.status) && slots) await this.hooks.beforeInvitations(id);
      if (slots) await this.hooks.scheduleChanged(id);
      if (movesForInvitees) {
        changes.sequence = { from: current.sequence, to: current.sequence + 1 };
        await this.signalChanged(m, { eventId: id, sequence: current.sequence + 1, changes: forInvitees });
      }
      await this.audit.record(principal, { entityType: 'event', entityId: id, eventId: id, action: 'updated', changes });
      const chair = dto.chairPersonId !== undefined ? dto.chairPersonId : current.chairPersonId;
      return this.chairWarnings(m, id, chair, slots ?? (await this.sessionsOf(m, id)));
    });
    return this.view(id, warnings);
  }

  /** publish | start | complete | cancel; an illegal transition is a 409 naming the current status. */
  async transition(principal: Principal, id: string, action: EventAction, force = false): Promise<EventView> {
    await this.getInScope(principal, id);
    await this.uow.run(async () => {
      const m = this.uow.manager;
      const current = await this.lock(m, id);
      const to = nextStatus(current.status, action);
      if (!to) {
        throw conflict(`Cannot ${action} an event that is ${current.status}`, [{ field: 'status', message: `is ${current.status}` }], EventsError.IllegalTransition);
      }
      if (action === 'publish') {
        await this.checkVenueFree(m, principal, id, current, await this.sessionsOf(m, id), force);
      }
      // Cancelling what invitees have seen is a change they must see (METHOD:CANCEL with a higher SEQUENCE).
      const bump = action === 'cancel' && invitationsVisible(current.status);
      await m.update(Event, { id }, { status: to, ...(bump ? { sequence: () => 'sequence + 1' } : {}) });
      if (action === 'publish') await this.hooks.beforeInvitations(id);
      await this.hooks.scheduleChanged(id);
      if (bump) await this.signalChanged(m, { eventId: id, sequence: current.sequence + 1, changes: [] });
      await this.audit.record(principal, {
        entityType: 'event',
        entityId: id,
        eventId: id,
        action: { publish: 'published', start: 'started', complete: 'completed', cancel: 'cancelled' }[action],
        changes: { status: { from: current.status, to }, ...(bump ? { sequence: { from: current.sequence, to: current.sequence + 1 } } : {}) },
      });
    });
    return this.view(id);
  }

  /**
   * Tells whoever cares (invitations: updated REQUESTs or CANCELs, reminders) that invitees must see a
   * new version — through the outbox, in this transaction, so the change and its mail stand or fall together.
   */
  private async signalChanged(m: EntityManager, payload: EventChangedPayload) {
    await m.insert(EventChange, { eventId: payload.eventId, sequence: payload.sequence, changes: payload.changes as never });
    await this.jobs.enqueue([{ kind: EVENT_CHANGED_JOB, payload: { ...payload }, dedupeKey: `${EVENT_CHANGED_JOB}:${payload.eventId}:${payload.sequence}` }]);
  }

  /** What invitees were told changed after version `seen` up to `current`, each field once with the value they last saw. */
  async changesSince(eventId: string, seen: number, current: number): Promise<EventChangeSignal[]> {
    if (seen >= current) return [];
    const rows = await this.uow.manager.getRepository(EventChange).find({ where: { eventId } });
    return changesSince(rows, seen, current);
  }

  // ---- rules -------------------------------------------------------------------------------

  private checkSessions(sessions: SessionDto[]): Slot[] {
    const problems: ErrorDetail[] = [];
    sessions.forEach((s, i) => {
      if (s.endsAt.getTime() <= s.startsAt.getTime()) problems.push({ field: `sessions.${i}.endsAt`, message: 'must be after startsAt' });
    });
    const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].startsAt < sorted[i - 1].endsAt) problems.push({ field: `sessions.${sessions.indexOf(sorted[i])}.startsAt`, message: 'overlaps another session of the event' });
    }
    if (problems.length) throw badRequest('Invalid sessions', problems, EventsError.InvalidSessions);
    return sorted.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt }));
  }

  private checkVenue(format: string, venueName: string | null) {
    if (format !== 'online' && !venueName) {
      throw badRequest('An in-person or hybrid event needs a venue', [{ field: 'venueName', message: `is required when format is ${format}` }], EventsError.VenueRequired);
    }
  }

  private async checkReferences(dto: UpdateEventDto, current?: Event) {
    if (dto.campaignId !== undefined || dto.campaignTargetOrganizationId !== undefined) {
      const campaignId = dto.campaignId !== undefined ? dto.campaignId : (current?.campaignId ?? null);
      const target = dto.campaignTargetOrganizationId !== undefined ? dto.campaignTargetOrganizationId : (current?.campaignTargetOrganizationId ?? null);
      if (!campaignId !== !target) {
        throw badRequest('A campaign event names its campaign and the target it serves', [{ field: campaignId ? 'campaignTargetOrganizationId' : 'campaignId', message: 'campaignId and campaignTargetOrganizationId go together' }], EventsError.CampaignTargetIncomplete);
      }
      if (campaignId && target && !(await this.campaigns.isTarget(campaignId, target))) {
        throw badRequest('Not a target of the campaign', [{ field: 'campaignTargetOrganizationId', message: `is not a target of campaign ${campaignId}` }], EventsError.NotACampaignTarget);
      }
    }
    if (dto.chairPersonId && !(await this.people.existingIds([dto.chairPersonId])).has(dto.chairPersonId)) {
      throw badRequest('Chair not found', [{ field: 'chairPersonId', message: `person ${dto.chairPersonId} does not exist` }], EventsError.ChairNotFound);
    }
    if (dto.coOrganizerIds?.length) {
      const found = await this.organizations.pathsByIds(dto.coOrganizerIds);
      const missing = dto.coOrganizerIds.map((o, i) => [o, i] as const).filter(([o]) => !found.has(o));
      if (missing.length) throw badRequest('Co-organizer not found', missing.map(([o, i]) => ({ field: `coOrganizerIds.${i}`, message: `organization ${o} does not exist` })), EventsError.CoOrganizerNotFound);
    }
  }

  /**
   * A venue may host one published event at a time. Checked under an advisory lock on the venue,
   * so two publishes racing for the same hall cannot both pass. `force` overrides and is recorded.
   */
  private async checkVenueFree(m: EntityManager, principal: Principal, id: string, event: { format: string; venueName: string | null }, slots: Slot[], force: boolean) {
    if (event.format === 'online' || !event.venueName || slots.length === 0) return;
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('venue:' || vn_fold($1)))`, [event.venueName]);
    const clashes: { id: string; title: string; starts_at: Date; ends_at: Date }[] = await m.query(
      `SELECT DISTINCT e.id, e.title, s.starts_at, s.ends_at
         FROM events e JOIN event_sessions s ON s.event_id = e.id
         JOIN unnest($3::timestamptz[], $4::timestamptz[]) AS n(starts_at, ends_at) ON s.starts_at < n.ends_at AND s.ends_at > n.starts_at
        WHERE e.id <> $1 AND e.status IN ('scheduled', 'in_progress') AND e.format <> 'online' AND e.venue_key = vn_fold($2)
        ORDER BY s.starts_at LIMIT 20`,
      [id, event.venueName, slots.map((s) => s.startsAt), slots.map((s) => s.endsAt)],
    );
    if (clashes.length === 0) return;
    const details = clashes.map((c) => ({ field: 'venueName', message: `booked by event ${c.id} "${c.title}" ${formatLocal(c.starts_at)}–${formatLocal(c.ends_at)}` }));
    if (!force) throw conflict(`The venue "${event.venueName}" is booked by "${clashes[0].title}" at an overlapping time; send force=true to book it anyway`, details, EventsError.VenueBooked);
    await this.audit.record(principal, { entityType: 'event', entityId: id, eventId: id, action: 'venue_conflict_overridden', changes: { venueName: event.venueName, conflicts: clashes.map((c) => c.id) } });
  }

  /** The chair leading another published event at an overlapping time: a warning, not an error. */
  private async chairWarnings(m: EntityManager, id: string, chairPersonId: string | null, slots: Slot[]): Promise<ErrorDetail[]> {
    if (!chairPersonId || slots.length === 0) return [];
    const rows: { id: string; title: string }[] = await m.query(
      `SELECT DISTINCT e.id, e.title FROM events e JOIN event_sessions s ON s.event_id = e.id
         JOIN unnest($3::timestamptz[], $4::timestamptz[]) AS n(starts_at, ends_at) ON s.starts_at < n.ends_at AND s.ends_at > n.starts_at
        WHERE e.id <> $1 AND e.chair_person_id = $2 AND e.status IN ('draft', 'scheduled', 'in_progress')`,
      [id, chairPersonId, slots.map((s) => s.startsAt), slots.map((s) => s.endsAt)],
    );
    return rows.map((r) => ({ field: 'chairPersonId', message: `also chairs event ${r.id} "${r.title}" at an overlapping time` }));
  }

  /** What of time and place an update changes, with the values before (empty: nothing an invitee must see). */
  private changesForInvitees(current: Event, dto: UpdateEventDto, sessions: EventSession[]): EventChangeSignal[] {
    const out: EventChangeSignal[] = [];
    if (dto.sessions) {
      const key = (list: Slot[]) => list.map((s) => `${s.startsAt.getTime()}-${s.endsAt.getTime()}`).sort().join(',');
      if (key(dto.sessions) !== key(sessions)) {
        out.push({ field: 'time', before: sessions.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), title: s.title })) });
      }
    }
    const changed = (k: 'venueName' | 'venueAddress' | 'onlineUrl' | 'format') => dto[k] !== undefined && (dto[k] ?? null) !== current[k];
    if (changed('venueName') || changed('venueAddress')) out.push({ field: 'venue', before: { venueName: current.venueName, venueAddress: current.venueAddress } });
    if (changed('onlineUrl')) out.push({ field: 'onlineUrl', before: current.onlineUrl });
    if (changed('format')) out.push({ field: 'format', before: current.format });
    return out;
  }

  private async lock(m: EntityManager, id: string): Promise<Event> {
    const event = await m.getRepository(Event).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!event) throw notFound('Event', id, EventsError.NotFound);
    return event;
  }

  private sessionsOf(m: EntityManager, id: string): Promise<EventSession[]> {
    return m.getRepository(EventSession).find({ where: { eventId: id }, order: { startsAt: 'ASC' } });
  }

  private async replaceSessions(m: EntityManager, eventId: string, sessions: SessionDto[]) {
    await m.delete(EventSession, { eventId });
    await m.insert(EventSession, sessions.map((s) => ({ eventId, startsAt: s.startsAt, endsAt: s.endsAt, title: s.title ?? null })));
  }

  private async replaceCoOrganizers(m: EntityManager, eventId: string, ids: string[]) {
    await m.delete(EventCoOrganizer, { eventId });
    const unique = [...new Set(ids)];
    if (unique.length) await m.insert(EventCoOrganizer, unique.map((organizationId) => ({ eventId, organizationId })));
  }

  /** Full views (with sessions and co-organizers) of many events in three queries, for other modules' feeds: no scope check. */
  async viewsByIds(ids: string[]): Promise<EventView[]> {
    if (ids.length === 0) return [];
    const [events, sessions, co] = await Promise.all([
      this.events.find({ where: { id: In(ids) }, order: { startsAt: 'ASC', id: 'ASC' } }),
      this.db.getRepository(EventSession).find({ where: { eventId: In(ids) } }),
      this.db.getRepository(EventCoOrganizer).find({ where: { eventId: In(ids) } }),
    ]);
    return events.map((e) => toView(e, sessions.filter((s) => s.eventId === e.id), co.filter((c) => c.eventId === e.id).map((c) => c.organizationId)));
  }

  /** Events by id, for other modules (invitations, attendance): no scope check; `lock` for update in the current unit of work. */
  findByIds(ids: string[], lock = false): Promise<Event[]> {
    const m = this.uow.manager;
    return ids.length ? m.getRepository(Event).find({ where: { id: In(ids) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) }) : Promise.resolve([]);
  }
}

function span(slots: Slot[]) {
  return { startsAt: slots[0].startsAt, endsAt: new Date(Math.max(...slots.map((s) => s.endsAt.getTime()))) };
}

function periodColumns(p: { year: number; quarter?: number | null; fromMonth?: number | null; toMonth?: number | null } | null | undefined) {
  if (!p) return { periodYear: null, periodQuarter: null, periodFromMonth: null, periodToMonth: null };
  if (p.quarter && (p.fromMonth || p.toMonth)) {
    throw badRequest('A period is a quarter or a month range, not both', [{ field: 'period.quarter', message: 'cannot be combined with fromMonth/toMonth' }], EventsError.InvalidPeriod);
  }
  if ((p.fromMonth == null) !== (p.toMonth == null) || (p.fromMonth && p.toMonth && p.fromMonth > p.toMonth)) {
    throw badRequest('Invalid month range', [{ field: 'period.toMonth', message: 'fromMonth and toMonth go together, fromMonth ≤ toMonth' }], EventsError.InvalidPeriod);
  }
  return { periodYear: p.year, periodQuarter: p.quarter ?? null, periodFromMonth: p.fromMonth ?? null, periodToMonth: p.toMonth ?? null };
}

