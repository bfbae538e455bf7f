import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-attendee SEQUENCE: a CANCEL to one attendee and a re-invitation after it each carry a higher SEQUENCE than their last. The counters never go below 0. */
export class AttendeeSequence1796300000000 implements MigrationInterface {
  name = 'AttendeeSequence1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participants" ADD "sequence_bump" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "participants" ADD CONSTRAINT "participants_counters_check" CHECK (invitation_round >= 0 AND sequence_bump >= 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "participants_counters_check"`);
    await queryRunner.query(`ALTER TABLE "participants" DROP COLUMN "sequence_bump"`);
  }
}
