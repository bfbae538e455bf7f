/**
 * The events module's read model for other modules' SQL: an event's state and version. Other modules
 * join this, never the `events` table (checked by src/module-sql-boundaries.spec.ts).
 * `version` changes whenever anything an invitation shows changes (time, place, sessions, status).
 */
export const EVENT_VERSIONS_SQL =
  `(SELECT id, status, sequence, starts_at, ends_at, updated_at::text || ':' || sequence || ':' || status AS version FROM events)`;
