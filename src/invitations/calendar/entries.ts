/**
 * The calendar entries of an event: what each client shows, and what each iTIP message carries.
 *
 * - One session, or a regular daily series (same duration, starts a whole number of days apart,
 *   evenly): ONE entry, the event's own UID; a series is written as RRULE:FREQ=DAILY;INTERVAL=k;COUNT=n,
 *   which Outlook, Gmail, Apple Calendar, Thunderbird and khal all expand.
 * - Anything else (a morning and an afternoon, uneven days): ONE ENTRY PER SESSION, each with its own
 *   stable UID — the 1st session keeps the event's UID (so a single-session event, or an invitation
 *   already sent, keeps its UID), the k-th (k ≥ 2, in start order) gets `<uid local part>-s<k>@<domain>`.
 *   Its SUMMARY is "event title – session title", or "event title – buổi k/n" for an untitled session.
 *   An RDATE master with RECURRENCE-ID overrides would keep one UID, but Outlook does not support
 *   RDATE and khal shows only the master: every client shows plain events.
 *
 * iTIP carries one UID per message (RFC 5546 §1.4), so each entry is invited, updated and cancelled
 * in its own message; a feed or a download (PUBLISH) carries them all.
 */
const DAY_MS = 86_400_000;

export interface IcsSession {
  startsAt: Date;
  endsAt: Date;
  title?: string | null;
}

export interface CalendarEntry {
  /** 1-based, in start order: which of the event's entries this is. */
  position: number;
  /** How many entries the event has. */
  count: number;
  uid: string;
  title: string;
  /** One session; or the whole daily series (count 1). */
  sessions: IcsSession[];
}

/** "buổi k/n" for a session without a title (from the caller's message catalog). */
export type UntitledSession = (position: number, count: number) => string;

export function sortSessions<S extends IcsSession>(sessions: readonly S[]): S[] {
  return [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** `FREQ=DAILY;INTERVAL=k;COUNT=n` when the (sorted) sessions are an even series of whole days, else undefined. */
export function dailyRule(sessions: readonly IcsSession[]): string | undefined {
  if (sessions.length < 2) return undefined;
  const duration = (s: IcsSession) => s.endsAt.getTime() - s.startsAt.getTime();
  const step = sessions[1].startsAt.getTime() - sessions[0].startsAt.getTime();
  if (step <= 0 || step % DAY_MS !== 0) return undefined;
  const regular = sessions.every(
    (s, i) => duration(s) === duration(sessions[0]) && (i === 0 || s.startsAt.getTime() - sessions[i - 1].startsAt.getTime() === step),
  );
  return regular ? `FREQ=DAILY;INTERVAL=${step / DAY_MS};COUNT=${sessions.length}` : undefined;
}

/** The UID of the event's `position`-th entry: the event's own for the first. */
export function entryUid(eventUid: string, position: number): string {
  if (position <= 1) return eventUid;
  const at = eventUid.lastIndexOf('@');
  return at < 0 ? `${eventUid}-s${position}` : `${eventUid.slice(0, at)}-s${position}${eventUid.slice(at)}`;
}

/** How many calendar entries these sessions make (0 for none). */
export function entryCount(sessions: readonly IcsSession[]): number {
  if (sessions.length <= 1) return sessions.length;
  return dailyRule(sortSessions(sessions)) ? 1 : sessions.length;
}

/** The entries of an event with this UID, title and sessions (in any order). */
export function calendarEntries(event: { uid: string; title: string; sessions: readonly IcsSession[] }, untitled: UntitledSession): CalendarEntry[] {
  const sessions = sortSessions(event.sessions);
  if (sessions.length === 0) return [];
  if (entryCount(sessions) === 1) return [{ position: 1, count: 1, uid: event.uid, title: event.title, sessions }];
  const count = sessions.length;
  return sessions.map((s, i) => ({
    position: i + 1,
    count,
    uid: entryUid(event.uid, i + 1),
    title: `${event.title} – ${s.title?.trim() || untitled(i + 1, count)}`,
    sessions: [s],
  }));
}
