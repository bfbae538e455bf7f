/**
 * The events module's read model for other modules' SQL: an event's state and version. Other modules
 * join this, never the `events` table (checked by src/module-sql-boundaries.spec.ts).
 * `version` changes whenever anything an invitation shows changes (time, place, sessions, status).
 */
export const EVENT_VERSIONS_SQL =
  `(SELECT id, status, sequence, starts_at, ends_at, updated_at::text || ':' || sequence || ':' || status AS version FROM events)`;

/** An event's sessions (start, end) for other modules' overlap tests. */
export const EVENT_SESSIONS_SQL = '(SELECT event_id, starts_at, ends_at FROM event_sessions)';
