/**
 * The people module's read model for other modules' SQL: the columns others may read, under names
 * this module keeps stable. Other modules join this (never the `people` table itself), so the module
 * rules hold for SQL too (checked by src/module-sql-boundaries.spec.ts).
 */
export const PERSON_CONTACTS_SQL = '(SELECT id, full_name, title, email, organization_id FROM people)';

/** A person's name, title, agency and whether they are a leader (lãnh đạo): attendance summaries and exports. */
export const PERSON_PROFILES_SQL = '(SELECT id, full_name, title, organization_id, is_leader FROM people)';

/** Who a roster line names: e-mail, name and organization (training's roster import matches on these). */
export const PERSON_MATCH_SQL = '(SELECT id, full_name, title, email, phone, organization_id, is_leader FROM people)';
