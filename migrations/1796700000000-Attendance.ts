import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance (điểm danh, issue 16 items 7–15): one row per session × participant (the unique pair
 * is what makes repeated and concurrent check-ins one row), each session's self check-in window,
 * and the log of refused check-ins. Participants are referenced with (id, event_id) so a row, and a
 * substitute it names, always belong to the row's own event; a session with attendance cannot be
 * replaced (RESTRICT) rather than losing its rows.
 */
export class Attendance1796700000000 implements MigrationInterface {
  name = 'Attendance1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"attendance_records\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"event_id\" uuid NOT NULL, \"session_id\" uuid NOT NULL, \"participant_id\" uuid NOT NULL, \"status\" character varying(16) NOT NULL, \"substitute_participant_id\" uuid, \"method\" character varying(16) NOT NULL, \"recorded_by_user_id\" uuid, \"recorded_by\" character varying(254) NOT NULL, \"scanned_at\" TIMESTAMP WITH TIME ZONE, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"offline\" boolean NOT NULL DEFAULT false, \"nonce\" character varying(64), \"note\" character varying(500), CONSTRAINT \"attendance_records_session_participant_key\" UNIQUE (\"session_id\", \"participant_id\"), CONSTRAINT \"attendance_records_substitute_check\" CHECK ((status = 'substitute') = (substitute_participant_id IS NOT NULL)), CONSTRAINT \"attendance_records_method_check\" CHECK (method IN ('manual','qr','code','site_report','import')), CONSTRAINT \"attendance_records_status_check\" CHECK (status IN ('present','late','absent','excused','substitute')), CONSTRAINT \"attendance_records_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"attendance_records_participant_id_idx\" ON \"attendance_records\"  (\"participant_id\") ");
    await queryRunner.query("CREATE INDEX \"attendance_records_substitute_participant_id_idx\" ON \"attendance_records\"  (\"substitute_participant_id\") ");
    await queryRunner.query("CREATE INDEX \"attendance_records_event_id_idx\" ON \"attendance_records\"  (\"event_id\") ");
    await queryRunner.query("CREATE TABLE \"attendance_windows\" (\"session_id\" uuid NOT NULL, \"event_id\" uuid NOT NULL, \"opens_before_minutes\" integer NOT NULL DEFAULT '30', \"closes_after_minutes\" integer NOT NULL DEFAULT '30', \"late_after_minutes\" integer NOT NULL DEFAULT '15', \"rotate_seconds\" integer NOT NULL DEFAULT '60', \"code_secret\" character varying(32) NOT NULL, \"opened_by\" character varying(254) NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"attendance_windows_rotate_check\" CHECK (rotate_seconds BETWEEN 15 AND 3600), CONSTRAINT \"attendance_windows_minutes_check\" CHECK (opens_before_minutes BETWEEN 0 AND 1440 AND closes_after_minutes BETWEEN 0 AND 1440 AND late_after_minutes BETWEEN 0 AND 1440), CONSTRAINT \"attendance_windows_pkey\" PRIMARY KEY (\"session_id\"))");
    await queryRunner.query("CREATE INDEX \"attendance_windows_event_id_idx\" ON \"attendance_windows\"  (\"event_id\") ");
    await queryRunner.query("CREATE TABLE \"attendance_refusals\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"event_id\" uuid NOT NULL, \"session_id\" uuid, \"participant_id\" uuid, \"reason\" character varying(24) NOT NULL, \"method\" character varying(16) NOT NULL, \"actor\" character varying(254) NOT NULL, \"nonce\" character varying(64), \"detail\" jsonb NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"attendance_refusals_method_check\" CHECK (method IN ('manual','qr','code','site_report','import')), CONSTRAINT \"attendance_refusals_reason_check\" CHECK (reason IN ('not_invited','wrong_session','outside_window','already_checked_in','token_expired','bad_code','throttled')), CONSTRAINT \"attendance_refusals_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"attendance_refusals_participant_reason_at_idx\" ON \"attendance_refusals\"  (\"participant_id\", \"reason\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"attendance_refusals_event_at_idx\" ON \"attendance_refusals\"  (\"event_id\", \"at\") ");
    await queryRunner.query("ALTER TABLE \"attendance_records\" ADD CONSTRAINT \"attendance_records_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attendance_records\" ADD CONSTRAINT \"attendance_records_session_id_fkey\" FOREIGN KEY (\"session_id\") REFERENCES \"event_sessions\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attendance_records\" ADD CONSTRAINT \"attendance_records_participant_fkey\" FOREIGN KEY (\"participant_id\", \"event_id\") REFERENCES \"participants\"(\"id\",\"event_id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attendance_records\" ADD CONSTRAINT \"attendance_records_substitute_fkey\" FOREIGN KEY (\"substitute_participant_id\", \"event_id\") REFERENCES \"participants\"(\"id\",\"event_id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attendance_windows\" ADD CONSTRAINT \"attendance_windows_session_id_fkey\" FOREIGN KEY (\"session_id\") REFERENCES \"event_sessions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attendance_windows\" ADD CONSTRAINT \"attendance_windows_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attendance_refusals\" ADD CONSTRAINT \"attendance_refusals_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"attendance_refusals\" DROP CONSTRAINT \"attendance_refusals_event_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"attendance_windows\" DROP CONSTRAINT \"attendance_windows_event_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"attendance_windows\" DROP CONSTRAINT \"attendance_windows_session_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"attendance_records\" DROP CONSTRAINT \"attendance_records_substitute_fkey\"");
    await queryRunner.query("ALTER TABLE \"attendance_records\" DROP CONSTRAINT \"attendance_records_participant_fkey\"");
    await queryRunner.query("ALTER TABLE \"attendance_records\" DROP CONSTRAINT \"attendance_records_session_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"attendance_records\" DROP CONSTRAINT \"attendance_records_event_id_fkey\"");
    await queryRunner.query("DROP INDEX \"public\".\"attendance_refusals_event_at_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"attendance_refusals_participant_reason_at_idx\"");
    await queryRunner.query("DROP TABLE \"attendance_refusals\"");
    await queryRunner.query("DROP INDEX \"public\".\"attendance_windows_event_id_idx\"");
    await queryRunner.query("DROP TABLE \"attendance_windows\"");
    await queryRunner.query("DROP INDEX \"public\".\"attendance_records_event_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"attendance_records_substitute_participant_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"attendance_records_participant_id_idx\"");
    await queryRunner.query("DROP TABLE \"attendance_records\"");
  }
}
