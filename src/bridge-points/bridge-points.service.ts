import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MANAGERS } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiError, badRequest, conflict, type ErrorDetail, notFound } from '../common/errors/api-error';
import { Clock } from '../common/time/clock';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import type { Actor } from '../events/audit.service';
import type { Event } from '../events/event.entity';
import { EventHooks } from '../events/event-hooks';
import { EventsService } from '../events/events.service';
import type { BridgePointView as SiteView } from '../invitations/content/event-view';
import { type ParticipantSite, type ParticipantSiteSource, ParticipantSites } from '../invitations/participants/participant-sites';
import { ParticipantsService } from '../invitations/participants/participants.service';
import { InvitationLinks } from '../invitations/public/links';
import { OrganizationsService } from '../organizations/organizations.service';
import { PeopleService } from '../people/people.service';
import type { BridgePoint } from './bridge-point.entity';
import { BridgePointsError } from './bridge-points.errors';
import { assignedSql, BridgePointsRepository, type HeadcountRow, type PointParticipantRow, type PointRow } from './bridge-points.repository';
import type {
  AddDistrictPointsDto,
  BridgePointFieldsDto,
  BridgePointListView,
  BridgePointView,
  CreateBridgePointDto,
  HeadcountDto,
  HeadcountView,
  IncidentDto,
  LiveStatusDto,
  ReadinessDto,
  TimelineEntryView,
  UpdateBridgePointDto,
} from './dto/bridge-point.dto';
import { defaultRehearsal, flagged, nextReadiness, type ReadinessAction } from './readiness';
import { CoordinatorMail } from './coordinator-mail';
import { ReadinessAlerts } from './readiness-alerts';

/** Fields whose change means the tested connection is not the one that will be used: readiness goes back to `untested`. */
const RETEST: (keyof BridgePointFieldsDto)[] = ['hostOrganizationId', 'roomName', 'videoProvider', 'joinUrl', 'dialString', 'meetingId'];
/** Fields participants see in their invitation: a change mails the point's participants an update. */
const SHOWN: (keyof BridgePointFieldsDto)[] = ['roomName', 'address', 'joinUrl', 'dialString', 'meetingId', 'passcode'];
/** How long a coordinator link stays valid after the event ends. */
const LINK_GRACE_MS = 24 * 3_600_000;

/** Names a headcount ticked as present, for the listeners of `onNamesReported`. */
export interface NamesReported {
  eventId: string;
  pointId: string;
  participantIds: string[];
  actor: PointActor;
}

/** Who reports for a point: a signed-in user, or the point's coordinator by link. */
export type PointActor = Actor;
export const COORDINATOR: PointActor = { userId: null, email: 'coordinator' };

/**
 * Bridge points of online and hybrid events: the sites, their readiness and live status, headcounts,
 * which participant attends where, and the clash check that keeps one room or MCU meeting from two
 * overlapping events. Registers itself with the modules below: as the source of participants'
 * sites (their invitations show the point) and as a check before an event's invitations go out.
 */
@Injectable()
export class BridgePointsService implements OnModuleInit, ParticipantSiteSource {
  private readonly namedListeners: ((report: NamesReported) => Promise<void>)[] = [];

  constructor(
    private readonly repo: BridgePointsRepository,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly hooks: EventHooks,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly participants: ParticipantsService,
    private readonly sites: ParticipantSites,
    private readonly links: InvitationLinks,
    private readonly alerts: ReadinessAlerts,
    private readonly coordinatorMail: CoordinatorMail,
    private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.sites.use(this);
    this.hooks.onBeforeInvitations((eventId) => this.assertNoClash(eventId));
    this.hooks.onScheduleChanged((eventId) => this.alerts.sync(eventId));
  }

  /**
   * For a module above (attendance): called in the unit of work of every headcount that ticks names,
   * so the named people are recorded as present (method `site_report`) with the count that includes them.
   */
  onNamesReported(listener: (report: NamesReported) => Promise<void>): void {
    this.namedListeners.push(listener);
  }

  // ---- reads for modules above (no caller: they check their own) ----------------------------

  /** The point a participant attends from, or null. */
  async pointOfParticipant(participantId: string): Promise<string | null> {
    return (await this.repo.pointOf([participantId])).get(participantId) ?? null;
  }

  /** Participant ids assigned to each point of the event. */
  async assignmentsOf(eventId: string): Promise<Map<string, string[]>> {
    return this.repo.assignmentsOf(eventId);
  }

  /** Every point of the event with its readiness and the headcount its coordinator reported last (null: none). */
  async pointHeadcounts(eventId: string): Promise<{ pointId: string; name: string; main: boolean; readiness: BridgePoint['readiness']; countedHeadcount: number | null }[]> {
    const rows = await this.repo.points(eventId);
    const counts = new Map((await this.repo.headcounts(rows.map((r) => r.id))).map((h) => [h.bridgePointId, h.present]));
    return rows.map((r) => ({ pointId: r.id, name: `${r.roomName} – ${r.hostOrganizationName}`, main: r.isMain, readiness: r.readiness, countedHeadcount: counts.get(r.id) ?? null }));
  }

  // ---- reads -------------------------------------------------------------------------------

  async list(principal: Principal, eventId: string): Promise<BridgePointListView> {
    const event = await this.events.getInScope(principal, eventId);
    const rows = await this.repo.points(eventId);
    const counts = new Map((await this.repo.headcounts(rows.map((r) => r.id))).map((h) => [h.bridgePointId, h]));
    const points = rows.map((r) => this.view(r, event, counts.get(r.id) ?? null, MANAGERS.includes(principal.role)));
    const byReadiness: Record<string, number> = { untested: 0, rehearsed: 0, ready: 0, fault: 0 };
    for (const p of points) byReadiness[p.readiness]++;
    return { points, notReady: points.filter((p) => p.flagged).length, byReadiness };
  }

  async get(principal: Principal, eventId: string, pointId: string): Promise<BridgePointView> {
    const event = await this.events.getInScope(principal, eventId);
    const row = await this.find(eventId, pointId);
    const [h] = await this.repo.headcounts([row.id]);
    return this.view(row, event, h ?? null, MANAGERS.includes(principal.role));
  }

  async timeline(principal: Principal, eventId: string, pointId: string): Promise<TimelineEntryView[]> {
    await this.events.getInScope(principal, eventId);
    await this.find(eventId, pointId);
    return (await this.repo.timeline(pointId)).map((c) => ({ kind: c.kind, from: c.fromValue, to: c.toValue, fault: c.fault, note: c.note, actor: c.actor, at: c.at }));
  }

  async headcountHistory(principal: Principal, eventId: string, pointId: string): Promise<HeadcountView[]> {
    await this.events.getInScope(principal, eventId);
    await this.find(eventId, pointId);
    return (await this.repo.headcounts([pointId], true)).map(headcountView);
  }

  async pointParticipants(principal: Principal, eventId: string, pointId: string): Promise<PointParticipantRow[]> {
    await this.events.getInScope(principal, eventId);
    await this.find(eventId, pointId);
    return this.repo.pointParticipants(pointId);
  }

  /** ParticipantSiteSource: whether a participant attends from a point, read in the statement that reads the participant. */
  hasSiteSql(participantId: string): string {
    return assignedSql(participantId);
  }

  /** ParticipantSiteSource: the point each participant attends from, with its join details (one query, for a participant at a point). */
  async sitesOf(participantIds: string[]): Promise<Map<string, ParticipantSite>> {
    const rows = await this.repo.sitesOf(participantIds);
    return new Map(rows.map((r) => [r.participantId, { pointId: r.id, ...siteOf(r) }]));
  }

  // ---- organizer writes --------------------------------------------------------------------

  async create(principal: Principal, eventId: string, dto: CreateBridgePointDto): Promise<BridgePointView> {
    const event = await this.openEvent(principal, eventId);
    await this.checkReferences(dto);
    const id = await this.uow.run(async () => {
      const [id] = await this.repo.insert([
        {
          ...fields(dto),
          eventId,
          isMain: dto.isMain ?? false,
          rehearsalAt: dto.rehearsalAt ?? defaultRehearsal(event.startsAt),
          position: dto.isMain ? 0 : await this.repo.nextPosition(eventId),
        },
      ]);
      await this.afterPointsChanged(event, [id]);
      return id;
    });
    return this.get(principal, eventId, id);
  }

  /** One point for every district-level unit directly under the organization ("all districts of Lào Cai" → 9 points); districts that have a point already are skipped. */
  async addDistricts(principal: Principal, eventId: string, dto: AddDistrictPointsDto): Promise<BridgePointListView> {
    const event = await this.openEvent(principal, eventId);
    const districts = (await this.organizations.subtree(principal, dto.organizationId)).filter((o) => o.kind === 'district' && o.parentId === dto.organizationId);
    if (districts.length === 0) {
      throw badRequest('The organization has no district-level units under it', [{ field: 'organizationId', message: 'has no districts' }], BridgePointsError.NoDistricts);
    }
    await this.uow.run(async () => {
      const have = new Set((await this.repo.points(eventId)).map((p) => p.hostOrganizationId));
      const first = await this.repo.nextPosition(eventId);
      const ids = await this.repo.insert(
        districts
          .filter((d) => !have.has(d.id))
          .map((d, i) => ({
            eventId,
            hostOrganizationId: d.id,
            roomName: dto.roomName ?? 'Phòng họp trực tuyến',
            videoProvider: dto.videoProvider,
            rehearsalAt: defaultRehearsal(event.startsAt),
            position: first + i,
          })),
      );
      await this.afterPointsChanged(event, ids);
    });
    return this.list(principal, eventId);
  }

  async update(principal: Principal, eventId: string, pointId: string, dto: UpdateBridgePointDto): Promise<BridgePointView> {
    const event = await this.openEvent(principal, eventId);
    await this.checkReferences(dto);
    await this.uow.run(async () => {
      const before = await this.lockPoint(eventId, pointId);
      const patch: Partial<BridgePoint> = fields(dto);
      if (dto.isMain !== undefined) patch.isMain = dto.isMain;
      if (dto.rehearsalAt !== undefined) patch.rehearsalAt = dto.rehearsalAt ?? defaultRehearsal(event.startsAt);
      const changed = (keys: (keyof BridgePointFieldsDto)[]) => keys.some((k) => dto[k] !== undefined && !same((before as never)[k], dto[k]));
      const retest = before.readiness !== 'untested' && changed(RETEST);
      if (retest) Object.assign(patch, { readiness: 'untested', fault: null });
      const shownBefore = await this.repo.point(pointId);
      await this.repo.update(pointId, patch);
      await this.repo.addChanges([
        ...(retest ? [{ bridgePointId: pointId, kind: 'reset' as const, fromValue: before.readiness, toValue: 'untested', note: 'room or video system changed', ...actorLabel(principal) }] : []),
        ...(dto.rehearsalAt !== undefined ? [{ bridgePointId: pointId, kind: 'rehearsal_time' as const, toValue: patch.rehearsalAt?.toISOString().slice(0, 16) ?? null, ...actorLabel(principal) }] : []),
      ]);
      await this.afterPointsChanged(event, [pointId]);
      if (changed(SHOWN) && shownBefore) {
        const assigned = await this.repo.pointParticipants(pointId);
        await this.participants.siteChanged(eventId, assigned.map((p) => ({ participantId: p.participantId, before: siteOf(shownBefore) })));
      }
    });
    return this.get(principal, eventId, pointId);
  }

  /** Removes a point; its participants attend from no point (each who had an invitation gets an update). */
  async remove(principal: Principal, eventId: string, pointId: string): Promise<void> {
    const event = await this.openEvent(principal, eventId);
    await this.uow.run(async () => {
      await this.lockPoint(eventId, pointId);
      const row = (await this.repo.point(pointId))!;
      const assigned = await this.repo.pointParticipants(pointId);
      await this.repo.delete(pointId);
      await this.participants.siteChanged(eventId, assigned.map((p) => ({ participantId: p.participantId, before: siteOf(row) })));
      await this.alerts.sync(event.id);
    });
  }

  /**
   * Participants (persons of the event) attend from this point; those who had another point move.
   * Each one whose point changed and who had an invitation gets an update of their own; nobody else.
   */
  async assign(principal: Principal, eventId: string, pointId: string, participantIds: string[]): Promise<{ assigned: number; moved: number; mailed: number }> {
    await this.openEvent(principal, eventId);
    const ids = [...new Set(participantIds)];
    return this.uow.run(async () => {
      await this.lockPoint(eventId, pointId);
      const found = await this.repo.activePersons(eventId, ids);
      const known = new Set(found.map((f) => f.id));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) {
        throw badRequest('Not active person participants of this event', missing.map((id) => ({ field: `participantIds.${ids.indexOf(id)}`, message: `${id} is not an active person participant of this event` })), BridgePointsError.NotAParticipant);
      }
      const moving = found.filter((f) => f.pointId !== pointId);
      const before = new Map<string, SiteView>();
      for (const from of new Set(moving.flatMap((m) => (m.pointId ? [m.pointId] : [])))) {
        const row = await this.repo.point(from);
        if (row) before.set(from, siteOf(row));
      }
      await this.repo.assign(eventId, pointId, moving.map((m) => m.id));
      const mailed = await this.participants.siteChanged(eventId, moving.map((m) => ({ participantId: m.id, before: m.pointId ? (before.get(m.pointId) ?? null) : null })));
      return { assigned: moving.length, moved: moving.filter((m) => m.pointId !== null).length, mailed };
    });
  }

  async unassign(principal: Principal, eventId: string, pointId: string, participantId: string): Promise<void> {
    await this.openEvent(principal, eventId);
    await this.uow.run(async () => {
      const row = await this.lockPoint(eventId, pointId);
      const current = await this.repo.pointOf([participantId]);
      if (current.get(participantId) !== row.id) throw notFound('Participant of this bridge point', participantId, BridgePointsError.NotOfThisPoint);
      const shown = (await this.repo.point(pointId))!;
      await this.repo.unassign([participantId]);
      await this.participants.siteChanged(eventId, [{ participantId, before: siteOf(shown) }]);
    });
  }

  // ---- readiness, live status, incidents, headcounts (organizer or coordinator) ------------

  async setReadiness(actor: PointActor, eventId: string, pointId: string, dto: ReadinessDto): Promise<void> {
    if ((dto.readiness === 'fault') !== (dto.fault !== undefined)) {
      throw badRequest('A fault needs its kind, and only a fault has one', [{ field: 'fault', message: dto.readiness === 'fault' ? 'is required with readiness fault' : 'is only for readiness fault' }], BridgePointsError.FaultRequired);
    }
    await this.uow.run(async () => {
      const point = await this.lockPoint(eventId, pointId);
      const action = (dto.readiness === 'fault' ? { to: 'fault', fault: dto.fault! } : { to: dto.readiness }) as ReadinessAction;
      const to = nextReadiness(point.readiness, action);
      if (!to) {
        throw conflict(`A point that is ${point.readiness} cannot become ${dto.readiness}`, [{ field: 'readiness', message: `is ${point.readiness}` }], BridgePointsError.IllegalReadiness);
      }
      await this.repo.update(pointId, { readiness: to, fault: to === 'fault' ? dto.fault! : null });
      await this.repo.addChanges([{ bridgePointId: pointId, kind: 'readiness', fromValue: point.readiness, toValue: to, fault: dto.fault ?? null, note: dto.note || null, ...actorLabel(actor) }]);
    });
  }

  async setLive(actor: PointActor, eventId: string, pointId: string, dto: LiveStatusDto): Promise<void> {
    await this.uow.run(async () => {
      const point = await this.lockPoint(eventId, pointId);
      await this.repo.update(pointId, { liveStatus: dto.status });
      await this.repo.addChanges([{ bridgePointId: pointId, kind: 'live', fromValue: point.liveStatus, toValue: dto.status, note: dto.note || null, ...actorLabel(actor) }]);
    });
  }

  async incident(actor: PointActor, eventId: string, pointId: string, dto: IncidentDto): Promise<void> {
    await this.uow.run(async () => {
      await this.lockPoint(eventId, pointId);
      await this.repo.addChanges([{ bridgePointId: pointId, kind: 'incident', fault: dto.fault ?? null, note: dto.note, ...actorLabel(actor) }]);
    });
  }

  /** A new headcount for the point: it replaces the previous one (kept as history), never adds to it. */
  async reportHeadcount(actor: PointActor, eventId: string, pointId: string, dto: HeadcountDto): Promise<HeadcountView> {
    const agencies = dto.agencies ?? [];
    const named = [...new Set(dto.participantIds ?? [])];
    const problems: ErrorDetail[] = [];
    const byAgency = agencies.reduce((n, a) => n + a.present, 0);
    if (byAgency > dto.present) problems.push({ field: 'agencies', message: `add up to ${byAgency}, more than the ${dto.present} present` });
    if (named.length > dto.present) problems.push({ field: 'participantIds', message: `${named.length} names ticked, more than the ${dto.present} present` });
    if ((dto.substitutes ?? 0) > dto.present) problems.push({ field: 'substitutes', message: `more than the ${dto.present} present` });
    const seen = new Set<string>();
    agencies.forEach((a, i) => {
      if (seen.has(a.organizationId)) problems.push({ field: `agencies.${i}.organizationId`, message: 'appears twice' });
      seen.add(a.organizationId);
    });
    if (problems.length) throw badRequest('The headcount does not add up', problems, BridgePointsError.HeadcountInconsistent);
    const names = await this.organizations.namesByIds([...seen]);
    const unknown = agencies.flatMap((a, i) => (names.has(a.organizationId) ? [] : [{ field: `agencies.${i}.organizationId`, message: 'no such organization' }]));
    if (unknown.length) throw badRequest('Unknown organizations in the headcount', unknown);
    const id = await this.uow.run(async () => {
      await this.lockPoint(eventId, pointId);
      if (named.length) {
        const ofPoint = new Set((await this.repo.pointParticipants(pointId)).map((p) => p.participantId));
        const stray = named.filter((n) => !ofPoint.has(n));
        if (stray.length) {
          throw badRequest('Names ticked that are not invitees of this point', stray.map((s) => ({ field: `participantIds.${named.indexOf(s)}`, message: `${s} is not assigned to this point` })), BridgePointsError.NotOfThisPoint);
        }
      }
      const headcountId = await this.repo.insertHeadcount({
        bridgePointId: pointId,
        present: dto.present,
        substitutes: dto.substitutes ?? 0,
        excused: dto.excused ?? 0,
        participantIds: named,
        note: dto.note || null,
        ...actorLabel(actor),
        agencies: agencies.map((a) => ({ organizationId: a.organizationId, present: a.present })),
      });
      if (named.length) for (const l of this.namedListeners) await l({ eventId, pointId, participantIds: named, actor });
      return headcountId;
    });
    const [h] = (await this.repo.headcounts([pointId], true)).filter((x) => x.id === id);
    return headcountView(h);
  }

  // ---- coordinator links -------------------------------------------------------------------

  /** The coordinator's page link for a point (`/bridge/{token}`): one per point, valid until a day after the event. */
  coordinatorUrl(pointId: string): string {
    return this.coordinatorMail.url(pointId);
  }

  /** Mails every point's technical contact its coordinator link, join details and rehearsal time. */
  async sendCoordinatorLinks(principal: Principal, eventId: string): Promise<{ queued: number; withoutContact: number }> {
    await this.openEvent(principal, eventId);
    return this.uow.run(() => this.coordinatorMail.enqueue(eventId, this.clock.now()));
  }

  /** The point a coordinator token opens: 401 forged, 403 another point's, 410 expired or cancelled. */
  async coordinatorPoint(token: string | undefined, pointId?: string): Promise<{ point: PointRow; event: Event }> {
    const id = token ? this.links.verify('bridge', token) : null;
    if (!id) throw new ApiError(401, 'No valid coordinator token', [{ field: 'token', message: 'is missing, malformed or forged' }], BridgePointsError.TokenInvalid);
    if (pointId && id !== pointId) throw new ApiError(403, "This coordinator link is for another point", [{ field: 'pointId', message: 'is not the point of this link' }], BridgePointsError.WrongPoint);
    const point = await this.repo.point(id);
    const [event] = point ? await this.events.findByIds([point.eventId]) : [];
    if (!point || !event) throw new ApiError(410, 'The bridge point no longer exists', [{ field: 'token', message: 'names a point that was removed' }], BridgePointsError.TokenExpired);
    if (event.status === 'cancelled' || this.clock.now().getTime() > event.endsAt.getTime() + LINK_GRACE_MS) {
      throw new ApiError(410, 'This coordinator link has expired', [{ field: 'token', message: event.status === 'cancelled' ? 'the event was cancelled' : 'expired a day after the event' }], BridgePointsError.TokenExpired);
    }
    return { point, event };
  }

  /** What the coordinator's page shows: the point with its passcode, the event, the invitees to tick, the current headcount and until when its link works. */
  async coordinatorView(token: string | undefined, pointId?: string) {
    const { point, event } = await this.coordinatorPoint(token, pointId);
    const [headcount] = await this.repo.headcounts([point.id]);
    const [eventView] = await this.events.viewsByIds([event.id]);
    const hostName = (await this.organizations.namesByIds([event.hostOrganizationId])).get(event.hostOrganizationId) ?? '';
    const validUntil = new Date(event.endsAt.getTime() + LINK_GRACE_MS);
    return { point: this.view(point, event, headcount ?? null, true), event: eventView, hostName, participants: await this.repo.pointParticipants(point.id), validUntil };
  }

  // ---- rules -------------------------------------------------------------------------------

  /**
   * Refuses (409, naming the other event) a room of an organization or an MCU meeting that another
   * published event uses at an overlapping time. Run before publishing and sending invitations
   * (EventHooks), when a published event moves, and when a published event's points change.
   */
  async assertNoClash(eventId: string, pointIds?: string[]): Promise<void> {
    const clashes = await this.repo.clashes(eventId, pointIds);
    if (clashes.length === 0) return;
    const others = new Map((await this.events.viewsByIds([...new Set(clashes.map((c) => c.otherEventId))])).map((e) => [e.id, e]));
    const details = clashes.map((c) => {
      const other = others.get(c.otherEventId);
      const what = c.reason === 'room' ? `room "${c.roomName}"` : 'MCU meeting id';
      return { field: `bridgePoints.${c.pointId}`, message: `${what} is used by "${other?.title ?? c.otherEventId}" (${c.otherEventId}, ${other?.startsAtLocal ?? ''}) at an overlapping time` };
    });
    throw conflict(`A bridge point clashes with another event: ${details[0].message}`, details, BridgePointsError.Clash);
  }

  private async afterPointsChanged(event: Event, pointIds: string[]): Promise<void> {
    if (event.status === 'scheduled' || event.status === 'in_progress') await this.assertNoClash(event.id, pointIds);
    await this.alerts.sync(event.id);
  }

  /** The event, in scope, online or hybrid, and still open for changes of its points. */
  private async openEvent(principal: Principal, eventId: string): Promise<Event> {
    const event = await this.events.getInScope(principal, eventId);
    if (event.format === 'in_person') {
      throw conflict('Bridge points are for online and hybrid events', [{ field: 'format', message: 'is in_person' }], BridgePointsError.NotOnline);
    }
    if (event.status === 'cancelled' || event.status === 'completed') {
      throw conflict(`The event is ${event.status}; its bridge points no longer change`, [{ field: 'status', message: `is ${event.status}` }], BridgePointsError.EventClosed);
    }
    return event;
  }

  private async find(eventId: string, pointId: string): Promise<PointRow> {
    const row = await this.repo.point(pointId);
    if (!row || row.eventId !== eventId) throw notFound('Bridge point', pointId, BridgePointsError.NotFound);
    return row;
  }

  private async lockPoint(eventId: string, pointId: string): Promise<BridgePoint> {
    const row = await this.repo.lock(pointId);
    if (!row || row.eventId !== eventId) throw notFound('Bridge point', pointId, BridgePointsError.NotFound);
    return row;
  }

  private async checkReferences(dto: BridgePointFieldsDto): Promise<void> {
    if (dto.hostOrganizationId) {
      const names = await this.organizations.namesByIds([dto.hostOrganizationId]);
      if (!names.has(dto.hostOrganizationId)) throw badRequest('No such organization', [{ field: 'hostOrganizationId', message: 'no such organization' }]);
    }
    if (dto.contactPersonId && !(await this.people.existingIds([dto.contactPersonId])).has(dto.contactPersonId)) {
      throw badRequest('No such person', [{ field: 'contactPersonId', message: 'no such person' }], BridgePointsError.ContactNotFound);
    }
  }

  private view(r: PointRow, event: Event, h: HeadcountRow | null, secrets: boolean): BridgePointView {
    return {
      id: r.id,
      eventId: r.eventId,
      isMain: r.isMain,
      hostOrganizationId: r.hostOrganizationId,
      hostOrganizationName: r.hostOrganizationName,
      roomName: r.roomName,
      address: r.address,
      contactPersonId: r.contactPersonId,
      contactName: r.contactName,
      expectedAttendance: r.expectedAttendance,
      videoProvider: r.videoProvider,
      joinUrl: r.joinUrl,
      dialString: r.dialString,
      meetingId: r.meetingId,
      ...(secrets ? { passcode: r.passcode } : {}),
      readiness: r.readiness,
      fault: r.fault,
      rehearsalAt: r.rehearsalAt,
      liveStatus: r.liveStatus,
      flagged: (event.status === 'scheduled' || event.status === 'in_progress') && flagged(r.readiness, event.startsAt, this.clock.now()),
      participantCount: r.participantCount,
      headcount: h ? headcountView(h) : null,
      ...(secrets ? { coordinatorUrl: this.coordinatorUrl(r.id) } : {}),
    };
  }
}

function fields(dto: BridgePointFieldsDto): Partial<BridgePoint> {
  const out: Record<string, unknown> = {};
  for (const k of ['hostOrganizationId', 'roomName', 'address', 'contactPersonId', 'expectedAttendance', 'videoProvider', 'joinUrl', 'dialString', 'meetingId', 'passcode'] as const) {
    if (dto[k] !== undefined) out[k] = dto[k];
  }
  return out as Partial<BridgePoint>;
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** The point as a participant's invitation shows it. */
export function siteOf(r: Pick<PointRow, 'roomName' | 'hostOrganizationName' | 'address' | 'joinUrl' | 'dialString' | 'meetingId' | 'passcode'>): SiteView {
  return { name: `${r.roomName} – ${r.hostOrganizationName}`, address: r.address, joinUrl: r.joinUrl, dialString: r.dialString, meetingId: r.meetingId, passcode: r.passcode };
}

function headcountView(h: HeadcountRow): HeadcountView {
  return { id: h.id, present: h.present, substitutes: h.substitutes, excused: h.excused, agencies: h.agencies, participantIds: h.participantIds, note: h.note, actor: h.actor, reportedAt: h.reportedAt };
}

const actorLabel = (a: PointActor) => ({ actorUserId: a.userId === 'system' ? null : a.userId, actor: a.email.slice(0, 254) });
