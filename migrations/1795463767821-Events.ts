import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Events with sessions and co-organizers, and the audit trail of the events module. */
export class Events1795463767821 implements MigrationInterface {
  name = 'Events1795463767821';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_entries\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"actor_user_id\" uuid, \"actor_email\" character varying(254) NOT NULL, \"entity_type\" character varying(32) NOT NULL, \"entity_id\" uuid NOT NULL, \"event_id\" uuid, \"action\" character varying(48) NOT NULL, \"changes\" jsonb NOT NULL, CONSTRAINT \"audit_entries_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"audit_entries_event_at_idx\" ON \"audit_entries\"  (\"event_id\", \"at\") ");
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES ($1, $2, $3, $4, $5, $6)", [await queryRunner.getCurrentDatabase(), "public", "events", "GENERATED_COLUMN", "venue_key", "vn_fold(venue_name)"]);
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES ($1, $2, $3, $4, $5, $6)", [await queryRunner.getCurrentDatabase(), "public", "events", "GENERATED_COLUMN", "search_text", "vn_fold(title || ' ' || coalesce(venue_name, ''))"]);
    await queryRunner.query("CREATE TABLE \"events\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"kind\" character varying(24) NOT NULL, \"title\" character varying(500) COLLATE \"vi-x-icu\" NOT NULL, \"description\" text, \"format\" character varying(16) NOT NULL, \"host_organization_id\" uuid NOT NULL, \"venue_name\" character varying(300), \"venue_address\" character varying(500), \"online_url\" character varying(1000), \"venue_key\" text GENERATED ALWAYS AS (vn_fold(venue_name)) STORED, \"chair_person_id\" uuid, \"public_summary\" text, \"status\" character varying(16) NOT NULL DEFAULT 'draft', \"ical_uid\" character varying(200) NOT NULL, \"sequence\" integer NOT NULL DEFAULT '0', \"starts_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ends_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"period_year\" integer, \"period_quarter\" smallint, \"period_from_month\" smallint, \"period_to_month\" smallint, \"conclusion\" text, \"search_text\" text GENERATED ALWAYS AS (vn_fold(title || ' ' || coalesce(venue_name, ''))) STORED NOT NULL, CONSTRAINT \"events_time_check\" CHECK (ends_at > starts_at), CONSTRAINT \"events_period_months_check\" CHECK (period_from_month BETWEEN 1 AND 12 AND period_to_month BETWEEN period_from_month AND 12), CONSTRAINT \"events_period_quarter_check\" CHECK (period_quarter BETWEEN 1 AND 4), CONSTRAINT \"events_status_check\" CHECK (status IN ('draft','scheduled','in_progress','completed','cancelled')), CONSTRAINT \"events_format_check\" CHECK (format IN ('in_person','online','hybrid')), CONSTRAINT \"events_kind_check\" CHECK (kind IN ('conference','training_class')), CONSTRAINT \"events_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"events_venue_key_idx\" ON \"events\"  (\"venue_key\") ");
    await queryRunner.query("CREATE INDEX \"events_chair_person_id_idx\" ON \"events\"  (\"chair_person_id\") ");
    await queryRunner.query("CREATE INDEX \"events_status_idx\" ON \"events\"  (\"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"events_ical_uid_key\" ON \"events\"  (\"ical_uid\") ");
    await queryRunner.query("CREATE INDEX \"events_starts_at_idx\" ON \"events\"  (\"starts_at\") ");
    await queryRunner.query("CREATE INDEX \"events_host_starts_idx\" ON \"events\"  (\"host_organization_id\", \"starts_at\") ");
    await queryRunner.query("CREATE TABLE \"event_sessions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"event_id\" uuid NOT NULL, \"starts_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ends_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"title\" character varying(200), CONSTRAINT \"event_sessions_time_check\" CHECK (ends_at > starts_at), CONSTRAINT \"event_sessions_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"event_sessions_event_id_idx\" ON \"event_sessions\"  (\"event_id\") ");
    await queryRunner.query("CREATE INDEX \"event_sessions_time_idx\" ON \"event_sessions\"  (\"starts_at\", \"ends_at\") ");
    await queryRunner.query("CREATE TABLE \"event_co_organizers\" (\"event_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, CONSTRAINT \"event_co_organizers_pkey\" PRIMARY KEY (\"event_id\", \"organization_id\"))");
    await queryRunner.query("ALTER TABLE \"events\" ADD CONSTRAINT \"events_host_organization_id_fkey\" FOREIGN KEY (\"host_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"events\" ADD CONSTRAINT \"events_chair_person_id_fkey\" FOREIGN KEY (\"chair_person_id\") REFERENCES \"people\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"event_sessions\" ADD CONSTRAINT \"event_sessions_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"event_co_organizers\" ADD CONSTRAINT \"event_co_organizers_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"event_co_organizers\" ADD CONSTRAINT \"event_co_organizers_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Trigram index for Vietnamese-insensitive search in titles and venues (declared synchronize: false).
    await queryRunner.query('CREATE INDEX "events_search_idx" ON "events" USING gin ("search_text" gin_trgm_ops)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "events_search_idx"');
    await queryRunner.query("ALTER TABLE \"event_co_organizers\" DROP CONSTRAINT \"event_co_organizers_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"event_co_organizers\" DROP CONSTRAINT \"event_co_organizers_event_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"event_sessions\" DROP CONSTRAINT \"event_sessions_event_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"events\" DROP CONSTRAINT \"events_chair_person_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"events\" DROP CONSTRAINT \"events_host_organization_id_fkey\"");
    await queryRunner.query("DROP TABLE \"event_co_organizers\"");
    await queryRunner.query("DROP INDEX \"public\".\"event_sessions_time_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"event_sessions_event_id_idx\"");
    await queryRunner.query("DROP TABLE \"event_sessions\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_host_starts_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_starts_at_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_ical_uid_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_status_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_chair_person_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_venue_key_idx\"");
    await queryRunner.query("DROP TABLE \"events\"");
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = $1 AND \"name\" = $2 AND \"database\" = $3 AND \"schema\" = $4 AND \"table\" = $5", ["GENERATED_COLUMN", "search_text", await queryRunner.getCurrentDatabase(), "public", "events"]);
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = $1 AND \"name\" = $2 AND \"database\" = $3 AND \"schema\" = $4 AND \"table\" = $5", ["GENERATED_COLUMN", "venue_key", await queryRunner.getCurrentDatabase(), "public", "events"]);
    await queryRunner.query("DROP INDEX \"public\".\"audit_entries_event_at_idx\"");
    await queryRunner.query("DROP TABLE \"audit_entries\"");
  }
}
