import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vietnamese-insensitive search: `vn_fold(text)` lower-cases and removes diacritics (đ → d included)
 * with PostgreSQL's unaccent dictionary. Declared IMMUTABLE (with the dictionary named explicitly)
 * so generated columns and indexes can use it; pg_trgm makes `LIKE '%…%'` on the folded text indexable.
 */
export class VietnameseText1795460000000 implements MigrationInterface {
  name = 'VietnameseText1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
    await q.query(
      `CREATE OR REPLACE FUNCTION vn_fold(input text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS vn_fold(text)');
  }
}
