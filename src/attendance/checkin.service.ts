import { Inject, Injectable, Optional } from '@nestjs/common';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { AttendanceHooks } from './attendance-hooks';
import { ApiError, forbidden, notFound } from '../common/errors/api-error';
import { Clock } from '../common/time/clock';
import { formatLocal } from '../common/time/time';
import { EventsService } from '../events/events.service';
import { InvitationLinks } from '../invitations/public/links';
import { AttendanceError } from './attendance.errors';
import type { AttendanceMethod, AttendanceStatus, RefusalReason } from './attendance-record.entity';
import { AttendanceRepository, type CheckInRow, type RecordedRow } from './attendance.repository';
import { arrivalStatus, currentSession, DEFAULT_WINDOW, refusalOf, type SessionSlot, type WindowRule } from './checkin-rules';
import type { CodeCheckInDto, QrCheckInDto } from './dto/attendance.dto';
import { ATTENDANCE_POINTS, type AttendancePoints, type Scanner } from './points.seam';

/** The answer of a check-in: written now (`checked_in`, 201) or a replay of one already written (`already_checked_in`, 200, the original time). */
export interface CheckInResult {
  result: 'checked_in' | 'already_checked_in';
  participantId: string;
  eventId: string;
  sessionId: string;
  status: AttendanceStatus;
  method: AttendanceMethod;
  /** The server's time of the check-in (the original one for a replay). */
  checkedInAt: Date;
  scannedAt: Date | null;
}

/** HTTP status and code of each refusal (issue 16 item 11). */
const REFUSALS: Record<RefusalReason, { status: number; code: AttendanceError; message: string; field: string }> = {
  not_invited: { status: 403, code: AttendanceError.NotInvited, message: 'Not invited to this event', field: 'token' },
  wrong_session: { status: 409, code: AttendanceError.WrongSession, message: 'This check-in is for another event or session', field: 'sessionId' },
  outside_window: { status: 409, code: AttendanceError.OutsideWindow, message: 'Check-in is not open now', field: 'sessionId' },
  already_checked_in: { status: 409, code: AttendanceError.AlreadyCheckedIn, message: 'Already checked in', field: 'checkedInAt' },
  token_expired: { status: 410, code: AttendanceError.TokenExpired, message: 'The event of this link has ended or was cancelled', field: 'token' },
  bad_code: { status: 400, code: AttendanceError.BadCode, message: 'Wrong code', field: 'code' },
  throttled: { status: 429, code: AttendanceError.Throttled, message: 'Too many wrong codes; try again in a few minutes', field: 'code' },
};

/** The refusal as an error in the house shape; `already_checked_in` names the original time. */
export function refusalError(reason: RefusalReason, original?: Date): ApiError {
  const r = REFUSALS[reason];
  const message = original ? `${r.message} at ${formatLocal(original)}` : r.message;
  return new ApiError(r.status, message, [{ field: r.field, message: original ? original.toISOString() : reason }], r.code);
}

/** The reason of an error thrown by refusalError (pages word it). */
export function refusalReasonOf(e: unknown): RefusalReason | null {
  const code = e instanceof ApiError ? e.code : undefined;
  const hit = (Object.entries(REFUSALS) as [RefusalReason, (typeof REFUSALS)[RefusalReason]][]).find(([, r]) => r.code === code);
  return hit ? hit[0] : null;
}

const slot = (r: CheckInRow): SessionSlot => ({ id: r.sessionId!, startsAt: new Date(r.startsAt!), endsAt: new Date(r.endsAt!) });
const windowRule = (r: CheckInRow): WindowRule | null =>
  r.opensBeforeMinutes === null ? null : { opensBeforeMinutes: r.opensBeforeMinutes, closesAfterMinutes: r.closesAfterMinutes!, lateAfterMinutes: r.lateAfterMinutes!, rotateSeconds: r.rotateSeconds! };

/**
 * Check-ins (điểm danh): by the hall code on the participant's RSVP page, and by the personal QR
 * code an organizer scans. Each is one read (CheckInRow per session) and one write; a refusal is
 * answered with its reason and logged in attendance_refusals — never a 2xx without a row.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly links: InvitationLinks,
    private readonly events: EventsService,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly hooks: AttendanceHooks,
    @Optional() @Inject(ATTENDANCE_POINTS) private readonly points?: AttendancePoints,
  ) {}

  /**
   * Self check-in with the RSVP link (`token`) and the hall code: one statement judges and writes
   * (AttendanceRepository.codeCheckIn); when it wrote nothing, refusalOf says why from what it read
   * — or, when nothing stands in the way (a concurrent request of the same participant took the
   * row first), the plain write settles it: the row that is there answers.
   */
  async checkInByCode(token: string, dto: CodeCheckInDto): Promise<CheckInResult> {
    const participantId = this.links.verify('rsvp', token);
    const now = this.clock.now();
    const input = { participantId: participantId!, now, code: dto.code, sessionId: dto.sessionId ?? null, scannedAt: dto.scannedAt ?? null, offline: dto.offline ?? false, nonce: dto.nonce };
    const rows = participantId ? await this.codeCheckInAndNotify(input) : [];
    if (!participantId || rows.length === 0) throw notFound('Invitation link (unknown or expired)');
    const head = rows[0];
    const written = head.written;
    if (written) {
      const { sessionId, status, recordedAt, scannedAt } = written;
      return { result: 'checked_in', participantId, eventId: head.eventId, sessionId, status, method: 'code', checkedInAt: new Date(recordedAt), scannedAt: scannedAt ? new Date(scannedAt) : null };
    }
    const sessions = rows.filter((r) => r.sessionId !== null);
    const asked = dto.sessionId ? sessions.find((r) => r.sessionId === dto.sessionId) : undefined;
    // The session: the one asked for; else the one whose window is open now (as the statement chose); else the current one (for the refusal's log).
    const row = dto.sessionId ? asked : (sessions.find((r) => r.inWindow) ?? sessions.find((r) => r.sessionId === currentSession(sessions.map(slot), now)?.id));
    const session = row ? slot(row) : null;
    const window = row ? windowRule(row) : null;
    const actor = `participant:${participantId}`;
    const refuse = (r: RefusalReason, original?: Date) => this.refuse(head.eventId, session?.id ?? dto.sessionId ?? null, participantId, r, 'code', actor, dto.nonce, now, original);
    // The same request again (same nonce): the original answer, whatever the code's age now.
    if (row?.attStatus && row.attStatus !== 'absent' && row.attNonce === dto.nonce) return this.replay(row, participantId, head.eventId, 'code');
    const reason = refusalOf(
      {
        participantStatus: head.participantStatus, participantKind: head.kind, eventStatus: head.eventStatus, eventEndsAt: new Date(head.eventEndsAt),
        session, foreignSession: !!dto.sessionId && !asked, window, recentBadCodes: head.badCodes,
        existing: row?.attStatus ? { status: row.attStatus, nonce: row.attNonce } : null,
        codeOk: row?.codeOk === true,
      },
      now,
    );
    if (reason) return refuse(reason, reason === 'already_checked_in' ? new Date(row!.attRecordedAt!) : undefined);
    const again = await this.recordAndNotify({
      eventId: head.eventId, sessionId: session!.id, participantId, status: arrivalStatus(session!, window!.lateAfterMinutes, now), method: 'code',
      recordedByUserId: null, recordedBy: actor, scannedAt: dto.scannedAt ?? null, recordedAt: now, offline: dto.offline ?? false, nonce: dto.nonce,
    });
    return this.settle(again, dto.nonce, participantId, head.eventId, session!.id, refuse);
  }

  /**
   * A personal QR code (`/checkin/<token>`) scanned by someone allowed to check people in: an admin,
   * an organizer whose scope holds the event, a trainer of that event, or (seam) the coordinator of
   * the participant's bridge point. Marks the current session (at `scannedAt` for an offline upload).
   */
  async checkInByQr(scanner: Scanner, token: string, dto: QrCheckInDto): Promise<CheckInResult> {
    const participantId = this.links.verify('checkin', token);
    const now = this.clock.now();
    const rows = participantId ? await this.repo.checkInContext(participantId, now) : [];
    if (!participantId || rows.length === 0) throw notFound('Check-in code (unknown)');
    const head = rows[0];
    await this.authorize(scanner, head.eventId, participantId);
    const actor = scanner.kind === 'user' ? scanner.principal.email : `coordinator:${scanner.pointId}`;
    const at = dto.offline && dto.scannedAt ? dto.scannedAt : now;
    const sessions = rows.filter((r) => r.sessionId !== null);
    const asked = dto.sessionId ? sessions.find((r) => r.sessionId === dto.sessionId) : undefined;
    const current = dto.sessionId ? asked : sessions.find((r) => r.sessionId === currentSession(sessions.map(slot), at, windowRule(r)?.opensBeforeMinutes ?? DEFAULT_WINDOW.opensBeforeMinutes)?.id);
    const refuse = (r: RefusalReason, original?: Date) => this.refuse(head.eventId, current?.sessionId ?? dto.sessionId ?? null, participantId, r, 'qr', actor, dto.nonce, now, original);
    if (head.participantStatus === 'removed' || head.kind !== 'person') return refuse('not_invited');
    if (head.eventStatus === 'cancelled' || head.eventStatus === 'draft' || at.getTime() > new Date(head.eventEndsAt).getTime()) return refuse('token_expired');
    if ((dto.eventId && dto.eventId !== head.eventId) || (dto.sessionId && !asked)) return refuse('wrong_session');
    if (!current) return refuse('outside_window');
    if (current.attStatus && current.attStatus !== 'absent') {
      return current.attNonce === dto.nonce ? this.replay(current, participantId, head.eventId, 'qr') : refuse('already_checked_in', new Date(current.attRecordedAt!));
    }
    const session = slot(current);
    const written = await this.recordAndNotify({
      eventId: head.eventId, sessionId: session.id, participantId, status: arrivalStatus(session, windowRule(current)?.lateAfterMinutes ?? DEFAULT_WINDOW.lateAfterMinutes, at), method: 'qr',
      recordedByUserId: scanner.kind === 'user' ? scanner.principal.userId : null, recordedBy: actor, scannedAt: dto.scannedAt ?? null, recordedAt: now, offline: dto.offline ?? false, nonce: dto.nonce,
    });
    return this.settle(written, dto.nonce, participantId, head.eventId, session.id, refuse);
  }

  /**
   * The hall-code statement, alone on the pool: one round trip for a conference's delegate. For a
   * participant attendance's listeners care about (a trainee: completion, certificate) the statement
   * writes nothing and says `hooked`; it runs again inside a unit of work with the listeners, so the
   * mark and what follows from it commit together or not at all.
   */
  private async codeCheckInAndNotify(input: Omit<Parameters<AttendanceRepository['codeCheckIn']>[0], 'withListeners'>): Promise<CheckInRow[]> {
    const rows = await this.repo.codeCheckIn({ ...input, withListeners: false });
    if (!rows[0]?.hooked) return rows;
    return this.uow.run(async () => {
      const again = await this.repo.codeCheckIn({ ...input, withListeners: true });
      if (again[0]?.written) await this.hooks.recorded(again[0].eventId, [input.participantId]);
      return again;
    });
  }

  /** Writes a check-in; when it wrote a row, attendance's listeners run in the same transaction. */
  private recordAndNotify(r: Parameters<AttendanceRepository['checkIn']>[0]): Promise<RecordedRow> {
    if (!this.hooks.any) return this.repo.checkIn(r);
    return this.uow.run(async () => {
      const row = await this.repo.checkIn(r);
      if (row.written) await this.hooks.recorded(r.eventId, [r.participantId]);
      return row;
    });
  }

  /** Whether the scanner may check this participant in (403 otherwise: not a check-in refusal, nothing to log). */
  private async authorize(scanner: Scanner, eventId: string, participantId: string): Promise<void> {
    if (scanner.kind === 'coordinator') {
      // SEAM (bridge points): a coordinator scans only the participants of their own point.
      if (!this.points || (await this.points.pointOf(participantId)) !== scanner.pointId) throw forbidden('Not a participant of your bridge point');
      return;
    }
    const p = scanner.principal;
    if (p.role === 'admin' || p.role === 'organizer') {
      await this.events.getInScope(p, eventId);
      return;
    }
    if (p.role === 'trainer' && (await this.repo.isEventTrainer(eventId, p.email))) return;
    throw forbidden('Only the organizers and trainers of this event may check people in');
  }

  /** After the write: the row written, a replay of the same request (same nonce), or someone else's check-in first. */
  private settle(row: RecordedRow, nonce: string, participantId: string, eventId: string, sessionId: string, refuse: (r: RefusalReason, original?: Date) => Promise<never>): Promise<CheckInResult> | CheckInResult {
    const result = { participantId, eventId, sessionId, status: row.status, method: row.method, checkedInAt: new Date(row.recordedAt), scannedAt: row.scannedAt };
    if (row.written) return { result: 'checked_in', ...result };
    if (row.nonce === nonce) return { result: 'already_checked_in', ...result };
    return refuse('already_checked_in', new Date(row.recordedAt));
  }

  private replay(row: CheckInRow, participantId: string, eventId: string, method: AttendanceMethod): CheckInResult {
    return { result: 'already_checked_in', participantId, eventId, sessionId: row.sessionId!, status: row.attStatus!, method, checkedInAt: new Date(row.attRecordedAt!), scannedAt: null };
  }

  /** Logs the refusal (its own statement: it stays whatever happens next) and throws it. */
  private async refuse(eventId: string, sessionId: string | null, participantId: string, reason: RefusalReason, method: AttendanceMethod, actor: string, nonce: string, at: Date, original?: Date): Promise<never> {
    await this.repo.logRefusal({ eventId, sessionId, participantId, reason, method, actor, nonce, at, detail: original ? { checkedInAt: original.toISOString() } : {} });
    throw refusalError(reason, original);
  }
}
