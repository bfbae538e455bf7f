import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { isReadOnly, type Principal } from '../common/auth/principal';
import { ApiError, badRequest, type ErrorDetail, forbidden, notFound } from '../common/errors/api-error';
import type { Page } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import type { AppConfig } from '../config/env';
import { AuditService } from '../events/audit.service';
import type { EventView } from '../events/dto/event.dto';
import { EventsService } from '../events/events.service';
import { ParticipantsService } from '../invitations/participants/participants.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PeopleService } from '../people/people.service';
import { AttendanceError } from './attendance.errors';
import { AttendanceHooks } from './attendance-hooks';
import type { AttendanceMethod, AttendanceStatus } from './attendance-record.entity';
import { AttendanceRepository, type RecordInput, type RosterRow } from './attendance.repository';
import { DEFAULT_WINDOW, hallCode, intervalOf, isLocked, windowOf } from './checkin-rules';
import type { OpenWindowDto, RefusalsQuery, RosterEntryDto, WalkInDto } from './dto/attendance.dto';

/** A session's roster: every person on the list with their attendance row (null: not recorded yet). */
export interface RosterView {
  eventId: string;
  sessionId: string;
  locked: boolean;
  items: (Omit<RosterRow, 'status' | 'substituteParticipantId' | 'method' | 'recordedBy' | 'scannedAt' | 'recordedAt' | 'offline' | 'note'> & {
    attendance: Pick<RosterRow, 'status' | 'substituteParticipantId' | 'method' | 'recordedBy' | 'scannedAt' | 'recordedAt' | 'offline' | 'note'> | null;
  })[];
}

type Before = Awaited<ReturnType<AttendanceRepository['lockRecords']>>[number];

/**
 * The organizer's side of attendance: rosters (read and bulk write), check-in windows and the hall
 * code, walk-ins, the refusal log, and the lock. Writes run in one unit of work with their audit.
 */
@Injectable()
export class RosterService {
  private readonly lockDays: number;

  constructor(
    private readonly repo: AttendanceRepository,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly participants: ParticipantsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hooks: AttendanceHooks,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.lockDays = config.get('attendanceLockDays', { infer: true });
  }

  /** The event (in the caller's scope) and one of its sessions; 404 `attendance.session_not_found` for a session of another event. */
  async eventAndSession(principal: Principal, eventId: string, sessionId: string): Promise<{ event: EventView; session: NonNullable<EventView['sessions']>[number] }> {
    const event = await this.events.get(principal, eventId);
    const session = event.sessions?.find((s) => s.id === sessionId);
    if (!session) throw notFound('Session of this event', sessionId, AttendanceError.SessionNotFound);
    return { event, session };
  }

  locked(event: Pick<EventView, 'status' | 'endsAt'>): boolean {
    return isLocked(event, this.lockDays, this.clock.now());
  }

  async roster(principal: Principal, eventId: string, sessionId: string): Promise<RosterView> {
    const { event } = await this.eventAndSession(principal, eventId, sessionId);
    const rows = await this.repo.roster(eventId, sessionId);
    return {
      eventId,
      sessionId,
      locked: this.locked(event),
      items: rows.map(({ status, substituteParticipantId, method, recordedBy, scannedAt, recordedAt, offline, note, ...who }) => ({
        ...who,
        attendance: status ? { status, substituteParticipantId, method, recordedBy, scannedAt, recordedAt, offline, note } : null,
      })),
    };
  }

  /**
   * Writes a session's roster: each entry replaces that participant's row. All or nothing; entries
   * naming no person on the event's list, or an impossible substitute, reject the request naming
   * each. Once attendance is locked only an admin may write, and every changed row is audited with
   * its before and after; before that one audit entry records the write.
   */
  async write(principal: Principal, eventId: string, sessionId: string, entries: RosterEntryDto[], method: AttendanceMethod = 'manual'): Promise<RosterView> {
    // A trainer marks only the events they teach (a trainer on the event's list: the same test as the QR scan's).
    if (principal.role === 'trainer' && !(await this.repo.isEventTrainer(eventId, principal.email))) throw forbidden('Only the trainers of this event (and its organizers) may mark it');
    const { event } = await this.eventAndSession(principal, eventId, sessionId);
    if (event.status === 'draft' || event.status === 'cancelled') throw new ApiError(409, `The event is ${event.status}`, [{ field: 'status', message: `is ${event.status}` }], AttendanceError.EventNotOpen);
    const locked = this.locked(event);
    if (locked && principal.role !== 'admin') {
      throw new ApiError(409, 'Attendance of this event is locked; corrections need an administrator', [{ field: 'eventId', message: `locked ${this.lockDays} days after the event` }], AttendanceError.Locked);
    }
    const ids = [...new Set(entries.flatMap((e) => [e.participantId, ...(e.substituteParticipantId ? [e.substituteParticipantId] : [])]))];
    const known = new Map((await this.repo.participantsOf(eventId, ids)).map((p) => [p.id, p]));
    const problems: ErrorDetail[] = [];
    const seen = new Map<string, number>();
    entries.forEach((e, i) => {
      const p = known.get(e.participantId);
      if (!p || p.kind !== 'person') problems.push({ field: `records.${i}.participantId`, message: 'is not a person on this event’s list' });
      if (seen.has(e.participantId)) problems.push({ field: `records.${i}.participantId`, message: `appears again (first at records.${seen.get(e.participantId)})` });
      seen.set(e.participantId, i);
      if (e.status !== 'substitute' && e.substituteParticipantId) problems.push({ field: `records.${i}.substituteParticipantId`, message: 'is only for status substitute' });
      if (e.substituteParticipantId && (!known.get(e.substituteParticipantId) || e.substituteParticipantId === e.participantId)) {
        problems.push({ field: `records.${i}.substituteParticipantId`, message: 'must be another person on this event’s list' });
      }
    });
    if (problems.length) throw badRequest('Invalid roster entries', problems, AttendanceError.InvalidRecords);
    const now = this.clock.now();
    await this.uow.run(async () => {
      const before = new Map((await this.repo.lockRecords(sessionId, entries.map((e) => e.participantId))).map((r) => [r.participantId, r]));
      const rows: RecordInput[] = entries.map((e) => ({
        eventId, sessionId, participantId: e.participantId, status: e.status, substituteParticipantId: e.substituteParticipantId ?? null, method: e.method ?? method,
        recordedByUserId: principal.userId === 'system' ? null : principal.userId, recordedBy: principal.email, scannedAt: e.scannedAt ?? null, recordedAt: now,
        offline: e.offline ?? false, nonce: null, note: e.note ?? null,
      }));
      const changed = rows.filter((r) => differs(before.get(r.participantId), r));
      await this.repo.upsertMany(changed);
      if (changed.length === 0) return;
      // Completion on save (training): listeners recompute in this same transaction.
      await this.hooks.recorded(eventId, changed.map((r) => r.participantId));
      if (locked) {
        for (const r of changed) {
          const b = before.get(r.participantId);
          await this.audit.record(principal, {
            entityType: 'participant', entityId: r.participantId, eventId, action: 'attendance_corrected',
            changes: { sessionId, before: b ? shown(b) : null, after: shown(r) },
          });
        }
      } else {
        await this.audit.record(principal, { entityType: 'event', entityId: eventId, eventId, action: 'attendance_recorded', changes: { sessionId, written: changed.length } });
      }
    });
    return this.roster(principal, eventId, sessionId);
  }

  /** Opens (or changes) a session's self check-in window. */
  async openWindow(principal: Principal, eventId: string, dto: OpenWindowDto) {
    const { event, session } = await this.eventAndSession(principal, eventId, dto.sessionId);
    if (event.status === 'draft' || event.status === 'cancelled') throw new ApiError(409, `The event is ${event.status}`, [{ field: 'status', message: `is ${event.status}` }], AttendanceError.EventNotOpen);
    const w = { ...DEFAULT_WINDOW, ...Object.fromEntries(Object.entries(dto).filter(([k, v]) => k !== 'sessionId' && v !== undefined)) };
    await this.uow.run(async () => {
      await this.repo.upsertWindow({ sessionId: session.id, eventId, ...w, openedBy: principal.email, openedAt: this.clock.now(), codeSecret: randomBytes(16).toString('hex') });
      await this.audit.record(principal, { entityType: 'event', entityId: eventId, eventId, action: 'checkin_window_opened', changes: { sessionId: session.id, ...w } });
    });
    return { sessionId: session.id, ...w, ...windowOf({ startsAt: new Date(session.startsAt) }, w) };
  }

  /**
   * The hall screen's code now: the organizers' and the event's trainers' to show. Judged on server
   * time; the code of the previous interval is still accepted.
   */
  async hallCode(principal: Principal, eventId: string, sessionId: string) {
    if (isReadOnly(principal.role)) throw forbidden();
    await this.eventAndSession(principal, eventId, sessionId);
    const w = await this.repo.window(sessionId);
    if (!w) throw new ApiError(409, 'The check-in window of this session is not open', [{ field: 'sessionId', message: 'open the window first' }], AttendanceError.OutsideWindow);
    const nowMs = this.clock.nowMs();
    const k = intervalOf(nowMs, w.rotateSeconds);
    return { sessionId, code: hallCode(w.codeSecret, k), validUntil: new Date((k + 1) * w.rotateSeconds * 1000), rotateSeconds: w.rotateSeconds };
  }

  /**
   * Someone at the door who is not on the list: found (by id, or by e-mail) or created as a person,
   * added as a participant (nothing is mailed: they are here), and marked present.
   */
  async walkIn(principal: Principal, eventId: string, dto: WalkInDto) {
    const { event } = await this.eventAndSession(principal, eventId, dto.sessionId);
    if (this.locked(event) && principal.role !== 'admin') throw new ApiError(409, 'Attendance of this event is locked', [{ field: 'eventId', message: 'locked' }], AttendanceError.Locked);
    let personId = dto.personId;
    if (personId) {
      if (!(await this.people.byIds([personId])).has(personId)) throw badRequest('Unknown person', [{ field: 'personId', message: `person ${personId} does not exist` }], AttendanceError.InvalidRecords);
    } else {
      const p = dto.person!;
      // A new person lands in the caller's scope (403 otherwise); an address already known is that person.
      await this.organizations.getInScope(principal, p.organizationId);
      personId = p.email ? (await this.people.findOrCreateByEmail({ ...p, email: p.email })).id : (await this.people.create(principal, p)).id;
    }
    const participantId = await this.uow.run(async () => {
      const ids = await this.participants.addAttendees(principal, eventId, [{ personId: personId!, role: dto.role ?? 'guest' }]);
      return ids.get(personId!)!;
    });
    await this.write(principal, eventId, dto.sessionId, [{ participantId, status: 'present' } as RosterEntryDto]);
    return { participantId, personId, sessionId: dto.sessionId, status: 'present' as AttendanceStatus };
  }

  async refusals(principal: Principal, eventId: string, q: RefusalsQuery): Promise<Page<Record<string, unknown>>> {
    await this.events.getInScope(principal, eventId);
    const { items, total } = await this.repo.refusals(eventId, q.sessionId, q.limit, q.offset);
    return { items, total, limit: q.limit, offset: q.offset, hasMore: q.offset + items.length < total };
  }

  /**
   * SEAM (bridge points, method `site_report`): the names a point's coordinator ticked, written like a
   * roster. The bridge-points module calls this after checking its own link and that every participant
   * is assigned to `pointId`; the actor is the coordinator's link.
   */
  async recordSiteReport(actor: Principal, eventId: string, sessionId: string, entries: RosterEntryDto[]): Promise<RosterView> {
    return this.write(actor, eventId, sessionId, entries, 'site_report');
  }
}

/** Whether a roster entry changes the row that is there. */
function differs(b: Before | undefined, r: RecordInput): boolean {
  if (!b) return true;
  const t = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);
  return b.status !== r.status || b.substituteParticipantId !== (r.substituteParticipantId ?? null) || b.method !== r.method || t(b.scannedAt) !== t(r.scannedAt) || b.offline !== r.offline || b.note !== (r.note ?? null);
}

/** A row as the audit trail shows it. */
function shown(r: { status: AttendanceStatus; substituteParticipantId?: string | null; method: AttendanceMethod; scannedAt: Date | null; offline: boolean; note?: string | null }) {
  return { status: r.status, substituteParticipantId: r.substituteParticipantId ?? null, method: r.method, scannedAt: r.scannedAt, offline: r.offline, note: r.note ?? null };
}
