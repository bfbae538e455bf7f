import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The times an event, a session, an agenda item or a check-in's scan holds lie between 01/01/1900 and
 * 31/12/2200, Hà Nội time — what the API accepts (IsInstant), held by the tables too, so no other
 * path writes a year a calendar, a list or a page cannot show (year 0 is 1 BC in PostgreSQL).
 */
export class TimesWithinYears1797600000000 implements MigrationInterface {
  name = 'TimesWithinYears1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const within = (column: string) => `${column} BETWEEN '1900-01-01 00:00:00+07' AND '2200-12-31 23:59:59.999+07'`;
    await queryRunner.query(`ALTER TABLE events ADD CONSTRAINT events_years_check CHECK (${within('starts_at')} AND ${within('ends_at')})`);
    await queryRunner.query(`ALTER TABLE event_sessions ADD CONSTRAINT event_sessions_years_check CHECK (${within('starts_at')} AND ${within('ends_at')})`);
    await queryRunner.query(`ALTER TABLE agenda_items ADD CONSTRAINT agenda_items_years_check CHECK (${within('starts_at')})`);
    await queryRunner.query(`ALTER TABLE attendance_records ADD CONSTRAINT attendance_records_years_check CHECK (${within('scanned_at')})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE attendance_records DROP CONSTRAINT attendance_records_years_check');
    await queryRunner.query('ALTER TABLE agenda_items DROP CONSTRAINT agenda_items_years_check');
    await queryRunner.query('ALTER TABLE event_sessions DROP CONSTRAINT event_sessions_years_check');
    await queryRunner.query('ALTER TABLE events DROP CONSTRAINT events_years_check');
  }
}
