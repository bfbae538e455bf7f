import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tokens carry the user's token version; raising it revokes every older token (password reset, deactivation, role change). */
export class UserTokenVersion1795463217925 implements MigrationInterface {
  name = 'UserTokenVersion1795463217925';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"users\" ADD \"token_version\" integer NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"users\" DROP COLUMN \"token_version\"");
  }
}
