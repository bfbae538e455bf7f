/**
 * The organizations module's read model for other modules' SQL: id and display name. Other modules
 * join this, never the `organizations` table (checked by src/module-sql-boundaries.spec.ts).
 */
export const ORGANIZATION_NAMES_SQL = '(SELECT id, name FROM organizations)';

/** Materialised paths (`/root/…/id/`), for the principal loader: the caller's scope comes with the caller in one query. */
export const ORGANIZATION_PATHS_SQL = '(SELECT id, path FROM organizations)';
