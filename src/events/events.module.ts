import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
import { EventHooks } from './event-hooks';
import { EventsService } from './events.service';
import { Task } from './tasks/task.entity';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventSession, EventCoOrganizer, EventChange, AuditEntry, AgendaItem, Task, Campaign, CampaignTarget]), OrganizationsModule, PeopleModule],
  controllers: [EventsController, AgendaController, TasksController, CampaignsController],
  providers: [EventHooks, EventsService, AuditService, AgendaService, TasksService, CampaignsService],
  exports: [EventHooks, EventsService, AuditService, AgendaService, TasksService, CampaignsService],
})
export class EventsModule {}
