import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Indicators1797100000100 implements MigrationInterface {
  name = 'Indicators1797100000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"indicator_definitions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"code\" character varying(32) NOT NULL, \"name_vi\" character varying(300) COLLATE \"vi-x-icu\" NOT NULL, \"name_en\" character varying(300) NOT NULL, \"unit\" character varying(8) NOT NULL, \"source\" character varying(16) NOT NULL, \"metric\" character varying(32), \"weight\" numeric(6,2) NOT NULL, \"target_department\" numeric(12,2), \"target_district\" numeric(12,2), \"threshold_good\" numeric(5,2) NOT NULL DEFAULT '80', \"threshold_fair\" numeric(5,2) NOT NULL DEFAULT '65', \"threshold_average\" numeric(5,2) NOT NULL DEFAULT '50', \"active\" boolean NOT NULL DEFAULT true, CONSTRAINT \"indicator_definitions_thresholds_check\" CHECK (threshold_good >= threshold_fair AND threshold_fair >= threshold_average AND threshold_average >= 0 AND threshold_good <= 100), CONSTRAINT \"indicator_definitions_targets_check\" CHECK ((target_department IS NULL OR target_department > 0) AND (target_district IS NULL OR target_district > 0)), CONSTRAINT \"indicator_definitions_weight_check\" CHECK (weight > 0 AND weight <= 100), CONSTRAINT \"indicator_definitions_metric_check\" CHECK ((source = 'participation') = (metric IS NOT NULL) AND (metric IS NULL OR metric IN ('invitations_answered','attendance_rate','headcount_trained','certificates_issued'))), CONSTRAINT \"indicator_definitions_source_check\" CHECK (source IN ('participation','reported')), CONSTRAINT \"indicator_definitions_unit_check\" CHECK (unit IN ('percent','count')), CONSTRAINT \"indicator_definitions_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"indicator_definitions_code_key\" ON \"indicator_definitions\"  (\"code\") ");
    await queryRunner.query("CREATE TABLE \"indicator_values\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"definition_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"year\" integer NOT NULL, \"value\" numeric(12,2) NOT NULL, \"note\" character varying(500), CONSTRAINT \"indicator_values_definition_organization_year_key\" UNIQUE (\"definition_id\", \"organization_id\", \"year\"), CONSTRAINT \"indicator_values_value_check\" CHECK (value >= 0), CONSTRAINT \"indicator_values_year_check\" CHECK (year BETWEEN 1945 AND 2200), CONSTRAINT \"indicator_values_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"indicator_values_organization_id_idx\" ON \"indicator_values\"  (\"organization_id\") ");
    await queryRunner.query("CREATE TABLE \"indicator_snapshots\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"root_organization_id\" uuid NOT NULL, \"year\" integer NOT NULL, \"version\" integer NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"published_by\" character varying(254) NOT NULL, \"ranking\" jsonb NOT NULL, CONSTRAINT \"indicator_snapshots_root_year_version_key\" UNIQUE (\"root_organization_id\", \"year\", \"version\"), CONSTRAINT \"indicator_snapshots_version_check\" CHECK (version > 0), CONSTRAINT \"indicator_snapshots_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"indicator_values\" ADD CONSTRAINT \"indicator_values_definition_id_fkey\" FOREIGN KEY (\"definition_id\") REFERENCES \"indicator_definitions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"indicator_values\" ADD CONSTRAINT \"indicator_values_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"indicator_snapshots\" ADD CONSTRAINT \"indicator_snapshots_root_organization_id_fkey\" FOREIGN KEY (\"root_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"indicator_snapshots\" DROP CONSTRAINT \"indicator_snapshots_root_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"indicator_values\" DROP CONSTRAINT \"indicator_values_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"indicator_values\" DROP CONSTRAINT \"indicator_values_definition_id_fkey\"");
    await queryRunner.query("DROP TABLE \"indicator_snapshots\"");
    await queryRunner.query("DROP INDEX \"public\".\"indicator_values_organization_id_idx\"");
    await queryRunner.query("DROP TABLE \"indicator_values\"");
    await queryRunner.query("DROP INDEX \"public\".\"indicator_definitions_code_key\"");
    await queryRunner.query("DROP TABLE \"indicator_definitions\"");
  }
}
