import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lease of a run in progress, apart from the relay's lease: a row a handler is running keeps it
 * (renewed while it runs), so re-offering queued rows after a Redis blip, or a second copy of its job,
 * never starts a second run of it.
 */
export class OutboxRunLease1796400000150 implements MigrationInterface {
  name = 'OutboxRunLease1796400000150';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "claimed_until"`);
  }
}
