import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GiST indexes on the time range of events and sessions, so "overlaps [from, to)" — the date-range
 * filter of the event list and the sessions of a calendar month — is an index lookup instead of a
 * scan of everything before `to` (declared `synchronize: false` on the entities: expression indexes).
 */
export class EventTimeRanges1796134662433 implements MigrationInterface {
  name = 'EventTimeRanges1796134662433';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "events_time_range_idx" ON "events" USING gist (tstzrange("starts_at", "ends_at"))');
    await queryRunner.query('CREATE INDEX "event_sessions_time_range_idx" ON "event_sessions" USING gist (tstzrange("starts_at", "ends_at"))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "event_sessions_time_range_idx"');
    await queryRunner.query('DROP INDEX "events_time_range_idx"');
  }
}
