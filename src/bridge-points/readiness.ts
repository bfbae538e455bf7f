import type { Fault, Readiness } from './bridge-point.entity';

/*
 * A point's readiness: `untested` → `rehearsed` (the test session went well) → `ready` (confirmed for
 * the day); `fault` from any state, with what failed; a fault fixed goes back to `rehearsed` (tested
 * again, not yet confirmed). Changing the room or the video system makes a tested point `untested`
 * again: the test was of something else.
 */

/** What an organizer or a coordinator may ask for. */
export type ReadinessAction = { to: 'rehearsed' } | { to: 'ready' } | { to: 'fault'; fault: Fault } | { to: 'untested' };

const ALLOWED: Record<Readiness, Readiness[]> = {
  untested: ['rehearsed', 'fault'],
  rehearsed: ['ready', 'fault', 'untested'],
  ready: ['fault', 'rehearsed', 'untested'],
  fault: ['rehearsed', 'fault', 'untested'],
};

/** The state after `action`, or null when the transition is not allowed (`untested` straight to `ready`). */
export function nextReadiness(current: Readiness, action: ReadinessAction): Readiness | null {
  return ALLOWED[current].includes(action.to) ? action.to : null;
}

/** Whether a point must be flagged: the event is at most `leadMinutes` from its start (or running) and the point is not ready. */
export function flagged(readiness: Readiness, startsAt: Date, now: Date, leadMinutes = 60): boolean {
  return readiness !== 'ready' && now.getTime() >= startsAt.getTime() - leadMinutes * 60_000;
}

/** When the T-60 check runs for an event starting at `startsAt`. */
export const readinessCheckAt = (startsAt: Date, leadMinutes = 60) => new Date(startsAt.getTime() - leadMinutes * 60_000);

/**
 * The default rehearsal: 14:00 (Hà Nội) on the working day before the event's first day (Monday's
 * event is rehearsed on the Friday before). `startsAt` in UTC; the result in UTC.
 */
export function defaultRehearsal(startsAt: Date): Date {
  const HANOI = 7 * 3_600_000;
  const local = new Date(startsAt.getTime() + HANOI);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  do day.setUTCDate(day.getUTCDate() - 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return new Date(day.getTime() + 14 * 3_600_000 - HANOI);
}
