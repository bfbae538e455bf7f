import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { ATTENDANCE_MARKS_SQL } from '../attendance/attendance.read-model';
import { EVENT_SESSIONS_SQL } from '../events/events.read-model';
import { PARTICIPANTS_SQL } from '../invitations/invitations.read-model';
import { ORGANIZATION_PROFILES_SQL } from '../organizations/organizations.read-model';
import { PERSON_CONTACTS_SQL, PERSON_MATCH_SQL } from '../people/people.read-model';
import type { Mark } from './completion';
import type { EnrollmentSource, EnrollmentStatus } from './training.entity';

export interface ClassRow {
  eventId: string;
  programId: string;
  capacity: number | null;
  minAttendancePercent: number;
  passScore: number | null;
  hours: number | null;
  externalTrainers: string[];
  programCode: string;
  programName: string;
  programYear: number;
}

export interface EnrollmentRow {
  id: string;
  classEventId: string;
  programId: string;
  personId: string;
  organizationId: string;
  participantId: string | null;
  status: EnrollmentStatus;
  source: EnrollmentSource;
  enrolledAt: Date;
  score: number | null;
  sessionsCounted: number;
  sessionsAttended: number;
  sessionsExcused: number;
  completedAt: Date | null;
  fullName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  organizationName: string | null;
  certificateId: string | null;
  certificateNumber: string | null;
  certificateRevokedAt: Date | null;
}

/** What the enrolments of one `insertEnrollments` call share. */
export interface NewEnrollmentBatch {
  classEventId: string;
  programId: string;
  source: EnrollmentSource;
  enrolledAt: Date;
}

export interface NewEnrollment {
  personId: string;
  organizationId: string;
  participantId: string | null;
  status: EnrollmentStatus;
}

export interface CompletionRow {
  id: string;
  classEventId: string;
  programId: string;
  status: EnrollmentStatus;
  enrolledAt: Date;
  score: number | null;
  participantActive: boolean | null;
  sessions: { startsAt: Date; mark: Mark }[];
  /** What was computed last time (a row whose figures stay is not written again). */
  counted: number;
  attended: number;
  excused: number;
}

const CLASS_COLUMNS = `c.event_id AS "eventId", c.program_id AS "programId", c.capacity, c.min_attendance_percent AS "minAttendancePercent",
  c.pass_score::float8 AS "passScore", c.hours::float8 AS hours, c.external_trainers AS "externalTrainers",
  p.code AS "programCode", p.name AS "programName", p.year AS "programYear"`;

const ENROLLMENT_COLUMNS = `e.id, e.class_event_id AS "classEventId", e.program_id AS "programId", e.person_id AS "personId", e.organization_id AS "organizationId",
  e.participant_id AS "participantId", e.status, e.source, e.enrolled_at AS "enrolledAt", e.score::float8 AS score,
  e.sessions_counted AS "sessionsCounted", e.sessions_attended AS "sessionsAttended", e.sessions_excused AS "sessionsExcused", e.completed_at AS "completedAt",
  pe.full_name AS "fullName", pe.title, pe.email, pe.phone, o.name AS "organizationName",
  ce.id AS "certificateId", ce.number AS "certificateNumber", ce.revoked_at AS "certificateRevokedAt"`;

/** Every query on the training tables; other modules' tables only through their read models. */
@Injectable()
export class TrainingRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.uow.manager.query(sql, params);
  }

  // ---- programs ----------------------------------------------------------------------------

  async insertProgram(p: Record<string, unknown>): Promise<string> {
    const [row] = await this.q<{ id: string }>(
      `INSERT INTO training_programs (code, name, year, organizer_organization_id, description, audience_organization_ids, audience_levels, topics, target_classes, target_trainees, target_headcount_percent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [p.code, p.name, p.year, p.organizerOrganizationId, p.description ?? null, p.audienceOrganizationIds ?? [], p.audienceLevels ?? [], p.topics ?? [], p.targetClasses ?? null, p.targetTrainees ?? null, p.targetHeadcountPercent ?? null],
    );
    return row.id;
  }

  /** The program's row, locked (the counter row of its certificates). */
  async lockProgram(id: string): Promise<{ id: string; code: string; year: number; certificateSeq: number } | null> {
    const [row] = await this.q<{ id: string; code: string; year: number; certificateSeq: number }>(
      `SELECT id, code, year, certificate_seq AS "certificateSeq" FROM training_programs WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async updateProgram(id: string, p: Record<string, unknown>): Promise<void> {
    await this.q(
      `UPDATE training_programs SET code = $2, name = $3, year = $4, organizer_organization_id = $5, description = $6, audience_organization_ids = $7, audience_levels = $8,
              topics = $9, target_classes = $10, target_trainees = $11, target_headcount_percent = $12, updated_at = now() WHERE id = $1`,
      [id, p.code, p.name, p.year, p.organizerOrganizationId, p.description, p.audienceOrganizationIds, p.audienceLevels, p.topics, p.targetClasses, p.targetTrainees, p.targetHeadcountPercent],
    );
  }

  programs(ids: string[] | null, year?: number): Promise<Record<string, unknown>[]> {
    return this.q(
      `SELECT p.id, p.code, p.name, p.year, p.organizer_organization_id AS "organizerOrganizationId", o.path AS "organizerPath", p.description,
              p.audience_organization_ids AS "audienceOrganizationIds", p.audience_levels AS "audienceLevels", p.topics,
              p.target_classes AS "targetClasses", p.target_trainees AS "targetTrainees", p.target_headcount_percent AS "targetHeadcountPercent",
              p.certificate_seq AS "certificatesIssued", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
         FROM training_programs p JOIN ${ORGANIZATION_PROFILES_SQL} o ON o.id = p.organizer_organization_id
        WHERE ($1::uuid[] IS NULL OR p.id = ANY($1)) AND ($2::int IS NULL OR p.year = $2)
        ORDER BY p.year DESC, p.name`,
      [ids, year ?? null],
    );
  }

  // ---- classes -----------------------------------------------------------------------------

  async insertClass(c: { eventId: string; programId: string; capacity?: number; minAttendancePercent?: number; passScore?: number; hours?: number; externalTrainers?: string[] }): Promise<void> {
    await this.q(
      `INSERT INTO training_classes (event_id, program_id, capacity, min_attendance_percent, pass_score, hours, external_trainers) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.eventId, c.programId, c.capacity ?? null, c.minAttendancePercent ?? 80, c.passScore ?? null, c.hours ?? null, c.externalTrainers ?? []],
    );
  }

  async updateClass(eventId: string, c: { programId: string; capacity: number | null; minAttendancePercent: number; passScore: number | null; hours: number | null; externalTrainers: string[] }): Promise<void> {
    await this.q(
      `UPDATE training_classes SET program_id = $2, capacity = $3, min_attendance_percent = $4, pass_score = $5, hours = $6, external_trainers = $7, updated_at = now() WHERE event_id = $1`,
      [eventId, c.programId, c.capacity, c.minAttendancePercent, c.passScore, c.hours, c.externalTrainers],
    );
    await this.q(`UPDATE training_enrollments SET program_id = $2, updated_at = now() WHERE class_event_id = $1 AND program_id <> $2`, [eventId, c.programId]);
  }

  /** Certificates issued for the class's trainees (revoked ones included). */
  async certificatesOfClass(eventId: string): Promise<number> {
    const [row] = await this.q<{ n: number }>(
      `SELECT count(*)::int AS n FROM training_certificates ce JOIN training_enrollments e ON e.id = ce.enrollment_id WHERE e.class_event_id = $1`,
      [eventId],
    );
    return row.n;
  }

  async classOf(eventId: string, lock = false): Promise<ClassRow | null> {
    const [row] = await this.q<ClassRow>(
      `SELECT ${CLASS_COLUMNS} FROM training_classes c JOIN training_programs p ON p.id = c.program_id WHERE c.event_id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [eventId],
    );
    return row ?? null;
  }

  classIds(programId: string | null, trainerEmail: string | null): Promise<{ eventId: string; programId: string }[]> {
    return this.q(
      `SELECT c.event_id AS "eventId", c.program_id AS "programId" FROM training_classes c
        WHERE ($1::uuid IS NULL OR c.program_id = $1)
          AND ($2::text IS NULL OR EXISTS (
                SELECT 1 FROM ${PARTICIPANTS_SQL} pa JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = pa.person_id
                 WHERE pa.event_id = c.event_id AND pa.role = 'trainer' AND pa.active AND lower(pe.email) = lower($2)))`,
      [programId, trainerEmail],
    );
  }

  /** Whether the e-mail is a person on the class's list as an active trainer (a trainer account has no person link). */
  async isTrainer(eventId: string, email: string): Promise<boolean> {
    const [row] = await this.q<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${PARTICIPANTS_SQL} pa JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = pa.person_id
                       WHERE pa.event_id = $1 AND pa.role = 'trainer' AND pa.active AND lower(pe.email) = lower($2)) AS ok`,
      [eventId, email],
    );
    return row.ok;
  }

  /** The trainer participant (for the roster link) and their event. */
  async trainerParticipant(participantId: string): Promise<{ id: string; eventId: string; fullName: string; email: string | null } | null> {
    const [row] = await this.q<{ id: string; eventId: string; fullName: string; email: string | null }>(
      `SELECT pa.id, pa.event_id AS "eventId", pe.full_name AS "fullName", pe.email FROM ${PARTICIPANTS_SQL} pa JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = pa.person_id
        WHERE pa.id = $1 AND pa.role = 'trainer' AND pa.active`,
      [participantId],
    );
    return row ?? null;
  }

  async trainerParticipantByEmail(eventId: string, email: string): Promise<string | null> {
    const [row] = await this.q<{ id: string }>(
      `SELECT pa.id FROM ${PARTICIPANTS_SQL} pa JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = pa.person_id
        WHERE pa.event_id = $1 AND pa.role = 'trainer' AND pa.active AND lower(pe.email) = lower($2) LIMIT 1`,
      [eventId, email],
    );
    return row?.id ?? null;
  }

  /** The class's trainers from the directory: their participant rows. */
  trainerParticipants(eventId: string): Promise<{ id: string; personId: string }[]> {
    return this.q(`SELECT pa.id, pa.person_id AS "personId" FROM ${PARTICIPANTS_SQL} pa WHERE pa.event_id = $1 AND pa.role = 'trainer' AND pa.active`, [eventId]);
  }

  trainers(eventIds: string[]): Promise<{ eventId: string; personId: string; fullName: string }[]> {
    return this.q(
      `SELECT pa.event_id AS "eventId", pa.person_id AS "personId", pe.full_name AS "fullName" FROM ${PARTICIPANTS_SQL} pa JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = pa.person_id
        WHERE pa.event_id = ANY($1) AND pa.role = 'trainer' AND pa.active ORDER BY pe.full_name`,
      [eventIds],
    );
  }

  // ---- enrolments --------------------------------------------------------------------------

  /** Seats taken (every enrolment but the waitlisted and the withdrawn). */
  async seatsTaken(eventId: string): Promise<number> {
    const [row] = await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM training_enrollments WHERE class_event_id = $1 AND status NOT IN ('waitlisted', 'withdrawn')`, [eventId]);
    return row.n;
  }

  /** The first `limit` waitlisted enrolments of the class (all with null), first come first served, locked. */
  waitlisted(eventId: string, limit: number | null): Promise<{ id: string; personId: string }[]> {
    return this.q(
      `SELECT id, person_id AS "personId" FROM training_enrollments WHERE class_event_id = $1 AND status = 'waitlisted'
        ORDER BY queue_position LIMIT $2 FOR UPDATE`,
      [eventId, limit],
    );
  }

  /** Seats waitlisted trainees: their participant row, status `enrolled`, enrolled as of `at` (earlier sessions never count). */
  async promote(rows: { id: string; participantId: string }[], at: Date): Promise<void> {
    await this.q(
      `UPDATE training_enrollments e SET status = 'enrolled', participant_id = v.participant_id, enrolled_at = $3, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS v(id, participant_id) WHERE e.id = v.id AND e.status = 'waitlisted'`,
      [rows.map((r) => r.id), rows.map((r) => r.participantId), at],
    );
  }

  enrolledPersons(eventId: string, personIds: string[]): Promise<{ personId: string; id: string; status: EnrollmentStatus }[]> {
    return this.q(`SELECT person_id AS "personId", id, status FROM training_enrollments WHERE class_event_id = $1 AND person_id = ANY($2)`, [eventId, personIds]);
  }

  /**
   * One INSERT … SELECT FROM unnest per 5,000 enrolments (a 5,000-line roster is one statement), the
   * batch's class, program, source and date sent once rather than in a column each. Ids in `rows` order.
   */
  async insertEnrollments(batch: NewEnrollmentBatch, rows: NewEnrollment[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += 5000) {
      const part = rows.slice(i, i + 5000);
      const out = await this.q<{ id: string }>(
        `INSERT INTO training_enrollments (class_event_id, program_id, person_id, organization_id, participant_id, status, source, enrolled_at)
         SELECT $1, $2, person_id, organization_id, participant_id, status, $3, $4
           FROM unnest($5::uuid[], $6::uuid[], $7::uuid[], $8::varchar[]) WITH ORDINALITY AS v(person_id, organization_id, participant_id, status, n)
          ORDER BY n
         RETURNING id`,
        [batch.classEventId, batch.programId, batch.source, batch.enrolledAt, part.map((r) => r.personId), part.map((r) => r.organizationId), part.map((r) => r.participantId), part.map((r) => r.status)],
      );
      ids.push(...out.map((r) => r.id));
    }
    return ids;
  }

  enrollments(where: { eventId?: string; ids?: string[] }): Promise<EnrollmentRow[]> {
    return this.q(
      `SELECT ${ENROLLMENT_COLUMNS}
         FROM training_enrollments e
         JOIN ${PERSON_MATCH_SQL} pe ON pe.id = e.person_id
         LEFT JOIN ${ORGANIZATION_PROFILES_SQL} o ON o.id = e.organization_id
         LEFT JOIN training_certificates ce ON ce.enrollment_id = e.id
        WHERE ($1::uuid IS NULL OR e.class_event_id = $1) AND ($2::uuid[] IS NULL OR e.id = ANY($2))
        ORDER BY o.name, pe.full_name, e.id`,
      [where.eventId ?? null, where.ids ?? null],
    );
  }

  async setScore(id: string, score: number | null): Promise<void> {
    await this.q(`UPDATE training_enrollments SET score = $2, updated_at = now() WHERE id = $1`, [id, score]);
  }

  async setWithdrawn(id: string): Promise<void> {
    await this.q(`UPDATE training_enrollments SET status = 'withdrawn', updated_at = now() WHERE id = $1`, [id]);
  }

  /**
   * What completion is computed from, for the enrolments of a class (all, or those of the given
   * participants / enrolment ids), locked: concurrent recomputes of one trainee queue here.
   */
  async completionInputs(eventId: string | null, participantIds: string[] | null, enrollmentIds: string[] | null, lock = true): Promise<CompletionRow[]> {
    const rows = await this.q<Omit<CompletionRow, 'sessions'> & { participantId: string | null }>(
      `SELECT e.id, e.class_event_id AS "classEventId", e.program_id AS "programId", e.status, e.enrolled_at AS "enrolledAt", e.score::float8 AS score,
              e.participant_id AS "participantId", pa.active AS "participantActive",
              e.sessions_counted AS counted, e.sessions_attended AS attended, e.sessions_excused AS excused
         FROM training_enrollments e LEFT JOIN ${PARTICIPANTS_SQL} pa ON pa.id = e.participant_id
        WHERE ($1::uuid IS NULL OR e.class_event_id = $1) AND ($2::uuid[] IS NULL OR e.participant_id = ANY($2)) AND ($3::uuid[] IS NULL OR e.id = ANY($3))
        ORDER BY e.id ${lock ? 'FOR UPDATE OF e' : ''}`,
      [eventId, participantIds, enrollmentIds],
    );
    return this.withSessions(rows);
  }

  /**
   * The same for seated enrolments this transaction has just inserted, without reading them back:
   * status `enrolled`, no score, nothing computed yet, an active participant (nobody else sees them).
   */
  newEnrollmentInputs(rows: { id: string; classEventId: string; programId: string; participantId: string; enrolledAt: Date }[]): Promise<CompletionRow[]> {
    return this.withSessions(rows.map((r) => ({ ...r, status: 'enrolled' as const, score: null, participantActive: true, counted: 0, attended: 0, excused: 0 })));
  }

  /** Each row with its class's sessions and its participant's marks in them: completion is computed from both in JS. */
  private async withSessions(rows: (Omit<CompletionRow, 'sessions'> & { participantId: string | null })[]): Promise<CompletionRow[]> {
    if (rows.length === 0) return [];
    const classIds = [...new Set(rows.map((r) => r.classEventId))];
    const sessions = await this.q<{ id: string; eventId: string; startsAt: Date; marked: boolean }>(
      `SELECT s.id, s.event_id AS "eventId", s.starts_at AS "startsAt", EXISTS (SELECT 1 FROM ${ATTENDANCE_MARKS_SQL} m WHERE m.session_id = s.id) AS marked
         FROM ${EVENT_SESSIONS_SQL} s WHERE s.event_id = ANY($1) ORDER BY s.starts_at`,
      [classIds],
    );
    const pids = rows.flatMap((r) => (r.participantId ? [r.participantId] : []));
    // (Only marks in these classes count; none yet — a class not held, a roster imported before it — no query.)
    const marks =
      pids.length && sessions.some((s) => s.marked)
        ? await this.q<{ sessionId: string; participantId: string; status: Mark }>(
            `SELECT m.session_id AS "sessionId", m.participant_id AS "participantId", m.status FROM ${ATTENDANCE_MARKS_SQL} m WHERE m.event_id = ANY($1) AND m.participant_id = ANY($2)`,
            [classIds, pids],
          )
        : [];
    const markOf = new Map(marks.map((m) => [`${m.sessionId}|${m.participantId}`, m.status]));
    const byClass = new Map<string, typeof sessions>();
    for (const s of sessions) byClass.set(s.eventId, [...(byClass.get(s.eventId) ?? []), s]);
    return rows.map((r) => ({
      ...r,
      sessions: (byClass.get(r.classEventId) ?? []).map((s) => ({ startsAt: s.startsAt, mark: r.participantId ? (markOf.get(`${s.id}|${r.participantId}`) ?? null) : null })),
    }));
  }

  async updateCompletion(rows: { id: string; status: EnrollmentStatus; counted: number; attended: number; excused: number; completedAt: Date | null }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.q(
      `UPDATE training_enrollments e SET status = v.status, sessions_counted = v.counted, sessions_attended = v.attended, sessions_excused = v.excused,
              completed_at = CASE WHEN v.status = 'completed' THEN coalesce(e.completed_at, v.completed_at) END, updated_at = now()
         FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::int[], $5::int[], $6::timestamptz[]) AS v(id, status, counted, attended, excused, completed_at)
        WHERE e.id = v.id`,
      [rows.map((r) => r.id), rows.map((r) => r.status), rows.map((r) => r.counted), rows.map((r) => r.attended), rows.map((r) => r.excused), rows.map((r) => r.completedAt)],
    );
  }

  // ---- certificates ------------------------------------------------------------------------

  certificatesOf(enrollmentIds: string[]): Promise<{ id: string; enrollmentId: string; revokedAt: Date | null; revokedReason: string | null }[]> {
    return this.q(`SELECT id, enrollment_id AS "enrollmentId", revoked_at AS "revokedAt", revoked_reason AS "revokedReason" FROM training_certificates WHERE enrollment_id = ANY($1)`, [enrollmentIds]);
  }

  /**
   * Takes the next `n` numbers of the program: one UPDATE of its counter row, which holds the row
   * lock until this transaction ends — concurrent completions queue here, and a rollback gives the
   * numbers back, so the sequence has no gaps.
   */
  async allocate(programId: string, n: number): Promise<{ code: string; year: number; last: number }> {
    const [row] = await this.q<{ code: string; year: number; last: number }>(
      // (In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].)
      `WITH u AS (UPDATE training_programs SET certificate_seq = certificate_seq + $2 WHERE id = $1 RETURNING code, year, certificate_seq AS last) SELECT * FROM u`,
      [programId, n],
    );
    return row;
  }

  async insertCertificates(rows: { programId: string; enrollmentId: string; year: number; seq: number; number: string; issuedAt: Date }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.q(
      `INSERT INTO training_certificates (program_id, enrollment_id, year, seq, number, issued_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::varchar[], $6::timestamptz[])`,
      [rows.map((r) => r.programId), rows.map((r) => r.enrollmentId), rows.map((r) => r.year), rows.map((r) => r.seq), rows.map((r) => r.number), rows.map((r) => r.issuedAt)],
    );
  }

  async setRevoked(ids: string[], at: Date | null, reason: string | null): Promise<void> {
    if (ids.length === 0) return;
    await this.q(`UPDATE training_certificates SET revoked_at = $2, revoked_reason = $3, updated_at = now() WHERE id = ANY($1)`, [ids, at, reason]);
  }

  async reprint(id: string): Promise<void> {
    await this.q(`UPDATE training_certificates SET print_count = print_count + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  /** A certificate with what its page and the verify page show. */
  async certificate(where: { id?: string; number?: string }): Promise<CertificateRow | null> {
    const [row] = await this.q<CertificateRow>(
      `SELECT ce.id, ce.number, ce.issued_at AS "issuedAt", ce.revoked_at AS "revokedAt", ce.revoked_reason AS "revokedReason", ce.print_count AS "printCount",
              ce.enrollment_id AS "enrollmentId", e.class_event_id AS "classEventId", e.person_id AS "personId",
              pe.full_name AS "holderName", pe.title AS "holderTitle", o.name AS "holderOrganization",
              p.id AS "programId", p.name AS "programName", p.code AS "programCode", p.year AS "programYear", p.organizer_organization_id AS "organizerOrganizationId",
              c.hours::float8 AS hours,
              (SELECT min(s.starts_at) FROM ${EVENT_SESSIONS_SQL} s WHERE s.event_id = e.class_event_id) AS "startsAt",
              (SELECT max(s.ends_at) FROM ${EVENT_SESSIONS_SQL} s WHERE s.event_id = e.class_event_id) AS "endsAt",
              (SELECT round(sum(extract(epoch FROM s.ends_at - s.starts_at)) / 3600.0, 1)::float8 FROM ${EVENT_SESSIONS_SQL} s WHERE s.event_id = e.class_event_id) AS "sessionHours"
         FROM training_certificates ce
         JOIN training_enrollments e ON e.id = ce.enrollment_id
         JOIN training_classes c ON c.event_id = e.class_event_id
         JOIN training_programs p ON p.id = ce.program_id
         JOIN ${PERSON_MATCH_SQL} pe ON pe.id = e.person_id
         LEFT JOIN ${ORGANIZATION_PROFILES_SQL} o ON o.id = e.organization_id
        WHERE ($1::uuid IS NULL OR ce.id = $1) AND ($2::text IS NULL OR ce.number = $2)`,
      [where.id ?? null, where.number ?? null],
    );
    return row ?? null;
  }

  // ---- roster import matching -------------------------------------------------------------

  /** Organizations whose folded name, short name or code is one of `folded`. */
  organizationsByFoldedName(folded: string[]): Promise<{ id: string; key: string; path: string }[]> {
    return this.q(
      // (Each agency's three names folded once, not once per key asked for.)
      `SELECT DISTINCT o.id, k.key, o.path FROM ${ORGANIZATION_PROFILES_SQL} o
         CROSS JOIN LATERAL (VALUES (vn_fold(o.name)), (vn_fold(coalesce(o.short_name, ''))), (vn_fold(o.code))) AS k(key)
        WHERE k.key = ANY($1::text[])`,
      [folded],
    );
  }

  peopleByEmail(emails: string[]): Promise<{ id: string; email: string; organizationId: string }[]> {
    // (E-mails are stored lower-case, people_email_lower_check: the unique index on email finds them.)
    return this.q(`SELECT id, email, organization_id AS "organizationId" FROM ${PERSON_MATCH_SQL} p WHERE email = ANY($1)`, [emails]);
  }

  peopleByFoldedName(orgIds: string[], folded: string[]): Promise<{ id: string; key: string; organizationId: string }[]> {
    return this.q(
      `SELECT p.id, vn_fold(p.full_name) AS key, p.organization_id AS "organizationId" FROM ${PERSON_MATCH_SQL} p
        WHERE p.organization_id = ANY($1) AND vn_fold(p.full_name) = ANY($2)`,
      [orgIds, folded],
    );
  }

  /** Active participants of the event among these persons (to reuse their invitation). */
  participantsOfPersons(eventId: string, personIds: string[]): Promise<{ id: string; personId: string; role: string }[]> {
    return this.q(
      `SELECT id, person_id AS "personId", role FROM ${PARTICIPANTS_SQL} pa WHERE pa.event_id = $1 AND pa.person_id = ANY($2) AND pa.active AND pa.kind = 'person'`,
      [eventId, personIds],
    );
  }

  /** Persons the event's invited agencies nominated, still active. */
  nominees(eventId: string): Promise<{ id: string; personId: string }[]> {
    return this.q(
      `SELECT pa.id, pa.person_id AS "personId" FROM ${PARTICIPANTS_SQL} pa
        WHERE pa.event_id = $1 AND pa.kind = 'person' AND pa.active AND pa.nominated_by_id IS NOT NULL ORDER BY pa.id`,
      [eventId],
    );
  }
}

export interface CertificateRow {
  id: string;
  number: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  printCount: number;
  enrollmentId: string;
  classEventId: string;
  personId: string;
  holderName: string;
  holderTitle: string | null;
  holderOrganization: string | null;
  programId: string;
  programName: string;
  programCode: string;
  programYear: number;
  organizerOrganizationId: string;
  hours: number | null;
  startsAt: Date;
  endsAt: Date;
  sessionHours: number | null;
}
