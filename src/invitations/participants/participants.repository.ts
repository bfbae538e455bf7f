import { Injectable } from '@nestjs/common';
import { In, type FindOptionsWhere } from 'typeorm';
import { SqlParams } from '../../common/sql';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';
import { EVENT_VERSIONS_SQL } from '../../events/events.read-model';
import { ORGANIZATION_NAMES_SQL } from '../../organizations/organizations.read-model';
import { PERSON_CONTACTS_SQL } from '../../people/people.read-model';
import { AFTER_DELIVERY_SQL, AFTER_FAILURE_SQL, ACTIVE_STATUSES, CAN_ANSWER_SQL, REMINDED_STATUSES, SEAT_STATUSES, statusIn, WITHDRAWN_STATUSES } from './participant-lifecycle';
import { Participant, type ParticipantStatus } from './participant.entity';

/** A participant with the person its mail goes to (an agency's named contact) and its event's version. */
export type ContextRow = Participant & { toName: string | null; toTitle: string | null; toEmail: string | null; eventVersion: string; hasSite: boolean };

/** What a one-statement answer (`answerAtOnce`) returns: enough for the page, with the event part by version. */
export interface AnsweredRow {
  id: string;
  eventId: string;
  role: Participant['role'];
  /** Whether status or note changed (an audit entry was written). */
  changed: boolean;
  eventVersion: string;
  toName: string | null;
}

/** Where a participant's mail goes: the person, or an agency's named contact (null email: none named or no address). */
export interface RecipientRow {
  id: string;
  kind: 'person' | 'agency';
  round: number;
  organizationId: string | null;
  email: string | null;
}

const CONTEXT_COLUMNS = `p.id, p.event_id AS "eventId", p.kind, p.person_id AS "personId", p.organization_id AS "organizationId", p.quota,
  p.contact_person_id AS "contactPersonId", p.role, p.status, p.nominated_by_id AS "nominatedById", p.delegated_from_id AS "delegatedFromId",
  p.last_sent_sequence AS "lastSentSequence", p.invitation_round AS "invitationRound", p.sequence_bump AS "sequenceBump", p.invited_at AS "invitedAt",
  p.responded_at AS "respondedAt", p.response_note AS "responseNote", p.last_error AS "lastError", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
/** The person a participant's mail goes to: itself, or an agency's contact. */
const RECIPIENT_JOIN = `LEFT JOIN ${PERSON_CONTACTS_SQL} to_p ON to_p.id = CASE WHEN p.kind = 'person' THEN p.person_id ELSE p.contact_person_id END`;

/**
 * Every query on the participants table, in one place. Reads and writes go through the current unit
 * of work (inside a transaction when there is one). Other modules' tables are read only through the
 * read models they export (people, organizations, events).
 */
@Injectable()
export class ParticipantsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get m() {
    return this.uow.manager;
  }

  private get repo() {
    return this.m.getRepository(Participant);
  }

  // ---- rows ----------------------------------------------------------------------------------

  find(where: FindOptionsWhere<Participant> | FindOptionsWhere<Participant>[], options: { take?: number; skip?: number; ordered?: boolean } = {}): Promise<Participant[]> {
    return this.repo.find({ where, ...(options.ordered ? { order: { createdAt: 'ASC', id: 'ASC' } } : {}), take: options.take, skip: options.skip });
  }

  findAndCount(where: FindOptionsWhere<Participant>, take: number, skip: number): Promise<[Participant[], number]> {
    return this.repo.findAndCount({ where, order: { createdAt: 'ASC', id: 'ASC' }, take, skip });
  }

  findOne(where: FindOptionsWhere<Participant>): Promise<Participant | null> {
    return this.repo.findOne({ where });
  }

  /**
   * The row locked in the current transaction: answers and removals of one invitation queue up here.
   * The lock is a write (the row's own `updated_at` set again): every transaction that locked or
   * changed the row leaves a new row version, which is what `answerAtOnce` checks to know that
   * nothing happened to the invitation since it was read.
   */
  async lock(id: string, eventId?: string): Promise<Participant | null> {
    // Plain SQL (an RSVP answer runs this once): the same row TypeORM's findOne would build, without building its query each time.
    const [rows]: [Participant[], number] = await this.m.query(
      `UPDATE participants p SET updated_at = p.updated_at WHERE p.id = $1 ${eventId ? 'AND p.event_id = $2' : ''} RETURNING ${CONTEXT_COLUMNS}`,
      eventId ? [id, eventId] : [id],
    );
    return rows[0] ?? null;
  }

  /**
   * A plain answer (accepted, declined, tentative) in one statement, atomic on its own, when the
   * invitation is in the state the common answer needs — a person's, neither removed nor delegated,
   * no active substitute, its event open for answers at `at` (CAN_ANSWER_SQL) — and nothing wrote
   * or locked its row since the statement's snapshot (the row it locks is the one it sees: every
   * lock here is a write, see `lock`; otherwise what the statement reads of other tables might
   * miss what that writer wrote). It locks the row, sets the answer when status or note differ
   * (else leaves only a new row version, so answers of one invitation stay serialized), and runs
   * the caller's CTEs over `answered` (columns below) — the audit entry, written by its own module.
   * (Reminders are rounds of the event that read the answers when they run: InvitationOutbox.remind.)
   * Returns the answered row, or null when the invitation is not in that state (the caller takes the general path, which
   * re-reads everything under the lock and says why).
   */
  async answerAtOnce(
    a: { id: string; answer: ParticipantStatus; note: string | null; at: Date },
    more: (answered: string, p: SqlParams) => { ctes: string[] },
  ): Promise<AnsweredRow | null> {
    const p = new SqlParams();
    const id = p.add(a.id, 'uuid');
    const answer = p.add(a.answer, 'varchar');
    const note = p.add(a.note, 'text');
    const locked = `answer_l AS (
        SELECT p.id, p.event_id, p.status AS before, p.role,
               (p.status <> ${answer} OR p.response_note IS DISTINCT FROM ${note}) AS changed, e.version AS event_version,
               to_p.full_name AS to_name, to_p.email AS to_email
          FROM participants p JOIN ${EVENT_VERSIONS_SQL} e ON e.id = p.event_id ${RECIPIENT_JOIN}
         WHERE p.id = ${id} AND p.xmin = (SELECT s.xmin FROM participants s WHERE s.id = ${id})
           AND p.kind = 'person' AND p.status NOT IN ('removed', 'delegated')
           AND NOT EXISTS (SELECT 1 FROM participants s WHERE s.delegated_from_id = p.id AND ${statusIn(ACTIVE_STATUSES, 's.status')})
           AND ${CAN_ANSWER_SQL('e', p.add(a.at, 'timestamptz'))}
           FOR UPDATE OF p)`;
    const answered = `answer_u AS (
        UPDATE participants p SET status = ${answer},
               responded_at = CASE WHEN l.changed THEN ${p.add(a.at, 'timestamptz')} ELSE p.responded_at END,
               response_note = ${note}, updated_at = CASE WHEN l.changed THEN now() ELSE p.updated_at END
          FROM answer_l l WHERE p.id = l.id
        RETURNING p.id, p.event_id, l.before, l.changed, l.role, l.event_version, l.to_name, l.to_email)`;
    const rest = more('answer_u', p);
    // The same text for every answer: a prepared statement, planned once per connection.
    const [row] = await this.uow.query<AnsweredRow>(
      `WITH ${[locked, answered, ...rest.ctes].join(',\n')}
       SELECT u.id, u.event_id AS "eventId", u.role, u.changed, u.event_version AS "eventVersion", u.to_name AS "toName"
         FROM answer_u u`,
      p.values,
    );
    return row ?? null;
  }

  byIds(ids: string[]): Promise<Participant[]> {
    return ids.length ? this.repo.find({ where: { id: In(ids) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }

  async insert(rows: Partial<Participant>[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < rows.length; i += 5000) {
      const result = await this.m.insert(Participant, rows.slice(i, i + 5000) as never);
      out.push(...result.identifiers.map((x) => x.id as string));
    }
    return out;
  }

  /**
   * Persons onto the event's list in one statement: new rows inserted, rows `removed` earlier brought
   * back as new invitations (as `startOver` does); a person with any other row is left out. Returns
   * participant id by person id for those added or revived.
   */
  async addPersons(eventId: string, people: { personId: string; role: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < people.length; i += 5000) {
      const part = people.slice(i, i + 5000);
      const rows: { id: string; personId: string }[] = await this.m.query(
        `WITH v AS (SELECT * FROM unnest($2::uuid[], $3::varchar[]) WITH ORDINALITY AS v(person_id, role, n)),
         revived AS (
           UPDATE participants p SET status = 'pending', last_sent_sequence = NULL, invited_at = NULL, responded_at = NULL, response_note = NULL, last_error = NULL,
                  invitation_round = p.invitation_round + 1, sequence_bump = p.sequence_bump + 1, role = v.role, delegated_from_id = NULL, nominated_by_id = NULL, updated_at = now()
             FROM v WHERE p.event_id = $1 AND p.person_id = v.person_id AND p.status = 'removed'
           RETURNING p.id, p.person_id),
         ins AS (
           INSERT INTO participants (event_id, kind, person_id, role)
           SELECT $1, 'person', v.person_id, v.role FROM v
            WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.event_id = $1 AND p.person_id = v.person_id)
            ORDER BY v.n
           RETURNING id, person_id)
         SELECT id, person_id AS "personId" FROM revived UNION ALL SELECT id, person_id FROM ins`,
        [eventId, part.map((p) => p.personId), part.map((p) => p.role)],
      );
      for (const r of rows) out.set(r.personId, r.id);
    }
    return out;
  }

  async update(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.m.update(Participant, { id }, patch as never);
  }

  /** The active substitute an invitation was passed on to, if any. */
  async activeSubstitute(participantId: string): Promise<Participant | null> {
    const [row]: Participant[] = await this.m.query(`SELECT ${CONTEXT_COLUMNS} FROM participants p WHERE p.delegated_from_id = $1 AND ${statusIn(ACTIVE_STATUSES, 'p.status')} LIMIT 1`, [participantId]);
    return row ?? null;
  }

  /** Substitutes ever named for an invitation (each was mailed). */
  countSubstitutes(participantId: string): Promise<number> {
    return this.repo.count({ where: { delegatedFromId: participantId } });
  }

  /** An agency's nominees that still take part or answered (removals take them along). */
  nomineesOf(agencyId: string, statuses: readonly ParticipantStatus[]): Promise<Participant[]> {
    return this.repo.find({ where: { nominatedById: agencyId, status: In([...statuses]) }, order: { createdAt: 'ASC' } });
  }

  /** Seats taken per agency invitation. */
  async seatsTaken(agencyIds: string[]): Promise<Map<string, number>> {
    if (agencyIds.length === 0) return new Map();
    const rows: { id: string; n: number }[] = await this.m.query(
      `SELECT nominated_by_id AS id, count(*)::int AS n FROM participants WHERE nominated_by_id = ANY($1) AND ${statusIn(SEAT_STATUSES)} GROUP BY 1`,
      [agencyIds],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** Nominees ever named by an agency (for the nomination request's "already named"). */
  countNominated(agencyId: string): Promise<number> {
    return this.repo.count({ where: { nominatedById: agencyId } });
  }

  // ---- sending ---------------------------------------------------------------------------------

  /** One plain query per mail (the hot path of a 10,000-invitation send): participant, recipient, event version. */
  /** `hasSiteSql`: ParticipantSites' expression of whether `p.id` attends from a bridge point (`hasSite`). */
  async context(participantId: string, hasSiteSql = 'false'): Promise<ContextRow | null> {
    const [row]: ContextRow[] = await this.m.query(
      `SELECT ${CONTEXT_COLUMNS}, to_p.full_name AS "toName", to_p.title AS "toTitle", to_p.email AS "toEmail", e.version AS "eventVersion",
              ${hasSiteSql} AS "hasSite"
         FROM participants p JOIN ${EVENT_VERSIONS_SQL} e ON e.id = p.event_id ${RECIPIENT_JOIN}
        WHERE p.id = $1`,
      [participantId],
    );
    return row ?? null;
  }

  recipients(ids: string[]): Promise<RecipientRow[]> {
    return this.m.query(
      `SELECT p.id, p.kind, p.invitation_round AS round, p.organization_id AS "organizationId", to_p.email FROM participants p ${RECIPIENT_JOIN} WHERE p.id = ANY($1)`,
      [ids],
    );
  }

  /** Participants holding a seat who have not had `sequence` (agencies get their nomination request once). */
  async dueForSend(eventId: string, sequence: number): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `SELECT id FROM participants WHERE event_id = $1 AND ${statusIn(SEAT_STATUSES)}
          AND (last_sent_sequence IS NULL OR last_sent_sequence < $2) AND NOT (kind = 'agency' AND last_sent_sequence IS NOT NULL)`,
      [eventId, sequence],
    );
    return rows.map((r) => r.id);
  }

  countNotRemoved(eventId: string): Promise<number> {
    return this.repo.count({ where: { eventId, status: In(['pending', 'invited', 'accepted', 'declined', 'tentative', 'delegated', 'failed']) } });
  }

  /**
   * Persons who were mailed an older version than `sequence` and still expect the event — or, for a
   * cancellation, everyone who had it in a calendar (decliners too).
   */
  async mailedBefore(eventId: string, sequence: number, cancelled: boolean): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `SELECT id FROM participants WHERE event_id = $1 AND kind = 'person' AND last_sent_sequence IS NOT NULL AND last_sent_sequence < $2
          AND ${cancelled ? `status NOT IN ('removed', 'delegated')` : statusIn(SEAT_STATUSES)}`,
      [eventId, sequence],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Agencies whose nomination request went out for an older version and is still open (seats left):
   * their contacts hear of a move or a cancellation too.
   */
  async openAgenciesBefore(eventId: string, sequence: number): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `SELECT a.id FROM participants a
        WHERE a.event_id = $1 AND a.kind = 'agency' AND a.status <> 'removed' AND a.last_sent_sequence IS NOT NULL AND a.last_sent_sequence < $2
          AND (SELECT count(*) FROM participants n WHERE n.nominated_by_id = a.id AND ${statusIn(SEAT_STATUSES, 'n.status')}) < a.quota`,
      [eventId, sequence],
    );
    return rows.map((r) => r.id);
  }

  /** Of these, the persons a REQUEST was written for who still expect the event (an update may go to them). */
  async invitedPersons(ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `SELECT id FROM participants WHERE id = ANY($1) AND kind = 'person' AND last_sent_sequence IS NOT NULL AND NOT ${statusIn(WITHDRAWN_STATUSES)}`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** The version each participant was last sent. */
  lastSent(ids: string[]): Promise<{ id: string; seen: number | null }[]> {
    return this.m.query(`SELECT id, last_sent_sequence AS seen FROM participants WHERE id = ANY($1)`, [ids]);
  }

  /** Round and the attendee's own SEQUENCE bump; `bump`: raise it first (a CANCEL to them alone). */
  rounds(ids: string[], bump = false): Promise<{ id: string; kind: 'person' | 'agency'; round: number; sequenceBump: number }[]> {
    return bump
      ? this.m.query(
          `WITH u AS (UPDATE participants SET sequence_bump = sequence_bump + 1, updated_at = now() WHERE id = ANY($1) RETURNING id, kind, invitation_round AS round, sequence_bump AS "sequenceBump")
           SELECT * FROM u`,
          [ids],
        )
      : this.m.query(`SELECT id, kind, invitation_round AS round, sequence_bump AS "sequenceBump" FROM participants WHERE id = ANY($1)`, [ids]);
  }

  /** The event's persons who have said yes or maybe (a reminder round's recipients). */
  reminded(eventId: string): Promise<{ id: string; round: number }[]> {
    return this.m.query(`SELECT id, invitation_round AS round FROM participants WHERE event_id = $1 AND kind = 'person' AND ${statusIn(REMINDED_STATUSES)}`, [eventId]);
  }

  async markSent(ids: string[], sequence: number): Promise<void> {
    if (ids.length) await this.m.query(`UPDATE participants SET last_sent_sequence = $2, updated_at = now() WHERE id = ANY($1)`, [ids, sequence]);
  }

  /** The invitation mail reached them (batched across the mails in flight). */
  async markDelivered(ids: string[]): Promise<void> {
    await this.m.query(`UPDATE participants SET status = ${AFTER_DELIVERY_SQL}, invited_at = coalesce(invited_at, now()), last_error = NULL, updated_at = now() WHERE id = ANY($1)`, [ids]);
  }

  async markFailed(id: string, error: string, invitationMail: boolean): Promise<void> {
    await this.m.query(`UPDATE participants SET last_error = $2, status = ${AFTER_FAILURE_SQL('$3')}, updated_at = now() WHERE id = $1`, [id, error, invitationMail]);
  }

  /** Failed participants back to pending (their mails are retried). */
  async resetFailed(ids: string[]): Promise<void> {
    await this.m.query(`UPDATE participants SET status = 'pending', last_error = NULL, updated_at = now() WHERE id = ANY($1) AND status = 'failed'`, [ids]);
  }

  // ---- summary and feeds ---------------------------------------------------------------------

  /** Persons by status, role and their agency: the organizer's live counts. */
  countsByAgency(eventId: string): Promise<{ status: string; role: string; org_id: string | null; org_name: string | null; n: number }[]> {
    return this.m.query(
      `SELECT p.status, p.role, pe.organization_id AS org_id, o.name AS org_name, count(*)::int AS n
         FROM participants p JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = p.person_id LEFT JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = pe.organization_id
        WHERE p.event_id = $1 AND p.kind = 'person' AND p.status <> 'removed'
        GROUP BY 1, 2, 3, 4`,
      [eventId],
    );
  }

  agencies(eventId: string): Promise<{ id: string; organization_id: string; name: string; quota: number; status: string; nominated: number }[]> {
    return this.m.query(
      `SELECT a.id, a.organization_id, o.name, a.quota, a.status,
              (SELECT count(*)::int FROM participants n WHERE n.nominated_by_id = a.id AND ${statusIn(SEAT_STATUSES, 'n.status')}) AS nominated
         FROM participants a JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = a.organization_id
        WHERE a.event_id = $1 AND a.kind = 'agency' AND a.status <> 'removed'
        ORDER BY o.name`,
      [eventId],
    );
  }

  failed(eventId: string): Promise<{ id: string; last_error: string | null }[]> {
    return this.m.query(`SELECT id, last_error FROM participants WHERE event_id = $1 AND status = 'failed' ORDER BY updated_at DESC LIMIT 200`, [eventId]);
  }

  /** Events a person still expects (not declined, withdrawn or passed on), published, from a year before `now`. */
  async feedEventIds(personId: string, now: Date): Promise<string[]> {
    const rows: { event_id: string }[] = await this.m.query(
      `SELECT p.event_id FROM participants p JOIN ${EVENT_VERSIONS_SQL} e ON e.id = p.event_id
        WHERE p.person_id = $1 AND p.status NOT IN ('removed', 'declined', 'delegated') AND e.status <> 'draft' AND e.ends_at > $2::timestamptz - interval '1 year'
        ORDER BY e.starts_at LIMIT 500`,
      [personId, now],
    );
    return rows.map((r) => r.event_id);
  }
}
