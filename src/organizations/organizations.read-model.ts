/**
 * The organizations module's read model for other modules' SQL: id and display name. Other modules
 * join this, never the `organizations` table (checked by src/module-sql-boundaries.spec.ts).
 */
export const ORGANIZATION_NAMES_SQL = '(SELECT id, name FROM organizations)';

/** Materialised paths (`/root/…/id/`), for the principal loader: the caller's scope comes with the caller in one query. */
export const ORGANIZATION_PATHS_SQL = '(SELECT id, path FROM organizations)';

/** Name, short name, code, level and path of each organization, for training's counts per agency and level and its roster import's agency matching. */
export const ORGANIZATION_PROFILES_SQL = '(SELECT id, name, short_name, code, level, path FROM organizations)';

/** Headcounts (officials) per organization and year: the denominator of training shares, per period. */
export const ORGANIZATION_HEADCOUNTS_SQL = '(SELECT organization_id, year, officials FROM organization_headcounts)';

/** Kind and path of each organization: indicators ranks an organization's departments and districts (its direct children). */
export const ORGANIZATION_KINDS_SQL = '(SELECT id, name, kind, level, path FROM organizations)';
