import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AttendanceHooks } from './attendance-hooks';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { EVENT_SESSIONS_SQL, EVENT_VERSIONS_SQL } from '../events/events.read-model';
import { PARTICIPANTS_SQL } from '../invitations/invitations.read-model';
import { ORGANIZATION_NAMES_SQL } from '../organizations/organizations.read-model';
import { PERSON_CONTACTS_SQL, PERSON_PROFILES_SQL } from '../people/people.read-model';
import type { AttendanceMethod, AttendanceStatus, RefusalReason } from './attendance-record.entity';
import { HALL_CODE_SQL, INTERVAL_SQL, THROTTLE } from './checkin-rules';

/** One session of the participant's event as a check-in reads it, with the session's window and the row already recorded. */
export interface CheckInRow {
  /** From the one-statement code check-in only: the hall code matched this session's window, and whether the window is open. */
  codeOk?: boolean;
  inWindow?: boolean;
  /** The row the one-statement code check-in wrote (on the first context row), or null. */
  written?: (Omit<RecordedRow, 'written' | 'recordedAt'> & { sessionId: string; recordedAt: string }) | null;
  eventId: string;
  kind: 'person' | 'agency';
  participantStatus: string;
  eventStatus: string;
  eventEndsAt: Date;
  sessionId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  opensBeforeMinutes: number | null;
  closesAfterMinutes: number | null;
  lateAfterMinutes: number | null;
  rotateSeconds: number | null;
  attStatus: AttendanceStatus | null;
  attNonce: string | null;
  attRecordedAt: Date | null;
  badCodes: number;
}

/** A row to write for a check-in or a roster entry. */
export interface RecordInput {
  eventId: string;
  sessionId: string;
  participantId: string;
  status: AttendanceStatus;
  substituteParticipantId?: string | null;
  method: AttendanceMethod;
  recordedByUserId: string | null;
  recordedBy: string;
  scannedAt: Date | null;
  recordedAt: Date;
  offline: boolean;
  nonce: string | null;
  note?: string | null;
}

/** The row a check-in found or wrote. */
export interface RecordedRow {
  id: string;
  status: AttendanceStatus;
  nonce: string | null;
  recordedAt: Date;
  scannedAt: Date | null;
  method: AttendanceMethod;
  written: boolean;
}

export interface RosterRow {
  participantId: string;
  personId: string;
  fullName: string;
  title: string | null;
  organizationId: string | null;
  organizationName: string | null;
  role: string;
  invitationStatus: string;
  status: AttendanceStatus | null;
  substituteParticipantId: string | null;
  method: AttendanceMethod | null;
  recordedBy: string | null;
  scannedAt: Date | null;
  recordedAt: Date | null;
  offline: boolean | null;
  note: string | null;
}

const K = INTERVAL_SQL('$2::timestamptz', 'w.rotate_seconds');
/**
 * AttendanceRepository.codeCheckIn's statement ($1 participant, $2 now, $3 code, $4 session or null,
 * $5 scanned at, $6 offline, $7 nonce, $8 whether the listeners' work runs in this statement's transaction);
 * `hooked` (SQL over the participant row) says whether AttendanceHooks' listeners have work for this
 * participant: such a row is written only when $8 is true, so that its consequences (training's
 * completion) commit with it — the caller runs the statement again inside a unit of work.
 */
const CODE_CHECK_IN_SQL = (hooked: string) => `WITH ctx AS (
         SELECT p.id AS pid, p.event_id AS "eventId", p.kind, p.status AS "participantStatus", e.status AS "eventStatus", e.ends_at AS "eventEndsAt",
                s.id AS "sessionId", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
                w.opens_before_minutes AS "opensBeforeMinutes", w.closes_after_minutes AS "closesAfterMinutes",
                w.late_after_minutes AS "lateAfterMinutes", w.rotate_seconds AS "rotateSeconds",
                a.status AS "attStatus", a.nonce AS "attNonce", a.recorded_at AS "attRecordedAt",
                (SELECT count(*)::int FROM attendance_refusals r
                  WHERE r.participant_id = p.id AND r.reason = 'bad_code' AND r.at > $2::timestamptz - make_interval(mins => ${THROTTLE.minutes})) AS "badCodes",
                coalesce($3::text IN (${HALL_CODE_SQL('w.code_secret', K)}, ${HALL_CODE_SQL('w.code_secret', `${K} - 1`)}), false) AS "codeOk",
                coalesce($2::timestamptz BETWEEN s.starts_at - make_interval(mins => w.opens_before_minutes) AND s.starts_at + make_interval(mins => w.closes_after_minutes), false) AS "inWindow",
                (${hooked}) AS hooked
           FROM ${PARTICIPANTS_SQL} p
           JOIN ${EVENT_VERSIONS_SQL} e ON e.id = p.event_id
           LEFT JOIN ${EVENT_SESSIONS_SQL} s ON s.event_id = p.event_id
           LEFT JOIN attendance_windows w ON w.session_id = s.id
           LEFT JOIN attendance_records a ON a.session_id = s.id AND a.participant_id = p.id
          WHERE p.id = $1),
       chosen AS (
         SELECT * FROM ctx WHERE CASE WHEN $4::uuid IS NULL THEN "inWindow" ELSE "sessionId" = $4::uuid END ORDER BY "startsAt" LIMIT 1),
       ins AS (
         INSERT INTO attendance_records (event_id, session_id, participant_id, status, method, recorded_by_user_id, recorded_by, scanned_at, recorded_at, offline, nonce)
         SELECT "eventId", "sessionId", pid, CASE WHEN $2::timestamptz > "startsAt" + make_interval(mins => "lateAfterMinutes") THEN 'late' ELSE 'present' END,
                'code', NULL, 'participant:' || pid, $5, $2, $6, $7
           FROM chosen
          WHERE kind = 'person' AND "participantStatus" <> 'removed' AND "eventStatus" NOT IN ('cancelled', 'draft') AND $2::timestamptz <= "eventEndsAt"
            AND "inWindow" AND "badCodes" < ${THROTTLE.maxBadCodes} AND "codeOk" AND ("attStatus" IS NULL OR "attStatus" = 'absent')
            AND ($8::boolean OR NOT hooked)
         ON CONFLICT (session_id, participant_id) DO UPDATE
           SET status = EXCLUDED.status, method = EXCLUDED.method, recorded_by_user_id = NULL, recorded_by = EXCLUDED.recorded_by,
               scanned_at = EXCLUDED.scanned_at, recorded_at = EXCLUDED.recorded_at, offline = EXCLUDED.offline, nonce = EXCLUDED.nonce, updated_at = now()
           WHERE attendance_records.status = 'absent'
         RETURNING id, session_id AS "sessionId", status, nonce, recorded_at AS "recordedAt", scanned_at AS "scannedAt", method)
       SELECT ctx.*, (SELECT row_to_json(ins) FROM ins) AS written FROM ctx ORDER BY "startsAt"`;

const RECORD_COLUMNS = `id, status, nonce, recorded_at AS "recordedAt", scanned_at AS "scannedAt", method`;

/**
 * Every query on the attendance tables, in one place. Other modules' tables are read only through
 * the read models they export (participants, sessions, events, people, organizations).
 */
@Injectable()
export class AttendanceRepository {
  private codeCheckInSql?: string;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly hooks: AttendanceHooks,
  ) {}

  private get m() {
    return this.uow.manager;
  }

  // ---- check-in ----------------------------------------------------------------------------

  /**
   * Everything a check-in decides on, in one statement: the participant, its event, each session
   * of the event with its window and this participant's row, and the participant's recent wrong codes.
   */
  checkInContext(participantId: string, now: Date): Promise<CheckInRow[]> {
    return this.m.query(
      `SELECT p.event_id AS "eventId", p.kind, p.status AS "participantStatus", e.status AS "eventStatus", e.ends_at AS "eventEndsAt",
              s.id AS "sessionId", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              w.opens_before_minutes AS "opensBeforeMinutes", w.closes_after_minutes AS "closesAfterMinutes",
              w.late_after_minutes AS "lateAfterMinutes", w.rotate_seconds AS "rotateSeconds",
              a.status AS "attStatus", a.nonce AS "attNonce", a.recorded_at AS "attRecordedAt",
              (SELECT count(*)::int FROM attendance_refusals r
                WHERE r.participant_id = p.id AND r.reason = 'bad_code' AND r.at > $2::timestamptz - make_interval(mins => ${THROTTLE.minutes})) AS "badCodes"
         FROM ${PARTICIPANTS_SQL} p
         JOIN ${EVENT_VERSIONS_SQL} e ON e.id = p.event_id
         LEFT JOIN ${EVENT_SESSIONS_SQL} s ON s.event_id = p.event_id
         LEFT JOIN attendance_windows w ON w.session_id = s.id
         LEFT JOIN attendance_records a ON a.session_id = s.id AND a.participant_id = p.id
        WHERE p.id = $1`,
      [participantId, now],
    );
  }

  /**
   * A self check-in by the hall code in one statement (the morning rush: one round trip): reads what
   * checkInContext reads, judges the code in SQL (HALL_CODE_SQL, the current and the previous
   * interval) and the window, and inserts the row when nothing stands in the way — the same
   * conditions as checkin-rules' refusalOf. Returns the context rows; the first carries `written`.
   * When it wrote nothing, the caller decides the refusal from the rows with refusalOf.
   */
  async codeCheckIn(r: { participantId: string; now: Date; code: string; sessionId: string | null; scannedAt: Date | null; offline: boolean; nonce: string; withListeners: boolean }): Promise<(CheckInRow & { hooked: boolean })[]> {
    const values = [r.participantId, r.now, r.code, r.sessionId, r.scannedAt, r.offline, r.nonce, r.withListeners];
    // Built on first use: the listeners register at module init.
    this.codeCheckInSql ??= CODE_CHECK_IN_SQL(this.hooks.concernsSql('p.event_id', 'p.id'));
    const text = this.codeCheckInSql;
    // A named (prepared) statement: PostgreSQL parses and plans it once per connection instead of
    // once per check-in (bench:checkin) — on the app's own pool when it runs alone, on the unit's
    // connection when it is part of a unit of work (the check-in with its completion listeners).
    type Named = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: (CheckInRow & { hooked: boolean })[] }> };
    const client = this.uow.active
      ? (this.m.queryRunner as unknown as { databaseConnection?: Named } | undefined)?.databaseConnection
      : (this.m.connection.driver as unknown as { master?: Named }).master;
    if (!client) return this.m.query(text, values);
    try {
      return (await client.query({ name: 'attendance.code_check_in', text, values })).rows;
    } catch (e) {
      throw new QueryFailedError(text, values, e as Error);
    }
  }

  /**
   * Writes a check-in unless the participant already has a row for the session other than an
   * `absent` mark made before they arrived (which the check-in replaces). The unique
   * (session, participant) pair decides between concurrent requests: exactly one writes. Returns
   * the row written, or the row that was there (`written: false`).
   */
  async checkIn(r: RecordInput): Promise<RecordedRow> {
    const rows: RecordedRow[] = await this.m.query(
      `WITH ins AS (
         INSERT INTO attendance_records (event_id, session_id, participant_id, status, method, recorded_by_user_id, recorded_by, scanned_at, recorded_at, offline, nonce)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (session_id, participant_id) DO UPDATE
           SET status = EXCLUDED.status, method = EXCLUDED.method, recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_by = EXCLUDED.recorded_by,
               scanned_at = EXCLUDED.scanned_at, recorded_at = EXCLUDED.recorded_at, offline = EXCLUDED.offline, nonce = EXCLUDED.nonce, updated_at = now()
           WHERE attendance_records.status = 'absent'
         RETURNING ${RECORD_COLUMNS}, true AS written)
       SELECT * FROM ins
       UNION ALL
       SELECT ${RECORD_COLUMNS}, false AS written FROM attendance_records WHERE session_id = $2 AND participant_id = $3 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [r.eventId, r.sessionId, r.participantId, r.status, r.method, r.recordedByUserId, r.recordedBy, r.scannedAt, r.recordedAt, r.offline, r.nonce],
    );
    if (rows[0]) return rows[0];
    // A concurrent request committed the row after this statement's snapshot was taken: ON CONFLICT
    // saw it, the SELECT above could not. Read it now.
    const [row]: RecordedRow[] = await this.m.query(`SELECT ${RECORD_COLUMNS}, false AS written FROM attendance_records WHERE session_id = $1 AND participant_id = $2`, [r.sessionId, r.participantId]);
    return row;
  }

  async logRefusal(r: { eventId: string; sessionId: string | null; participantId: string | null; reason: RefusalReason; method: AttendanceMethod; actor: string; nonce: string | null; detail?: Record<string, unknown>; at: Date }): Promise<void> {
    await this.m.query(
      `INSERT INTO attendance_refusals (event_id, session_id, participant_id, reason, method, actor, nonce, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.eventId, r.sessionId, r.participantId, r.reason, r.method, r.actor.slice(0, 254), r.nonce, JSON.stringify(r.detail ?? {}), r.at],
    );
  }

  refusals(eventId: string, sessionId: string | undefined, limit: number, offset: number): Promise<{ items: Record<string, unknown>[]; total: number }> {
    return this.m
      .query(
        `SELECT r.id, r.session_id AS "sessionId", r.participant_id AS "participantId", pe.full_name AS "fullName", r.reason, r.method, r.actor, r.nonce, r.detail, r.at,
                count(*) OVER ()::int AS total
           FROM attendance_refusals r
           LEFT JOIN ${PARTICIPANTS_SQL} p ON p.id = r.participant_id
           LEFT JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = p.person_id
          WHERE r.event_id = $1 ${sessionId ? 'AND r.session_id = $4' : ''}
          ORDER BY r.at DESC, r.id LIMIT $2 OFFSET $3`,
        sessionId ? [eventId, limit, offset, sessionId] : [eventId, limit, offset],
      )
      .then((rows: (Record<string, unknown> & { total: number })[]) => ({ items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 }));
  }

  // ---- windows -------------------------------------------------------------------------------

  /** Opens or changes a window; the code secret is drawn once, when it is first opened. */
  async upsertWindow(w: { sessionId: string; eventId: string; opensBeforeMinutes: number; closesAfterMinutes: number; lateAfterMinutes: number; rotateSeconds: number; openedBy: string; openedAt: Date; codeSecret: string }): Promise<void> {
    await this.m.query(
      `INSERT INTO attendance_windows (session_id, event_id, opens_before_minutes, closes_after_minutes, late_after_minutes, rotate_seconds, opened_by, opened_at, code_secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (session_id) DO UPDATE SET opens_before_minutes = $3, closes_after_minutes = $4, late_after_minutes = $5, rotate_seconds = $6, opened_by = $7, opened_at = $8`,
      [w.sessionId, w.eventId, w.opensBeforeMinutes, w.closesAfterMinutes, w.lateAfterMinutes, w.rotateSeconds, w.openedBy, w.openedAt, w.codeSecret],
    );
  }

  async window(sessionId: string): Promise<{ opensBeforeMinutes: number; closesAfterMinutes: number; lateAfterMinutes: number; rotateSeconds: number; codeSecret: string } | null> {
    const [row] = await this.m.query(
      `SELECT opens_before_minutes AS "opensBeforeMinutes", closes_after_minutes AS "closesAfterMinutes", late_after_minutes AS "lateAfterMinutes", rotate_seconds AS "rotateSeconds",
              code_secret AS "codeSecret"
         FROM attendance_windows WHERE session_id = $1`,
      [sessionId],
    );
    return row ?? null;
  }

  // ---- roster --------------------------------------------------------------------------------

  /** Every person on the event's list (and anyone removed who still has a row) with their row for the session. */
  roster(eventId: string, sessionId: string): Promise<RosterRow[]> {
    return this.m.query(
      `SELECT p.id AS "participantId", p.person_id AS "personId", pe.full_name AS "fullName", pe.title, pe.organization_id AS "organizationId", o.name AS "organizationName",
              p.role, p.status AS "invitationStatus", a.status, a.substitute_participant_id AS "substituteParticipantId", a.method, a.recorded_by AS "recordedBy",
              a.scanned_at AS "scannedAt", a.recorded_at AS "recordedAt", a.offline, a.note
         FROM ${PARTICIPANTS_SQL} p
         JOIN ${PERSON_PROFILES_SQL} pe ON pe.id = p.person_id
         LEFT JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = pe.organization_id
         LEFT JOIN attendance_records a ON a.participant_id = p.id AND a.session_id = $2
        WHERE p.event_id = $1 AND p.kind = 'person' AND (p.status <> 'removed' OR a.id IS NOT NULL)
        ORDER BY pe.full_name, p.id`,
      [eventId, sessionId],
    );
  }

  /** Participants of the event among `ids` with their kind and status (to validate roster entries). */
  participantsOf(eventId: string, ids: string[]): Promise<{ id: string; kind: string; status: string }[]> {
    return ids.length ? this.m.query(`SELECT id, kind, status FROM ${PARTICIPANTS_SQL} p WHERE p.event_id = $1 AND p.id = ANY($2)`, [eventId, ids]) : Promise.resolve([]);
  }

  /** The session's rows of these participants, locked for update in the current transaction. */
  lockRecords(sessionId: string, participantIds: string[]): Promise<{ participantId: string; status: AttendanceStatus; substituteParticipantId: string | null; method: AttendanceMethod; scannedAt: Date | null; offline: boolean; note: string | null; recordedBy: string }[]> {
    return this.m.query(
      `SELECT participant_id AS "participantId", status, substitute_participant_id AS "substituteParticipantId", method, scanned_at AS "scannedAt", offline, note, recorded_by AS "recordedBy"
         FROM attendance_records WHERE session_id = $1 AND participant_id = ANY($2) ORDER BY participant_id FOR UPDATE`,
      [sessionId, participantIds],
    );
  }

  /** Writes roster rows (insert or overwrite) in one statement. */
  async upsertMany(rows: RecordInput[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof RecordInput>(k: K) => rows.map((r) => r[k] ?? null);
    await this.m.query(
      `INSERT INTO attendance_records (event_id, session_id, participant_id, status, substitute_participant_id, method, recorded_by_user_id, recorded_by, scanned_at, recorded_at, offline, nonce, note)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::uuid[], $6::varchar[], $7::uuid[], $8::varchar[], $9::timestamptz[], $10::timestamptz[], $11::boolean[], $12::varchar[], $13::varchar[])
       ON CONFLICT (session_id, participant_id) DO UPDATE
         SET status = EXCLUDED.status, substitute_participant_id = EXCLUDED.substitute_participant_id, method = EXCLUDED.method,
             recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_by = EXCLUDED.recorded_by, scanned_at = EXCLUDED.scanned_at,
             recorded_at = EXCLUDED.recorded_at, offline = EXCLUDED.offline, note = EXCLUDED.note, updated_at = now()`,
      [
        col('eventId'), col('sessionId'), col('participantId'), col('status'), col('substituteParticipantId'), col('method'), col('recordedByUserId'),
        col('recordedBy'), col('scannedAt'), col('recordedAt'), col('offline'), col('nonce'), col('note'),
      ],
    );
  }

  /** Whether the user (by e-mail) is a trainer on the event's list: "the trainer of that event" (trainer accounts have no person link). */
  async isEventTrainer(eventId: string, email: string): Promise<boolean> {
    const rows = await this.m.query(
      `SELECT 1 FROM ${PARTICIPANTS_SQL} p JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = p.person_id
        WHERE p.event_id = $1 AND p.role = 'trainer' AND p.status <> 'removed' AND pe.email = lower($2) LIMIT 1`,
      [eventId, email],
    );
    return rows.length > 0;
  }

  // ---- summary and exports -------------------------------------------------------------------

  /** Per session: rows by status. */
  sessionCounts(eventId: string): Promise<{ sessionId: string; status: AttendanceStatus; n: number }[]> {
    return this.m.query(`SELECT session_id AS "sessionId", status, count(*)::int AS n FROM attendance_records WHERE event_id = $1 GROUP BY 1, 2`, [eventId]);
  }

  /**
   * One row per person on the list (not removed) with their agency, role, leader flag, invitation
   * status and how many sessions they came to (present or late) — the summary's groupings are sums of these.
   */
  attendees(eventId: string): Promise<{ participantId: string; personId: string; fullName: string; title: string | null; organizationId: string | null; organizationName: string | null; role: string; isLeader: boolean; invitationStatus: string; sessionsCame: number }[]> {
    return this.m.query(
      `SELECT p.id AS "participantId", p.person_id AS "personId", pe.full_name AS "fullName", pe.title, pe.organization_id AS "organizationId", o.name AS "organizationName",
              p.role, pe.is_leader AS "isLeader", p.status AS "invitationStatus",
              (SELECT count(*)::int FROM attendance_records a WHERE a.participant_id = p.id AND a.status IN ('present', 'late')) AS "sessionsCame"
         FROM ${PARTICIPANTS_SQL} p
         JOIN ${PERSON_PROFILES_SQL} pe ON pe.id = p.person_id
         LEFT JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = pe.organization_id
        WHERE p.event_id = $1 AND p.kind = 'person' AND p.status <> 'removed'
        ORDER BY pe.full_name, p.id`,
      [eventId],
    );
  }

  /** Every session × person of the event with the row recorded (if any), for the exports. */
  exportRows(eventId: string): Promise<(RosterRow & { sessionId: string; sessionTitle: string | null; sessionStartsAt: Date; sessionEndsAt: Date })[]> {
    return this.m.query(
      `SELECT s.id AS "sessionId", s.title AS "sessionTitle", s.starts_at AS "sessionStartsAt", s.ends_at AS "sessionEndsAt",
              p.id AS "participantId", p.person_id AS "personId", pe.full_name AS "fullName", pe.title, pe.organization_id AS "organizationId", o.name AS "organizationName",
              p.role, p.status AS "invitationStatus", a.status, a.substitute_participant_id AS "substituteParticipantId", a.method, a.recorded_by AS "recordedBy",
              a.scanned_at AS "scannedAt", a.recorded_at AS "recordedAt", a.offline, a.note
         FROM ${EVENT_SESSIONS_SQL} s
         JOIN ${PARTICIPANTS_SQL} p ON p.event_id = s.event_id AND p.kind = 'person'
         JOIN ${PERSON_PROFILES_SQL} pe ON pe.id = p.person_id
         LEFT JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = pe.organization_id
         LEFT JOIN attendance_records a ON a.participant_id = p.id AND a.session_id = s.id
        WHERE s.event_id = $1 AND (p.status <> 'removed' OR a.id IS NOT NULL)
        ORDER BY s.starts_at, pe.full_name, p.id`,
      [eventId],
    );
  }
}
