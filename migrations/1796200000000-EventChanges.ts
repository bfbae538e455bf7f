import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's change history in a table of its own (what invitees were told changed at each
 * SEQUENCE), instead of reading it back from the outbox's `events.changed` rows — so pruning old
 * outbox rows cannot lose what an update mail must say. Existing signals are copied over.
 */
export class EventChanges1796200000000 implements MigrationInterface {
  name = 'EventChanges1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"event_changes\" (\"event_id\" uuid NOT NULL, \"sequence\" integer NOT NULL, \"changes\" jsonb NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"event_changes_pkey\" PRIMARY KEY (\"event_id\", \"sequence\"))");
    await queryRunner.query("ALTER TABLE \"event_changes\" ADD CONSTRAINT \"event_changes_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query(
      `INSERT INTO event_changes (event_id, sequence, changes, at)
       SELECT (o.payload ->> 'eventId')::uuid, (o.payload ->> 'sequence')::int, coalesce(o.payload -> 'changes', '[]'::jsonb), o.created_at
         FROM outbox o JOIN events e ON e.id = (o.payload ->> 'eventId')::uuid
        WHERE o.kind = 'events.changed'
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"event_changes\" DROP CONSTRAINT \"event_changes_event_id_fkey\"");
    await queryRunner.query("DROP TABLE \"event_changes\"");
  }
}
