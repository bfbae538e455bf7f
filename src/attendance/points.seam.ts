/*
 * What attendance needs from bridge points, as a port: ATTENDANCE_POINTS is provided by
 * bridge-points.adapter.ts over BridgePointsService (attendance sits above bridge-points):
 * - the summary's `perPoint` (named and counted combined) and `pointsByReadiness` (SummaryService);
 * - a bridge point's coordinator scans QR codes of their own point's participants only
 *   (CheckInService.checkInByQr with `{ kind: 'coordinator', pointId }`, POST /api/bridge/{pointId}/checkin/{token});
 * - names a coordinator ticks in a headcount are written with method `site_report` (the adapter).
 * Optional in the services, so their unit specs run without bridge points.
 */
export const ATTENDANCE_POINTS = Symbol('ATTENDANCE_POINTS');

export type Readiness = 'untested' | 'rehearsed' | 'ready' | 'fault';

/** A point as the summary shows it, with the headcount its coordinator reported last (null: none reported). */
export interface PointHeadcount {
  pointId: string;
  name: string;
  main: boolean;
  readiness: Readiness;
  countedHeadcount: number | null;
}

/** What attendance needs from bridge-points. */
export interface AttendancePoints {
  /** The point a participant is assigned to (item 6), or null. */
  pointOf(participantId: string): Promise<string | null>;
  /** Participant ids assigned to each point of the event. */
  assignments(eventId: string): Promise<Map<string, string[]>>;
  /** Every point of the event with its readiness and last reported headcount. */
  headcounts(eventId: string): Promise<PointHeadcount[]>;
}

/** Who scans a QR code: a signed-in user, or (through the bridge-points link) a point's coordinator. */
export type Scanner = { kind: 'user'; principal: import('../common/auth/principal').Principal } | { kind: 'coordinator'; pointId: string; label: string };

export interface PointSummary extends PointHeadcount {
  /** Named participants of the point who came (present or late, any session). */
  named: number;
  /** The point's attendance: the headcount, which includes the named people at the point, or the names when more were named than counted. */
  total: number;
}

/**
 * Counted and named together (item 13): a point may report only a number. Named people checked in
 * at a point are part of its headcount, not added to it, so a point's total is the larger of the two
 * (never fewer people than were named). The event's total adds the named people who are at no point.
 */
export function combineNamedAndCounted(points: PointHeadcount[], namedByPoint: Map<string, number>, namedElsewhere: number): { points: PointSummary[]; total: number } {
  const out = points.map((p) => {
    const named = namedByPoint.get(p.pointId) ?? 0;
    return { ...p, named, total: Math.max(p.countedHeadcount ?? 0, named) };
  });
  return { points: out, total: namedElsewhere + out.reduce((n, p) => n + p.total, 0) };
}
