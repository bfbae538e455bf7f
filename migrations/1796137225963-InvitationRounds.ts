import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitationRounds1796137225963 implements MigrationInterface {
  name = 'InvitationRounds1796137225963';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"participants\" ADD \"invitation_round\" integer NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"participants\" DROP COLUMN \"invitation_round\"");
  }
}
