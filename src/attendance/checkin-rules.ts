import { createHash } from 'node:crypto';
import type { AttendanceStatus, RefusalReason } from './attendance-record.entity';

/*
 * The rules of a check-in (điểm danh), pure: which session is current, whether a session's self
 * check-in window is open, present or late, the rotating hall code, the wrong-code throttle and the
 * lock. The services feed them what one SQL read returned and act on the answer.
 */

export interface SessionSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/** A session's self check-in window and its hall code (attendance_windows). */
export interface WindowRule {
  opensBeforeMinutes: number;
  closesAfterMinutes: number;
  lateAfterMinutes: number;
  rotateSeconds: number;
}

/** The defaults of issue 16: the window opens 30 minutes before the start and closes 30 after it; late after 15; a new code every minute. */
export const DEFAULT_WINDOW: WindowRule = { opensBeforeMinutes: 30, closesAfterMinutes: 30, lateAfterMinutes: 15, rotateSeconds: 60 };

/** Wrong codes a participant may type within THROTTLE.minutes before every attempt is refused `throttled`. */
export const THROTTLE = { maxBadCodes: 5, minutes: 10 } as const;

const MIN = 60_000;

/** [opensAt, closesAt] of a session's window: N minutes before the start to M minutes after the start. */
export function windowOf(session: Pick<SessionSlot, 'startsAt'>, rule: Pick<WindowRule, 'opensBeforeMinutes' | 'closesAfterMinutes'>): { opensAt: Date; closesAt: Date } {
  const start = session.startsAt.getTime();
  return { opensAt: new Date(start - rule.opensBeforeMinutes * MIN), closesAt: new Date(start + rule.closesAfterMinutes * MIN) };
}

export function inWindow(session: Pick<SessionSlot, 'startsAt'>, rule: Pick<WindowRule, 'opensBeforeMinutes' | 'closesAfterMinutes'>, now: Date): boolean {
  const { opensAt, closesAt } = windowOf(session, rule);
  return now.getTime() >= opensAt.getTime() && now.getTime() <= closesAt.getTime();
}

/**
 * The session a scan at `now` is for (the QR path, where the organizer scans): the one running, or
 * the next one starting within `earlyMinutes`. Sessions of an event do not overlap; null when none.
 */
export function currentSession<S extends SessionSlot>(sessions: readonly S[], now: Date, earlyMinutes = DEFAULT_WINDOW.opensBeforeMinutes): S | null {
  const t = now.getTime();
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return sorted.find((s) => t >= s.startsAt.getTime() - earlyMinutes * MIN && t <= s.endsAt.getTime()) ?? null;
}

/** Present, or late when the arrival is more than `lateAfterMinutes` after the session's start. */
export function arrivalStatus(session: Pick<SessionSlot, 'startsAt'>, lateAfterMinutes: number, at: Date): Extract<AttendanceStatus, 'present' | 'late'> {
  return at.getTime() > session.startsAt.getTime() + lateAfterMinutes * MIN ? 'late' : 'present';
}

/** The interval number of a rotating code at `nowMs`. */
export const intervalOf = (nowMs: number, rotateSeconds: number) => Math.floor(nowMs / (rotateSeconds * 1000));

/**
 * The hall code of a session for one interval: six digits of md5(secret:interval), the secret drawn
 * when the window was opened (attendance_windows.code_secret). md5 is not a MAC in general, but with
 * a 128-bit secret prefix and only six decimal digits shown, nothing of the secret can be learnt or
 * extended; it is chosen because PostgreSQL has it built in, so the check-in statement judges the
 * code itself (HALL_CODE_SQL, the same function in SQL) and a check-in is one round trip.
 */
export function hallCode(secret: string, interval: number): string {
  const hex = createHash('md5').update(`${secret}:${interval}`).digest('hex');
  return String(parseInt(hex.slice(0, 8), 16) % 1_000_000).padStart(6, '0');
}

/** hallCode in SQL, for a secret column and an interval expression (a bigint). */
export const HALL_CODE_SQL = (secret: string, interval: string) => `lpad((('x' || substr(md5(${secret} || ':' || (${interval})::text), 1, 8))::bit(32)::bigint % 1000000)::text, 6, '0')`;

/** The interval number at an instant in SQL (as intervalOf). */
export const INTERVAL_SQL = (now: string, rotateSeconds: string) => `floor(extract(epoch from ${now}) / ${rotateSeconds})::bigint`;

/** Judged on server time: the current interval's code and the previous one's (a code read off the screen just before it changed). */
export function codeAccepted(secret: string, code: string, nowMs: number, rotateSeconds: number): boolean {
  const k = intervalOf(nowMs, rotateSeconds);
  return code === hallCode(secret, k) || code === hallCode(secret, k - 1);
}

/** What one self check-in by code finds, read in one statement. */
export interface CodeCheckInFacts {
  participantStatus: string;
  participantKind: 'person' | 'agency';
  eventStatus: string;
  eventEndsAt: Date;
  /** The session asked for (or found current), null when none. */
  session: SessionSlot | null;
  /** Whether `sessionId` was given and is not a session of the participant's event. */
  foreignSession: boolean;
  window: WindowRule | null;
  /** Wrong codes of this participant within the throttle's minutes. */
  recentBadCodes: number;
  /** The row already recorded for the session, if any. */
  existing: { status: AttendanceStatus; nonce: string | null } | null;
  codeOk: boolean;
}

/**
 * Why a self check-in is refused, or null when it may be written. Order matters: a link past its
 * event says so before anything else; the throttle answers before the code is judged (a guesser
 * learns nothing once throttled).
 */
export function refusalOf(f: CodeCheckInFacts, now: Date): RefusalReason | null {
  if (f.participantStatus === 'removed' || f.participantKind !== 'person') return 'not_invited';
  if (f.eventStatus === 'cancelled' || f.eventStatus === 'draft' || now.getTime() > f.eventEndsAt.getTime()) return 'token_expired';
  if (f.foreignSession) return 'wrong_session';
  if (!f.session || !f.window || !inWindow(f.session, f.window, now)) return 'outside_window';
  if (f.recentBadCodes >= THROTTLE.maxBadCodes) return 'throttled';
  if (!f.codeOk) return 'bad_code';
  if (f.existing && f.existing.status !== 'absent') return 'already_checked_in';
  return null;
}

/**
 * Attendance locks `lockDays` after the event completes (its end): from then on only an admin may
 * correct it, and every correction is audited with before and after.
 */
export function isLocked(event: { status: string; endsAt: Date | string }, lockDays: number, now: Date): boolean {
  return event.status === 'completed' && now.getTime() >= new Date(event.endsAt).getTime() + lockDays * 86_400_000;
}
