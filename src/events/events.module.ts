import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/errors/http-exception.filter';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { AuditEntry } from './audit-entry.entity';
import { AgendaItem } from './agenda/agenda-item.entity';
import { AgendaController } from './agenda/agenda.controller';
import { AgendaService } from './agenda/agenda.service';
import { AuditService } from './audit.service';
import { Campaign, CampaignTarget } from './campaigns/campaign.entity';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { EventChange } from './event-change.entity';
import { Event, EventCoOrganizer, EventSession } from './event.entity';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { Task } from './tasks/task.entity';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

describeConstraint('events_host_organization_id_fkey', 'hostOrganizationId', 'The organization hosts events');
describeConstraint('events_chair_person_id_fkey', 'chairPersonId', 'The person chairs events');
describeConstraint('event_co_organizers_organization_id_fkey', 'coOrganizerIds', 'The organization co-organizes events');
describeConstraint('events_campaign_target_fkey', 'targetOrganizationIds', 'A target that events of the campaign already serve cannot be removed');
describeConstraint('campaign_targets_organization_id_fkey', 'id', 'The organization is a campaign target');
describeConstraint('campaigns_host_organization_id_fkey', 'id', 'The organization hosts campaigns');
describeConstraint('tasks_assignee_organization_id_fkey', 'id', 'The organization has tasks assigned');
describeConstraint('tasks_assignee_person_id_fkey', 'id', 'The person has tasks assigned');
describeConstraint('agenda_items_speaker_person_id_fkey', 'id', 'The person speaks at events');

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventSession, EventCoOrganizer, EventChange, AuditEntry, AgendaItem, Task, Campaign, CampaignTarget]), OrganizationsModule, PeopleModule],
  controllers: [EventsController, AgendaController, TasksController, CampaignsController],
  providers: [EventsService, AuditService, AgendaService, TasksService, CampaignsService],
  exports: [EventsService, AuditService, AgendaService],
})
export class EventsModule {}
