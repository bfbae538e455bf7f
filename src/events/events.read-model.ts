/**
 * The events module's read model for other modules' SQL: an event's state and version. Other modules
 * join this, never the `events` table (checked by src/module-sql-boundaries.spec.ts).
 * `version` changes whenever anything an invitation shows changes (time, place, sessions, status).
 */
export const EVENT_VERSIONS_SQL =
  `(SELECT id, status, sequence, starts_at, ends_at, updated_at::text || ':' || sequence || ':' || status AS version FROM events)`;

/** Sessions of events for other modules' SQL (attendance joins the session a check-in is for). */
export const EVENT_SESSIONS_SQL = '(SELECT id, event_id, starts_at, ends_at, title FROM event_sessions)';
