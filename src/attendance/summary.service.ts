import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { EventsService } from '../events/events.service';
import { attendanceMessages } from './attendance-messages';
import { type ExportLine, exportTable, toCsv, toXlsx } from './attendance-export';
import { AttendanceRepository } from './attendance.repository';
import { ATTENDANCE_POINTS, type AttendancePoints, combineNamedAndCounted, type PointSummary, type Readiness } from './points.seam';
import { RosterService } from './roster.service';

interface Group {
  invited: number;
  accepted: number;
  present: number;
}

/** Attendance in numbers (item 14): what the organizer's board and the reports read. */
@Injectable()
export class SummaryService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly events: EventsService,
    private readonly rosters: RosterService,
    @Optional() @Inject(ATTENDANCE_POINTS) private readonly points?: AttendancePoints,
  ) {}

  /**
   * Invited (persons on the list, not removed), accepted, present per session (present or late),
   * per organization and per role, the attendance rate (came to at least one session ÷ invited),
   * leaders present, no-shows (accepted and came to none), and — with the bridge-points module —
   * per point and points by readiness.
   */
  async summary(principal: Principal, eventId: string) {
    const event = await this.events.get(principal, eventId);
    const [counts, people] = await Promise.all([this.repo.sessionCounts(eventId), this.repo.attendees(eventId)]);
    const came = people.filter((p) => p.sessionsCame > 0);
    const group = (key: (p: (typeof people)[number]) => string | null) => {
      const out = new Map<string | null, Group>();
      for (const p of people) {
        const g = out.get(key(p)) ?? { invited: 0, accepted: 0, present: 0 };
        g.invited++;
        if (p.invitationStatus === 'accepted') g.accepted++;
        if (p.sessionsCame > 0) g.present++;
        out.set(key(p), g);
      }
      return out;
    };
    const orgNames = new Map(people.map((p) => [p.organizationId, p.organizationName]));
    const sessions = (event.sessions ?? []).map((s) => {
      const n = (status: string) => counts.find((c) => c.sessionId === s.id && c.status === status)?.n ?? 0;
      return {
        sessionId: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, startsAtLocal: s.startsAtLocal, endsAtLocal: s.endsAtLocal,
        present: n('present') + n('late'), late: n('late'), absent: n('absent'), excused: n('excused'), substitute: n('substitute'),
      };
    });
    const points = await this.pointSummary(eventId, people.filter((p) => p.sessionsCame > 0).map((p) => p.participantId));
    return {
      eventId,
      status: event.status,
      locked: this.rosters.locked(event),
      invited: people.length,
      accepted: people.filter((p) => p.invitationStatus === 'accepted').length,
      present: came.length,
      attendanceRate: people.length ? Math.round((came.length / people.length) * 1000) / 1000 : null,
      sessions,
      perOrganization: [...group((p) => p.organizationId)].map(([organizationId, g]) => ({ organizationId, name: orgNames.get(organizationId) ?? null, ...g })).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'vi')),
      perRole: [...group((p) => p.role)].map(([role, g]) => ({ role, ...g })),
      leadersPresent: came.filter((p) => p.isLeader).map((p) => ({ participantId: p.participantId, personId: p.personId, fullName: p.fullName, title: p.title, organizationName: p.organizationName })),
      noShows: people.filter((p) => p.invitationStatus === 'accepted' && p.sessionsCame === 0).map((p) => ({ participantId: p.participantId, personId: p.personId, fullName: p.fullName, title: p.title, organizationName: p.organizationName })),
      ...points,
    };
  }

  /**
   * SEAM (bridge points, items 13 and 14): per point, its reported headcount combined with the named
   * people assigned to it who came, and the points by readiness. Empty until bridge-points provides ATTENDANCE_POINTS.
   */
  private async pointSummary(eventId: string, cameIds: string[]): Promise<{ perPoint: PointSummary[]; pointsByReadiness: Partial<Record<Readiness, number>>; combinedTotal: number | null }> {
    if (!this.points) return { perPoint: [], pointsByReadiness: {}, combinedTotal: null };
    const [heads, assigned] = await Promise.all([this.points.headcounts(eventId), this.points.assignments(eventId)]);
    const came = new Set(cameIds);
    const namedByPoint = new Map([...assigned].map(([pointId, ids]) => [pointId, ids.filter((id) => came.has(id)).length]));
    const atPoints = new Set([...assigned.values()].flat());
    const { points, total } = combineNamedAndCounted(heads, namedByPoint, cameIds.filter((id) => !atPoints.has(id)).length);
    const byReadiness: Partial<Record<Readiness, number>> = {};
    for (const p of heads) byReadiness[p.readiness] = (byReadiness[p.readiness] ?? 0) + 1;
    return { perPoint: points, pointsByReadiness: byReadiness, combinedTotal: total };
  }

  /** Every session × person as XLSX or CSV (UTF-8 with BOM). */
  async export(principal: Principal, eventId: string, format: 'xlsx' | 'csv'): Promise<{ body: Buffer; contentType: string; filename: string }> {
    const event = await this.events.get(principal, eventId);
    const rows = await this.repo.exportRows(eventId);
    const lines: ExportLine[] = rows.map((r) => ({ ...r, sessionStartsAt: new Date(r.sessionStartsAt), sessionEndsAt: new Date(r.sessionEndsAt) }));
    const table = exportTable(lines);
    const date = event.startsAtLocal.slice(0, 10);
    if (format === 'csv') return { body: toCsv(table), contentType: 'text/csv; charset=utf-8', filename: `diem-danh-${date}.csv` };
    return { body: await toXlsx(table, attendanceMessages.vi['sheet.name']), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `diem-danh-${date}.xlsx` };
  }
}
