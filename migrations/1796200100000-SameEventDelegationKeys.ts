import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A substitute (delegated_from_id) and a nominee (nominated_by_id) point to a participant of the same
 * event: the single-column self-references become composite foreign keys on (id, event_id), which
 * needs a unique constraint on participants(id, event_id). Adding them fails if a row already
 * points across events — such a row is corrupt and must be fixed by hand first.
 */
export class SameEventDelegationKeys1796200100000 implements MigrationInterface {
  name = 'SameEventDelegationKeys1796200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_nominated_by_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_delegated_from_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_id_event_id_key\" UNIQUE (\"id\", \"event_id\")");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_nominated_by_fkey\" FOREIGN KEY (\"nominated_by_id\", \"event_id\") REFERENCES \"participants\"(\"id\",\"event_id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_delegated_from_fkey\" FOREIGN KEY (\"delegated_from_id\", \"event_id\") REFERENCES \"participants\"(\"id\",\"event_id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_delegated_from_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_nominated_by_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_id_event_id_key\"");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_delegated_from_id_fkey\" FOREIGN KEY (\"delegated_from_id\") REFERENCES \"participants\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_nominated_by_id_fkey\" FOREIGN KEY (\"nominated_by_id\") REFERENCES \"participants\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }
}
