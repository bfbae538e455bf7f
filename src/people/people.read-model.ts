/**
 * The people module's read model for other modules' SQL: the columns others may read, under names
 * this module keeps stable. Other modules join this (never the `people` table itself), so the module
 * rules hold for SQL too (checked by src/module-sql-boundaries.spec.ts).
 */
export const PERSON_CONTACTS_SQL = '(SELECT id, full_name, title, email, organization_id FROM people)';
