import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Waitlist promotion (issue 17): the order enrolments were taken in, and a withdrawn waitlisted trainee (no participant row). */

export class TrainingWaitlistOrder1797000000000 implements MigrationInterface {
  name = 'TrainingWaitlistOrder1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"training_enrollments\" ADD \"queue_position\" BIGSERIAL NOT NULL");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" DROP CONSTRAINT \"training_enrollments_participant_check\"");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" ADD CONSTRAINT \"training_enrollments_participant_check\" CHECK ((status = 'waitlisted' AND participant_id IS NULL) OR (status IN ('enrolled','completed','incomplete') AND participant_id IS NOT NULL) OR status = 'withdrawn')");
    await queryRunner.query("CREATE INDEX \"training_enrollments_waitlist_idx\" ON \"training_enrollments\"  (\"class_event_id\", \"queue_position\") WHERE status = 'waitlisted'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"training_enrollments_waitlist_idx\"");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" DROP CONSTRAINT \"training_enrollments_participant_check\"");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" ADD CONSTRAINT \"training_enrollments_participant_check\" CHECK ((status = 'waitlisted') = (participant_id IS NULL))");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" DROP COLUMN \"queue_position\"");
  }
}
