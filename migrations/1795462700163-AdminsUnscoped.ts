import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Administrators are never scoped (a scoped admin could lift its own scope through /api/users). */
export class AdminsUnscoped1795462700163 implements MigrationInterface {
  name = 'AdminsUnscoped1795462700163';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"users\" ADD CONSTRAINT \"users_admin_unscoped_check\" CHECK (role <> 'admin' OR scope_organization_id IS NULL)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"users\" DROP CONSTRAINT \"users_admin_unscoped_check\"");
  }
}
