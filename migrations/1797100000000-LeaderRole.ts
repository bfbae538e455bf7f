import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts may have the role `leader` (lãnh đạo: reads everything in scope, publishes indicator rankings). */
export class LeaderRole1797100000000 implements MigrationInterface {
  name = 'LeaderRole1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "users_role_check"');
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK (role IN ('admin','organizer','trainer','viewer','leader'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "users_role_check"');
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK (role IN ('admin','organizer','trainer','viewer'))`);
  }
}
