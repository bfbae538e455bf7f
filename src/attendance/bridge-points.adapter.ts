import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/time/clock';
import { BridgePointsService, type NamesReported } from '../bridge-points/bridge-points.service';
import { EventsService } from '../events/events.service';
import { currentSession } from './checkin-rules';
import type { AttendancePoints, PointHeadcount } from './points.seam';
import { RosterService } from './roster.service';

/**
 * Attendance's view of bridge points (ATTENDANCE_POINTS): which point a participant attends from,
 * the points' readiness and headcounts for the summary — and the names a coordinator ticks in a
 * headcount, recorded as present with method `site_report` for the session running at that moment
 * (or the last one that started), in the same unit of work as the headcount.
 */
@Injectable()
export class BridgePointsAttendance implements AttendancePoints, OnModuleInit {
  constructor(
    private readonly points: BridgePointsService,
    private readonly roster: RosterService,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.points.onNamesReported((r) => this.siteReport(r));
  }

  pointOf(participantId: string): Promise<string | null> {
    return this.points.pointOfParticipant(participantId);
  }

  assignments(eventId: string): Promise<Map<string, string[]>> {
    return this.points.assignmentsOf(eventId);
  }

  headcounts(eventId: string): Promise<PointHeadcount[]> {
    return this.points.pointHeadcounts(eventId);
  }

  private async siteReport({ eventId, pointId, participantIds, actor }: NamesReported): Promise<void> {
    const [event] = await this.events.viewsByIds([eventId]);
    // Attendance is taken for published events only; a draft's headcount keeps its names to itself.
    if (!event || event.status === 'draft' || event.status === 'cancelled') return;
    const sessions = (event.sessions ?? []).map((s) => ({ id: s.id, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));
    const now = this.clock.now();
    const session = currentSession(sessions, now) ?? sessions.filter((s) => s.startsAt <= now).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0];
    if (!session) return; // before the event: the names stay on the headcount, no session to record them in
    // The coordinator acts for this point only (the link was checked); the lock applies as to an organizer.
    const reporter: Principal = 'role' in actor ? (actor as Principal) : { userId: 'system', email: `coordinator:${pointId}`, role: 'organizer', scopeOrganizationId: null };
    await this.roster.recordSiteReport(reporter, eventId, session.id, participantIds.map((participantId) => ({ participantId, status: 'present' as const })));
  }
}
