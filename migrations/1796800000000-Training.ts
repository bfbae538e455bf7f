import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training (tập huấn, issue 17): programs with their certificate counter, classes (a row per
 * `training_class` event: program, capacity, completion rule), enrolments (one lượt each, unique per
 * class and person) and certificates (unique number, unique per program, year and sequence).
 */
export class Training1796800000000 implements MigrationInterface {
  name = 'Training1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"training_programs\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"code\" character varying(32) NOT NULL, \"name\" character varying(300) COLLATE \"vi-x-icu\" NOT NULL, \"year\" integer NOT NULL, \"organizer_organization_id\" uuid NOT NULL, \"description\" text, \"audience_organization_ids\" uuid array NOT NULL DEFAULT '{}', \"audience_levels\" character varying(16) array NOT NULL DEFAULT '{}', \"topics\" text array NOT NULL DEFAULT '{}', \"target_classes\" integer, \"target_trainees\" integer, \"target_headcount_percent\" integer, \"certificate_seq\" integer NOT NULL DEFAULT '0', CONSTRAINT \"training_programs_code_key\" UNIQUE (\"code\"), CONSTRAINT \"training_programs_certificate_seq_check\" CHECK (certificate_seq >= 0), CONSTRAINT \"training_programs_targets_check\" CHECK ((target_classes IS NULL OR target_classes >= 0) AND (target_trainees IS NULL OR target_trainees >= 0) AND (target_headcount_percent IS NULL OR target_headcount_percent BETWEEN 0 AND 100)), CONSTRAINT \"training_programs_year_check\" CHECK (year BETWEEN 1945 AND 2200), CONSTRAINT \"training_programs_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"training_programs_organizer_id_idx\" ON \"training_programs\"  (\"organizer_organization_id\") ");
    await queryRunner.query("CREATE TABLE \"training_classes\" (\"event_id\" uuid NOT NULL, \"program_id\" uuid NOT NULL, \"capacity\" integer, \"min_attendance_percent\" integer NOT NULL DEFAULT '80', \"pass_score\" numeric(5,2), \"hours\" numeric(5,1), \"external_trainers\" text array NOT NULL DEFAULT '{}', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"training_classes_hours_check\" CHECK (hours IS NULL OR hours > 0), CONSTRAINT \"training_classes_pass_score_check\" CHECK (pass_score IS NULL OR pass_score BETWEEN 0 AND 100), CONSTRAINT \"training_classes_min_attendance_check\" CHECK (min_attendance_percent BETWEEN 1 AND 100), CONSTRAINT \"training_classes_capacity_check\" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT \"training_classes_pkey\" PRIMARY KEY (\"event_id\"))");
    await queryRunner.query("CREATE INDEX \"training_classes_program_id_idx\" ON \"training_classes\"  (\"program_id\") ");
    await queryRunner.query("CREATE TABLE \"training_enrollments\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"class_event_id\" uuid NOT NULL, \"program_id\" uuid NOT NULL, \"person_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"participant_id\" uuid, \"status\" character varying(16) NOT NULL, \"source\" character varying(16) NOT NULL, \"enrolled_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"score\" numeric(5,2), \"sessions_counted\" integer NOT NULL DEFAULT '0', \"sessions_attended\" integer NOT NULL DEFAULT '0', \"sessions_excused\" integer NOT NULL DEFAULT '0', \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"training_enrollments_class_person_key\" UNIQUE (\"class_event_id\", \"person_id\"), CONSTRAINT \"training_enrollments_participant_check\" CHECK ((status = 'waitlisted') = (participant_id IS NULL)), CONSTRAINT \"training_enrollments_score_check\" CHECK (score IS NULL OR score BETWEEN 0 AND 100), CONSTRAINT \"training_enrollments_source_check\" CHECK (source IN ('manual','quota','import')), CONSTRAINT \"training_enrollments_status_check\" CHECK (status IN ('waitlisted','enrolled','completed','incomplete','withdrawn')), CONSTRAINT \"training_enrollments_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"training_enrollments_person_id_idx\" ON \"training_enrollments\"  (\"person_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"training_enrollments_participant_id_idx\" ON \"training_enrollments\"  (\"participant_id\") ");
    await queryRunner.query("CREATE INDEX \"training_enrollments_program_organization_idx\" ON \"training_enrollments\"  (\"program_id\", \"organization_id\") ");
    await queryRunner.query("CREATE INDEX \"training_enrollments_program_person_idx\" ON \"training_enrollments\"  (\"program_id\", \"person_id\") ");
    await queryRunner.query("CREATE TABLE \"training_certificates\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"program_id\" uuid NOT NULL, \"enrollment_id\" uuid NOT NULL, \"year\" integer NOT NULL, \"seq\" integer NOT NULL, \"number\" character varying(64) NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"revoked_reason\" character varying(500), \"print_count\" integer NOT NULL DEFAULT '1', CONSTRAINT \"training_certificates_enrollment_key\" UNIQUE (\"enrollment_id\"), CONSTRAINT \"training_certificates_program_seq_key\" UNIQUE (\"program_id\", \"year\", \"seq\"), CONSTRAINT \"training_certificates_number_key\" UNIQUE (\"number\"), CONSTRAINT \"training_certificates_seq_check\" CHECK (seq > 0), CONSTRAINT \"training_certificates_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"training_programs\" ADD CONSTRAINT \"training_programs_organizer_fkey\" FOREIGN KEY (\"organizer_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_classes\" ADD CONSTRAINT \"training_classes_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_classes\" ADD CONSTRAINT \"training_classes_program_id_fkey\" FOREIGN KEY (\"program_id\") REFERENCES \"training_programs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" ADD CONSTRAINT \"training_enrollments_class_fkey\" FOREIGN KEY (\"class_event_id\") REFERENCES \"training_classes\"(\"event_id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" ADD CONSTRAINT \"training_enrollments_program_id_fkey\" FOREIGN KEY (\"program_id\") REFERENCES \"training_programs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" ADD CONSTRAINT \"training_enrollments_person_id_fkey\" FOREIGN KEY (\"person_id\") REFERENCES \"people\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" ADD CONSTRAINT \"training_enrollments_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_certificates\" ADD CONSTRAINT \"training_certificates_program_id_fkey\" FOREIGN KEY (\"program_id\") REFERENCES \"training_programs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training_certificates\" ADD CONSTRAINT \"training_certificates_enrollment_id_fkey\" FOREIGN KEY (\"enrollment_id\") REFERENCES \"training_enrollments\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"training_certificates\" DROP CONSTRAINT \"training_certificates_enrollment_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_certificates\" DROP CONSTRAINT \"training_certificates_program_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" DROP CONSTRAINT \"training_enrollments_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" DROP CONSTRAINT \"training_enrollments_person_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" DROP CONSTRAINT \"training_enrollments_program_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_enrollments\" DROP CONSTRAINT \"training_enrollments_class_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_classes\" DROP CONSTRAINT \"training_classes_program_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_classes\" DROP CONSTRAINT \"training_classes_event_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"training_programs\" DROP CONSTRAINT \"training_programs_organizer_fkey\"");
    await queryRunner.query("DROP TABLE \"training_certificates\"");
    await queryRunner.query("DROP INDEX \"public\".\"training_enrollments_program_person_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"training_enrollments_program_organization_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"training_enrollments_participant_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"training_enrollments_person_id_idx\"");
    await queryRunner.query("DROP TABLE \"training_enrollments\"");
    await queryRunner.query("DROP INDEX \"public\".\"training_classes_program_id_idx\"");
    await queryRunner.query("DROP TABLE \"training_classes\"");
    await queryRunner.query("DROP INDEX \"public\".\"training_programs_organizer_id_idx\"");
    await queryRunner.query("DROP TABLE \"training_programs\"");
  }
}
