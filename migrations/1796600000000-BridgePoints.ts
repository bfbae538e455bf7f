import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bridge points (điểm cầu) of online and hybrid events: the points with their video system and
 * readiness, their timeline (readiness, live status, incidents), headcounts (newest replaces, all kept)
 * with per-agency lines, and which point each participant attends from (composite keys keep the
 * participant and the point in one event).
 */
export class BridgePoints1796600000000 implements MigrationInterface {
  name = 'BridgePoints1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES ($1, $2, $3, $4, $5, $6)", [await queryRunner.getCurrentDatabase(), "public", "bridge_points", "GENERATED_COLUMN", "room_key", "vn_fold(room_name)"]);
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES ($1, $2, $3, $4, $5, $6)", [await queryRunner.getCurrentDatabase(), "public", "bridge_points", "GENERATED_COLUMN", "meeting_key", "nullif(lower(regexp_replace(meeting_id, '\\s', '', 'g')), '')"]);
    await queryRunner.query("CREATE TABLE \"bridge_points\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"event_id\" uuid NOT NULL, \"is_main\" boolean NOT NULL DEFAULT false, \"host_organization_id\" uuid NOT NULL, \"room_name\" character varying(300) COLLATE \"vi-x-icu\" NOT NULL, \"room_key\" text GENERATED ALWAYS AS (vn_fold(room_name)) STORED NOT NULL, \"address\" character varying(500), \"contact_person_id\" uuid, \"expected_attendance\" integer, \"video_provider\" character varying(16) NOT NULL, \"join_url\" character varying(1000), \"dial_string\" character varying(300), \"meeting_id\" character varying(100), \"meeting_key\" text GENERATED ALWAYS AS (nullif(lower(regexp_replace(meeting_id, '\\s', '', 'g')), '')) STORED, \"passcode\" character varying(100), \"readiness\" character varying(16) NOT NULL DEFAULT 'untested', \"fault\" character varying(16), \"rehearsal_at\" TIMESTAMP WITH TIME ZONE, \"live_status\" character varying(16), \"position\" integer NOT NULL DEFAULT '0', CONSTRAINT \"bridge_points_id_event_id_key\" UNIQUE (\"id\", \"event_id\"), CONSTRAINT \"bridge_points_expected_check\" CHECK (expected_attendance IS NULL OR expected_attendance >= 0), CONSTRAINT \"bridge_points_live_status_check\" CHECK (live_status IS NULL OR live_status IN ('connected','degraded','disconnected')), CONSTRAINT \"bridge_points_fault_check\" CHECK ((readiness = 'fault') = (fault IS NOT NULL) AND (fault IS NULL OR fault IN ('no_picture','no_sound','link_lost','other'))), CONSTRAINT \"bridge_points_readiness_check\" CHECK (readiness IN ('untested','rehearsed','ready','fault')), CONSTRAINT \"bridge_points_provider_check\" CHECK (video_provider IN ('vnpt_cvc','zoom','webex','jitsi','bigbluebutton','sip','h323','other')), CONSTRAINT \"bridge_points_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"bridge_points_contact_person_id_idx\" ON \"bridge_points\"  (\"contact_person_id\") ");
    await queryRunner.query("CREATE INDEX \"bridge_points_room_idx\" ON \"bridge_points\"  (\"host_organization_id\", \"room_key\") ");
    await queryRunner.query("CREATE INDEX \"bridge_points_meeting_key_idx\" ON \"bridge_points\"  (\"meeting_key\") WHERE meeting_key IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"bridge_points_event_room_key\" ON \"bridge_points\"  (\"event_id\", \"host_organization_id\", \"room_key\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"bridge_points_event_main_key\" ON \"bridge_points\"  (\"event_id\") WHERE is_main");
    await queryRunner.query("CREATE TABLE \"bridge_point_changes\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"bridge_point_id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"from_value\" character varying(32), \"to_value\" character varying(32), \"fault\" character varying(16), \"note\" character varying(2000), \"actor_user_id\" uuid, \"actor\" character varying(254) NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"bridge_point_changes_kind_check\" CHECK (kind IN ('readiness','live','incident','rehearsal_time','reset')), CONSTRAINT \"bridge_point_changes_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"bridge_point_changes_point_at_idx\" ON \"bridge_point_changes\"  (\"bridge_point_id\", \"at\") ");
    await queryRunner.query("CREATE TABLE \"bridge_point_headcounts\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"bridge_point_id\" uuid NOT NULL, \"present\" integer NOT NULL, \"substitutes\" integer NOT NULL DEFAULT '0', \"excused\" integer NOT NULL DEFAULT '0', \"named_participant_ids\" uuid array NOT NULL DEFAULT '{}', \"note\" character varying(2000), \"actor_user_id\" uuid, \"actor\" character varying(254) NOT NULL, \"reported_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"bridge_point_headcounts_counts_check\" CHECK (present >= 0 AND excused >= 0 AND substitutes >= 0 AND substitutes <= present), CONSTRAINT \"bridge_point_headcounts_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"bridge_point_headcounts_point_at_idx\" ON \"bridge_point_headcounts\"  (\"bridge_point_id\", \"reported_at\") ");
    await queryRunner.query("CREATE TABLE \"bridge_point_headcount_lines\" (\"headcount_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"present\" integer NOT NULL, CONSTRAINT \"bridge_point_headcount_lines_count_check\" CHECK (present >= 0), CONSTRAINT \"bridge_point_headcount_lines_pkey\" PRIMARY KEY (\"headcount_id\", \"organization_id\"))");
    await queryRunner.query("CREATE TABLE \"bridge_point_assignments\" (\"participant_id\" uuid NOT NULL, \"event_id\" uuid NOT NULL, \"bridge_point_id\" uuid NOT NULL, \"assigned_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"bridge_point_assignments_pkey\" PRIMARY KEY (\"participant_id\"))");
    await queryRunner.query("CREATE INDEX \"bridge_point_assignments_point_idx\" ON \"bridge_point_assignments\"  (\"bridge_point_id\") ");
    await queryRunner.query("ALTER TABLE \"bridge_points\" ADD CONSTRAINT \"bridge_points_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_points\" ADD CONSTRAINT \"bridge_points_host_organization_id_fkey\" FOREIGN KEY (\"host_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_points\" ADD CONSTRAINT \"bridge_points_contact_person_id_fkey\" FOREIGN KEY (\"contact_person_id\") REFERENCES \"people\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_point_changes\" ADD CONSTRAINT \"bridge_point_changes_bridge_point_id_fkey\" FOREIGN KEY (\"bridge_point_id\") REFERENCES \"bridge_points\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_point_headcounts\" ADD CONSTRAINT \"bridge_point_headcounts_bridge_point_id_fkey\" FOREIGN KEY (\"bridge_point_id\") REFERENCES \"bridge_points\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_point_headcount_lines\" ADD CONSTRAINT \"bridge_point_headcount_lines_headcount_id_fkey\" FOREIGN KEY (\"headcount_id\") REFERENCES \"bridge_point_headcounts\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_point_headcount_lines\" ADD CONSTRAINT \"bridge_point_headcount_lines_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_point_assignments\" ADD CONSTRAINT \"bridge_point_assignments_participant_fkey\" FOREIGN KEY (\"participant_id\", \"event_id\") REFERENCES \"participants\"(\"id\",\"event_id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"bridge_point_assignments\" ADD CONSTRAINT \"bridge_point_assignments_point_fkey\" FOREIGN KEY (\"bridge_point_id\", \"event_id\") REFERENCES \"bridge_points\"(\"id\",\"event_id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"bridge_point_assignments\" DROP CONSTRAINT \"bridge_point_assignments_point_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_point_assignments\" DROP CONSTRAINT \"bridge_point_assignments_participant_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_point_headcount_lines\" DROP CONSTRAINT \"bridge_point_headcount_lines_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_point_headcount_lines\" DROP CONSTRAINT \"bridge_point_headcount_lines_headcount_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_point_headcounts\" DROP CONSTRAINT \"bridge_point_headcounts_bridge_point_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_point_changes\" DROP CONSTRAINT \"bridge_point_changes_bridge_point_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_points\" DROP CONSTRAINT \"bridge_points_contact_person_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_points\" DROP CONSTRAINT \"bridge_points_host_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"bridge_points\" DROP CONSTRAINT \"bridge_points_event_id_fkey\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_point_assignments_point_idx\"");
    await queryRunner.query("DROP TABLE \"bridge_point_assignments\"");
    await queryRunner.query("DROP TABLE \"bridge_point_headcount_lines\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_point_headcounts_point_at_idx\"");
    await queryRunner.query("DROP TABLE \"bridge_point_headcounts\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_point_changes_point_at_idx\"");
    await queryRunner.query("DROP TABLE \"bridge_point_changes\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_points_event_main_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_points_event_room_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_points_meeting_key_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_points_room_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"bridge_points_contact_person_id_idx\"");
    await queryRunner.query("DROP TABLE \"bridge_points\"");
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = $1 AND \"name\" = $2 AND \"database\" = $3 AND \"schema\" = $4 AND \"table\" = $5", ["GENERATED_COLUMN", "meeting_key", await queryRunner.getCurrentDatabase(), "public", "bridge_points"]);
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = $1 AND \"name\" = $2 AND \"database\" = $3 AND \"schema\" = $4 AND \"table\" = $5", ["GENERATED_COLUMN", "room_key", await queryRunner.getCurrentDatabase(), "public", "bridge_points"]);
  }
}
