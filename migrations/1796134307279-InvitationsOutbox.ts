import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Participants of events (persons and agencies with quotas, nominees, substitutes) and the job outbox. */
export class InvitationsOutbox1796134307279 implements MigrationInterface {
  name = 'InvitationsOutbox1796134307279';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"participants\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"event_id\" uuid NOT NULL, \"kind\" character varying(8) NOT NULL, \"person_id\" uuid, \"organization_id\" uuid, \"quota\" integer, \"contact_person_id\" uuid, \"role\" character varying(16) NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'pending', \"nominated_by_id\" uuid, \"delegated_from_id\" uuid, \"last_sent_sequence\" integer, \"invited_at\" TIMESTAMP WITH TIME ZONE, \"responded_at\" TIMESTAMP WITH TIME ZONE, \"response_note\" character varying(1000), \"last_error\" text, CONSTRAINT \"participants_target_check\" CHECK ((kind = 'person' AND person_id IS NOT NULL AND organization_id IS NULL AND quota IS NULL) OR (kind = 'agency' AND organization_id IS NOT NULL AND person_id IS NULL AND quota >= 1)), CONSTRAINT \"participants_status_check\" CHECK (status IN ('pending','invited','accepted','declined','tentative','delegated','failed','removed')), CONSTRAINT \"participants_role_check\" CHECK (role IN ('chair','speaker','delegate','guest','trainee','trainer','technician')), CONSTRAINT \"participants_kind_check\" CHECK (kind IN ('person','agency')), CONSTRAINT \"participants_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"participants_person_id_idx\" ON \"participants\"  (\"person_id\") ");
    await queryRunner.query("CREATE INDEX \"participants_nominated_by_id_idx\" ON \"participants\"  (\"nominated_by_id\") ");
    await queryRunner.query("CREATE INDEX \"participants_delegated_from_id_idx\" ON \"participants\"  (\"delegated_from_id\") ");
    await queryRunner.query("CREATE INDEX \"participants_event_status_idx\" ON \"participants\"  (\"event_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"participants_event_organization_key\" ON \"participants\"  (\"event_id\", \"organization_id\") WHERE organization_id IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"participants_event_person_key\" ON \"participants\"  (\"event_id\", \"person_id\") WHERE person_id IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"kind\" character varying(64) NOT NULL, \"payload\" jsonb NOT NULL, \"dedupe_key\" character varying(300), \"topic\" character varying(200), \"status\" character varying(16) NOT NULL DEFAULT 'pending', \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"run_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"locked_until\" TIMESTAMP WITH TIME ZONE, \"done_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"outbox_attempts_check\" CHECK (attempts >= 0), CONSTRAINT \"outbox_status_check\" CHECK (status IN ('pending','queued','done','failed','cancelled')), CONSTRAINT \"outbox_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"outbox_dedupe_key_key\" ON \"outbox\"  (\"dedupe_key\") ");
    await queryRunner.query("CREATE INDEX \"outbox_topic_idx\" ON \"outbox\"  (\"topic\") ");
    await queryRunner.query("CREATE INDEX \"outbox_lease_idx\" ON \"outbox\"  (\"locked_until\") WHERE status = 'queued'");
    await queryRunner.query("CREATE INDEX \"outbox_pending_idx\" ON \"outbox\"  (\"run_at\") WHERE status = 'pending'");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_person_id_fkey\" FOREIGN KEY (\"person_id\") REFERENCES \"people\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_contact_person_id_fkey\" FOREIGN KEY (\"contact_person_id\") REFERENCES \"people\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_nominated_by_id_fkey\" FOREIGN KEY (\"nominated_by_id\") REFERENCES \"participants\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"participants\" ADD CONSTRAINT \"participants_delegated_from_id_fkey\" FOREIGN KEY (\"delegated_from_id\") REFERENCES \"participants\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_delegated_from_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_nominated_by_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_contact_person_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_person_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"participants\" DROP CONSTRAINT \"participants_event_id_fkey\"");
    await queryRunner.query("DROP INDEX \"public\".\"outbox_pending_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"outbox_lease_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"outbox_topic_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"outbox_dedupe_key_key\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
    await queryRunner.query("DROP INDEX \"public\".\"participants_event_person_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"participants_event_organization_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"participants_event_status_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"participants_delegated_from_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"participants_nominated_by_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"participants_person_id_idx\"");
    await queryRunner.query("DROP TABLE \"participants\"");
  }
}
