import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations (tree + headcounts), people and users. */
export class Foundation1795460982437 implements MigrationInterface {
  name = 'Foundation1795460982437';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES ($1, $2, $3, $4, $5, $6)", [await queryRunner.getCurrentDatabase(), "public", "organizations", "GENERATED_COLUMN", "search_text", "vn_fold(coalesce(name, '') || ' ' || coalesce(short_name, '') || ' ' || code)"]);
    await queryRunner.query("CREATE TABLE \"organizations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"code\" character varying(64) NOT NULL, \"name\" character varying(300) COLLATE \"vi-x-icu\" NOT NULL, \"short_name\" character varying(120) COLLATE \"vi-x-icu\", \"kind\" character varying(16) NOT NULL, \"level\" character varying(16) NOT NULL, \"parent_id\" uuid, \"path\" text NOT NULL, \"search_text\" text GENERATED ALWAYS AS (vn_fold(coalesce(name, '') || ' ' || coalesce(short_name, '') || ' ' || code)) STORED NOT NULL, CONSTRAINT \"organizations_level_check\" CHECK (level IN ('central','province','district','commune')), CONSTRAINT \"organizations_kind_check\" CHECK (kind IN ('province','department','district','commune','ministry','party','council','other')), CONSTRAINT \"organizations_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"organizations_code_key\" ON \"organizations\"  (\"code\") ");
    await queryRunner.query("CREATE INDEX \"organizations_parent_id_idx\" ON \"organizations\"  (\"parent_id\") ");
    await queryRunner.query("CREATE TABLE \"organization_headcounts\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"organization_id\" uuid NOT NULL, \"year\" integer NOT NULL, \"officials\" integer NOT NULL, CONSTRAINT \"organization_headcounts_officials_check\" CHECK (officials >= 0), CONSTRAINT \"organization_headcounts_year_check\" CHECK (year BETWEEN 1945 AND 2200), CONSTRAINT \"organization_headcounts_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"organization_headcounts_org_year_key\" ON \"organization_headcounts\"  (\"organization_id\", \"year\") ");
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES ($1, $2, $3, $4, $5, $6)", [await queryRunner.getCurrentDatabase(), "public", "people", "GENERATED_COLUMN", "search_text", "vn_fold(full_name || ' ' || coalesce(title, '') || ' ' || coalesce(email, ''))"]);
    await queryRunner.query("CREATE TABLE \"people\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"full_name\" character varying(200) COLLATE \"vi-x-icu\" NOT NULL, \"title\" character varying(300), \"organization_id\" uuid NOT NULL, \"is_leader\" boolean NOT NULL DEFAULT false, \"email\" character varying(254), \"phone\" character varying(32), \"search_text\" text GENERATED ALWAYS AS (vn_fold(full_name || ' ' || coalesce(title, '') || ' ' || coalesce(email, ''))) STORED NOT NULL, CONSTRAINT \"people_email_lower_check\" CHECK (email = lower(email)), CONSTRAINT \"people_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"people_organization_id_idx\" ON \"people\"  (\"organization_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"people_email_key\" ON \"people\"  (\"email\") ");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"email\" character varying(254) NOT NULL, \"display_name\" character varying(200) NOT NULL, \"password_hash\" character varying(300) NOT NULL, \"role\" character varying(16) NOT NULL, \"scope_organization_id\" uuid, \"active\" boolean NOT NULL DEFAULT true, \"last_login_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"users_email_lower_check\" CHECK (email = lower(email)), CONSTRAINT \"users_role_check\" CHECK (role IN ('admin','organizer','trainer','viewer')), CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"users_email_key\" ON \"users\"  (\"email\") ");
    await queryRunner.query("CREATE INDEX \"users_scope_organization_id_idx\" ON \"users\"  (\"scope_organization_id\") ");
    await queryRunner.query("ALTER TABLE \"organizations\" ADD CONSTRAINT \"organizations_parent_id_fkey\" FOREIGN KEY (\"parent_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"organization_headcounts\" ADD CONSTRAINT \"organization_headcounts_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"people\" ADD CONSTRAINT \"people_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"users\" ADD CONSTRAINT \"users_scope_organization_id_fkey\" FOREIGN KEY (\"scope_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Indexes TypeORM cannot express (declared with synchronize: false in the entities):
    // trigram indexes for Vietnamese-insensitive LIKE search, and a prefix index for subtree lookups.
    await queryRunner.query('CREATE INDEX "organizations_search_idx" ON "organizations" USING gin ("search_text" gin_trgm_ops)');
    await queryRunner.query('CREATE INDEX "people_search_idx" ON "people" USING gin ("search_text" gin_trgm_ops)');
    await queryRunner.query('CREATE INDEX "organizations_path_idx" ON "organizations" ("path" text_pattern_ops)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "organizations_path_idx"');
    await queryRunner.query('DROP INDEX "people_search_idx"');
    await queryRunner.query('DROP INDEX "organizations_search_idx"');
    await queryRunner.query("ALTER TABLE \"users\" DROP CONSTRAINT \"users_scope_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"people\" DROP CONSTRAINT \"people_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"organization_headcounts\" DROP CONSTRAINT \"organization_headcounts_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"organizations\" DROP CONSTRAINT \"organizations_parent_id_fkey\"");
    await queryRunner.query("DROP INDEX \"public\".\"users_scope_organization_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"users_email_key\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP INDEX \"public\".\"people_email_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"people_organization_id_idx\"");
    await queryRunner.query("DROP TABLE \"people\"");
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = $1 AND \"name\" = $2 AND \"database\" = $3 AND \"schema\" = $4 AND \"table\" = $5", ["GENERATED_COLUMN", "search_text", await queryRunner.getCurrentDatabase(), "public", "people"]);
    await queryRunner.query("DROP INDEX \"public\".\"organization_headcounts_org_year_key\"");
    await queryRunner.query("DROP TABLE \"organization_headcounts\"");
    await queryRunner.query("DROP INDEX \"public\".\"organizations_parent_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"organizations_code_key\"");
    await queryRunner.query("DROP TABLE \"organizations\"");
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = $1 AND \"name\" = $2 AND \"database\" = $3 AND \"schema\" = $4 AND \"table\" = $5", ["GENERATED_COLUMN", "search_text", await queryRunner.getCurrentDatabase(), "public", "organizations"]);
  }
}
