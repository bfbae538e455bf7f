/**
 * The organizations module's read model for other modules' SQL: id and display name. Other modules
 * join this, never the `organizations` table (checked by src/module-sql-boundaries.spec.ts).
 */
export const ORGANIZATION_NAMES_SQL = '(SELECT id, name FROM organizations)';
