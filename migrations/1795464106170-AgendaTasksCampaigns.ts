import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agenda items, follow-up tasks, campaigns with targets; events link to a campaign target (composite FK). */
export class AgendaTasksCampaigns1795464106170 implements MigrationInterface {
  name = 'AgendaTasksCampaigns1795464106170';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"agenda_items\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"event_id\" uuid NOT NULL, \"position\" integer NOT NULL, \"starts_at\" TIMESTAMP WITH TIME ZONE, \"title\" character varying(500) NOT NULL, \"type\" character varying(24) NOT NULL, \"speaker_person_id\" uuid, \"speaker_name\" character varying(300), CONSTRAINT \"agenda_items_position_check\" CHECK (position >= 0), CONSTRAINT \"agenda_items_type_check\" CHECK (type IN ('opening_speech','report','presentation','discussion','conclusion','other')), CONSTRAINT \"agenda_items_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"agenda_items_speaker_person_id_idx\" ON \"agenda_items\"  (\"speaker_person_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"agenda_items_event_position_key\" ON \"agenda_items\"  (\"event_id\", \"position\") ");
    await queryRunner.query("CREATE TABLE \"campaigns\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"title\" character varying(500) COLLATE \"vi-x-icu\" NOT NULL, \"description\" text, \"host_organization_id\" uuid NOT NULL, \"year\" integer, CONSTRAINT \"campaigns_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"campaign_targets\" (\"campaign_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, CONSTRAINT \"campaign_targets_pkey\" PRIMARY KEY (\"campaign_id\", \"organization_id\"))");
    await queryRunner.query("CREATE TABLE \"tasks\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"event_id\" uuid NOT NULL, \"title\" character varying(1000) NOT NULL, \"description\" text, \"assignee_organization_id\" uuid, \"assignee_person_id\" uuid, \"due_date\" date, \"due_period\" character varying(60), \"status\" character varying(16) NOT NULL DEFAULT 'open', \"done_on\" date, \"note\" text, CONSTRAINT \"tasks_done_on_check\" CHECK ((status = 'done') = (done_on IS NOT NULL)), CONSTRAINT \"tasks_assignee_check\" CHECK (assignee_organization_id IS NOT NULL OR assignee_person_id IS NOT NULL), CONSTRAINT \"tasks_status_check\" CHECK (status IN ('open','done','cancelled')), CONSTRAINT \"tasks_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"tasks_event_id_idx\" ON \"tasks\"  (\"event_id\") ");
    await queryRunner.query("CREATE INDEX \"tasks_assignee_organization_id_idx\" ON \"tasks\"  (\"assignee_organization_id\") ");
    await queryRunner.query("CREATE INDEX \"tasks_assignee_person_id_idx\" ON \"tasks\"  (\"assignee_person_id\") ");
    await queryRunner.query("CREATE INDEX \"tasks_status_due_idx\" ON \"tasks\"  (\"status\", \"due_date\") ");
    await queryRunner.query("ALTER TABLE \"events\" ADD \"campaign_id\" uuid");
    await queryRunner.query("ALTER TABLE \"events\" ADD \"campaign_target_organization_id\" uuid");
    await queryRunner.query("CREATE INDEX \"events_campaign_id_idx\" ON \"events\"  (\"campaign_id\") ");
    await queryRunner.query("ALTER TABLE \"events\" ADD CONSTRAINT \"events_campaign_target_check\" CHECK ((campaign_id IS NULL) = (campaign_target_organization_id IS NULL))");
    await queryRunner.query("ALTER TABLE \"events\" ADD CONSTRAINT \"events_campaign_target_fkey\" FOREIGN KEY (\"campaign_id\", \"campaign_target_organization_id\") REFERENCES \"campaign_targets\"(\"campaign_id\",\"organization_id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"agenda_items\" ADD CONSTRAINT \"agenda_items_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"agenda_items\" ADD CONSTRAINT \"agenda_items_speaker_person_id_fkey\" FOREIGN KEY (\"speaker_person_id\") REFERENCES \"people\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"campaigns\" ADD CONSTRAINT \"campaigns_host_organization_id_fkey\" FOREIGN KEY (\"host_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"campaign_targets\" ADD CONSTRAINT \"campaign_targets_campaign_id_fkey\" FOREIGN KEY (\"campaign_id\") REFERENCES \"campaigns\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"campaign_targets\" ADD CONSTRAINT \"campaign_targets_organization_id_fkey\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"tasks\" ADD CONSTRAINT \"tasks_event_id_fkey\" FOREIGN KEY (\"event_id\") REFERENCES \"events\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"tasks\" ADD CONSTRAINT \"tasks_assignee_organization_id_fkey\" FOREIGN KEY (\"assignee_organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"tasks\" ADD CONSTRAINT \"tasks_assignee_person_id_fkey\" FOREIGN KEY (\"assignee_person_id\") REFERENCES \"people\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"tasks\" DROP CONSTRAINT \"tasks_assignee_person_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"tasks\" DROP CONSTRAINT \"tasks_assignee_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"tasks\" DROP CONSTRAINT \"tasks_event_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"campaign_targets\" DROP CONSTRAINT \"campaign_targets_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"campaign_targets\" DROP CONSTRAINT \"campaign_targets_campaign_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"campaigns\" DROP CONSTRAINT \"campaigns_host_organization_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"agenda_items\" DROP CONSTRAINT \"agenda_items_speaker_person_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"agenda_items\" DROP CONSTRAINT \"agenda_items_event_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"events\" DROP CONSTRAINT \"events_campaign_target_fkey\"");
    await queryRunner.query("ALTER TABLE \"events\" DROP CONSTRAINT \"events_campaign_target_check\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_campaign_id_idx\"");
    await queryRunner.query("ALTER TABLE \"events\" DROP COLUMN \"campaign_target_organization_id\"");
    await queryRunner.query("ALTER TABLE \"events\" DROP COLUMN \"campaign_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"tasks_status_due_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"tasks_assignee_person_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"tasks_assignee_organization_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"tasks_event_id_idx\"");
    await queryRunner.query("DROP TABLE \"tasks\"");
    await queryRunner.query("DROP TABLE \"campaign_targets\"");
    await queryRunner.query("DROP TABLE \"campaigns\"");
    await queryRunner.query("DROP INDEX \"public\".\"agenda_items_event_position_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"agenda_items_speaker_person_id_idx\"");
    await queryRunner.query("DROP TABLE \"agenda_items\"");
  }
}
