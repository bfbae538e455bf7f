import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { EVENT_SESSIONS_SQL, EVENT_VERSIONS_SQL } from '../events/events.read-model';
import { PARTICIPANTS_SQL } from '../invitations/invitations.read-model';
import { ORGANIZATION_NAMES_SQL } from '../organizations/organizations.read-model';
import { PERSON_CONTACTS_SQL } from '../people/people.read-model';
import { BridgePoint, BridgePointChange, BridgePointHeadcount, BridgePointHeadcountLine, type ChangeKind, type Fault } from './bridge-point.entity';

export interface PointRow extends BridgePoint {
  hostOrganizationName: string;
  contactName: string | null;
  contactEmail: string | null;
  participantCount: number;
}

export interface HeadcountRow {
  id: string;
  actorUserId?: string | null;
  bridgePointId: string;
  present: number;
  substitutes: number;
  excused: number;
  participantIds: string[];
  note: string | null;
  actor: string;
  reportedAt: Date;
  agencies: { organizationId: string; organizationName: string; present: number }[];
}

export interface ClashRow {
  pointId: string;
  roomName: string;
  otherEventId: string;
  reason: 'room' | 'meeting';
}

export interface ChangeInput {
  bridgePointId: string;
  kind: ChangeKind;
  fromValue?: string | null;
  toValue?: string | null;
  fault?: Fault | null;
  note?: string | null;
  actorUserId: string | null;
  actor: string;
}

/** A participant of a point as its coordinator and the organizer see them. */
export interface PointParticipantRow {
  participantId: string;
  personId: string;
  fullName: string;
  title: string | null;
  organizationId: string | null;
  organizationName: string | null;
  role: string;
  status: string;
}

/** SQL: whether the participant `participantId` (an SQL expression) attends from a point (the assignments' primary key answers it). */
export const assignedSql = (participantId: string) => `EXISTS (SELECT 1 FROM bridge_point_assignments bpa WHERE bpa.participant_id = ${participantId})`;

const POINT_COLUMNS = `bp.id, bp.event_id AS "eventId", bp.is_main AS "isMain", bp.host_organization_id AS "hostOrganizationId",
  bp.room_name AS "roomName", bp.address, bp.contact_person_id AS "contactPersonId", bp.expected_attendance AS "expectedAttendance",
  bp.video_provider AS "videoProvider", bp.join_url AS "joinUrl", bp.dial_string AS "dialString", bp.meeting_id AS "meetingId",
  bp.passcode, bp.readiness, bp.fault, bp.rehearsal_at AS "rehearsalAt", bp.live_status AS "liveStatus", bp.position,
  bp.created_at AS "createdAt", bp.updated_at AS "updatedAt",
  o.name AS "hostOrganizationName", c.full_name AS "contactName", c.email AS "contactEmail",
  (SELECT count(*)::int FROM bridge_point_assignments a WHERE a.bridge_point_id = bp.id) AS "participantCount"`;

/** Every query of the bridge-points tables; others' tables only through their read models. */
@Injectable()
export class BridgePointsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get m() {
    return this.uow.manager;
  }

  points(eventId: string, ids?: string[]): Promise<PointRow[]> {
    return this.m.query(
      `SELECT ${POINT_COLUMNS} FROM bridge_points bp
       JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = bp.host_organization_id
       LEFT JOIN ${PERSON_CONTACTS_SQL} c ON c.id = bp.contact_person_id
       WHERE bp.event_id = $1 ${ids ? 'AND bp.id = ANY($2)' : ''}
       ORDER BY bp.is_main DESC, bp.position, o.name, bp.room_name`,
      ids ? [eventId, ids] : [eventId],
    );
  }

  async point(id: string): Promise<PointRow | null> {
    const [row] = await this.m.query(
      `SELECT ${POINT_COLUMNS} FROM bridge_points bp
       JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = bp.host_organization_id
       LEFT JOIN ${PERSON_CONTACTS_SQL} c ON c.id = bp.contact_person_id
       WHERE bp.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The point's row locked for a change (readiness, headcount) so two reports serialize. */
  async lock(id: string): Promise<BridgePoint | null> {
    return this.m.getRepository(BridgePoint).createQueryBuilder('bp').setLock('pessimistic_write').where('bp.id = :id', { id }).getOne();
  }

  async insert(rows: Partial<BridgePoint>[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const res = await this.m.getRepository(BridgePoint).insert(rows as never);
    return res.identifiers.map((i) => i.id as string);
  }

  async update(id: string, patch: Partial<BridgePoint>): Promise<void> {
    await this.m.getRepository(BridgePoint).update({ id }, patch as never);
  }

  async delete(id: string): Promise<void> {
    await this.m.getRepository(BridgePoint).delete({ id });
  }

  async nextPosition(eventId: string): Promise<number> {
    const [row]: { n: number }[] = await this.m.query('SELECT coalesce(max(position), 0)::int + 1 AS n FROM bridge_points WHERE event_id = $1', [eventId]);
    return row.n;
  }

  async addChanges(changes: ChangeInput[]): Promise<void> {
    if (changes.length) await this.m.getRepository(BridgePointChange).insert(changes.map((c) => ({ ...c, at: () => 'clock_timestamp()' })) as never);
  }

  timeline(pointId: string): Promise<BridgePointChange[]> {
    return this.m.getRepository(BridgePointChange).find({ where: { bridgePointId: pointId }, order: { at: 'ASC', id: 'ASC' }, take: 1000 });
  }

  async insertHeadcount(h: Omit<HeadcountRow, 'id' | 'reportedAt' | 'agencies'> & { agencies: { organizationId: string; present: number }[] }): Promise<string> {
    const { agencies, participantIds, ...row } = h;
    const res = await this.m.getRepository(BridgePointHeadcount).insert({ ...row, namedParticipantIds: participantIds, reportedAt: () => 'clock_timestamp()' } as never);
    const id = res.identifiers[0].id as string;
    if (agencies.length) await this.m.getRepository(BridgePointHeadcountLine).insert(agencies.map((a) => ({ headcountId: id, ...a })));
    return id;
  }

  /** The newest headcount of each point (the point's count), or every one of a point (its history, newest first). */
  async headcounts(pointIds: string[], history = false): Promise<HeadcountRow[]> {
    if (pointIds.length === 0) return [];
    return this.m.query(
      `SELECT h.id, h.bridge_point_id AS "bridgePointId", h.present, h.substitutes, h.excused, h.named_participant_ids AS "participantIds",
              h.note, h.actor, h.reported_at AS "reportedAt",
              coalesce((SELECT json_agg(json_build_object('organizationId', l.organization_id, 'organizationName', o.name, 'present', l.present) ORDER BY o.name)
                        FROM bridge_point_headcount_lines l JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = l.organization_id WHERE l.headcount_id = h.id), '[]') AS agencies
       FROM ${history ? 'bridge_point_headcounts h' : '(SELECT DISTINCT ON (bridge_point_id) * FROM bridge_point_headcounts WHERE bridge_point_id = ANY($1) ORDER BY bridge_point_id, reported_at DESC, id DESC) h'}
       WHERE h.bridge_point_id = ANY($1)
       ORDER BY h.reported_at DESC, h.id DESC
       LIMIT 1000`,
      [pointIds],
    );
  }

  /**
   * Points of this event whose room (same organization) or MCU meeting (same system and id) another
   * published event uses in a session that overlaps one of this event's sessions.
   */
  clashes(eventId: string, pointIds?: string[]): Promise<ClashRow[]> {
    return this.m.query(
      `SELECT DISTINCT ON (bp.id, o.event_id) bp.id AS "pointId", bp.room_name AS "roomName", o.event_id AS "otherEventId",
              CASE WHEN o.host_organization_id = bp.host_organization_id AND o.room_key = bp.room_key THEN 'room' ELSE 'meeting' END AS reason
       FROM bridge_points bp
       JOIN bridge_points o ON o.event_id <> bp.event_id
         AND ((o.host_organization_id = bp.host_organization_id AND o.room_key = bp.room_key)
              OR (o.meeting_key = bp.meeting_key AND o.video_provider = bp.video_provider))
       JOIN ${EVENT_VERSIONS_SQL} oe ON oe.id = o.event_id AND oe.status IN ('scheduled', 'in_progress')
       WHERE bp.event_id = $1 ${pointIds ? 'AND bp.id = ANY($2)' : ''}
         AND EXISTS (SELECT 1 FROM ${EVENT_SESSIONS_SQL} s1 JOIN ${EVENT_SESSIONS_SQL} s2
                       ON tstzrange(s1.starts_at, s1.ends_at) && tstzrange(s2.starts_at, s2.ends_at)
                     WHERE s1.event_id = bp.event_id AND s2.event_id = o.event_id)
       ORDER BY bp.id, o.event_id`,
      pointIds ? [eventId, pointIds] : [eventId],
    );
  }

  /** Active person participants of the event among `ids`, with their current point. */
  async activePersons(eventId: string, ids: string[]): Promise<{ id: string; pointId: string | null }[]> {
    return this.m.query(
      `SELECT p.id, a.bridge_point_id AS "pointId" FROM ${PARTICIPANTS_SQL} p
       LEFT JOIN bridge_point_assignments a ON a.participant_id = p.id
       WHERE p.event_id = $1 AND p.id = ANY($2) AND p.kind = 'person' AND p.active`,
      [eventId, ids],
    );
  }

  async assign(eventId: string, pointId: string, participantIds: string[]): Promise<void> {
    await this.m.query(
      `INSERT INTO bridge_point_assignments (participant_id, event_id, bridge_point_id)
       SELECT unnest($3::uuid[]), $1, $2
       ON CONFLICT (participant_id) DO UPDATE SET bridge_point_id = excluded.bridge_point_id, assigned_at = now()`,
      [eventId, pointId, participantIds],
    );
  }

  /** Takes participants off their point; returns those who had one, with it. */
  unassign(participantIds: string[]): Promise<{ participantId: string; pointId: string }[]> {
    return this.m.query(
      `DELETE FROM bridge_point_assignments WHERE participant_id = ANY($1) RETURNING participant_id AS "participantId", bridge_point_id AS "pointId"`,
      [participantIds],
    );
  }

  /** Each participant's point with what its invitation shows (room, host, address, join details). */
  sitesOf(participantIds: string[]): Promise<(Pick<PointRow, 'id' | 'roomName' | 'hostOrganizationName' | 'address' | 'joinUrl' | 'dialString' | 'meetingId' | 'passcode'> & { participantId: string })[]> {
    if (participantIds.length === 0) return Promise.resolve([]);
    return this.m.query(
      `SELECT a.participant_id AS "participantId", bp.id, bp.room_name AS "roomName", o.name AS "hostOrganizationName", bp.address,
              bp.join_url AS "joinUrl", bp.dial_string AS "dialString", bp.meeting_id AS "meetingId", bp.passcode
       FROM bridge_point_assignments a
       JOIN bridge_points bp ON bp.id = a.bridge_point_id
       JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = bp.host_organization_id
       WHERE a.participant_id = ANY($1)`,
      [participantIds],
    );
  }

  async pointOf(participantIds: string[]): Promise<Map<string, string>> {
    if (participantIds.length === 0) return new Map();
    const rows: { p: string; b: string }[] = await this.m.query('SELECT participant_id AS p, bridge_point_id AS b FROM bridge_point_assignments WHERE participant_id = ANY($1)', [participantIds]);
    return new Map(rows.map((r) => [r.p, r.b]));
  }

  async assignmentsOf(eventId: string): Promise<Map<string, string[]>> {
    const rows: { b: string; ids: string[] }[] = await this.m.query(
      'SELECT bridge_point_id AS b, array_agg(participant_id) AS ids FROM bridge_point_assignments WHERE event_id = $1 GROUP BY bridge_point_id',
      [eventId],
    );
    return new Map(rows.map((r) => [r.b, r.ids]));
  }

  /** Active participants assigned to a point, by agency and name (Vietnamese order). */
  pointParticipants(pointId: string): Promise<PointParticipantRow[]> {
    return this.m.query(
      `SELECT p.id AS "participantId", p.person_id AS "personId", pe.full_name AS "fullName", pe.title, pe.organization_id AS "organizationId",
              o.name AS "organizationName", p.role, p.status
       FROM bridge_point_assignments a
       JOIN ${PARTICIPANTS_SQL} p ON p.id = a.participant_id AND p.active
       JOIN ${PERSON_CONTACTS_SQL} pe ON pe.id = p.person_id
       LEFT JOIN ${ORGANIZATION_NAMES_SQL} o ON o.id = pe.organization_id
       WHERE a.bridge_point_id = $1
       ORDER BY o.name COLLATE "vi-x-icu", pe.full_name COLLATE "vi-x-icu"
       LIMIT 5000`,
      [pointId],
    );
  }

  /** Events with points whose readiness check is due to be synced (for the T-60 job): the event's points. */
  async countByEvent(eventId: string): Promise<number> {
    const [row]: { n: number }[] = await this.m.query('SELECT count(*)::int AS n FROM bridge_points WHERE event_id = $1', [eventId]);
    return row.n;
  }
}
