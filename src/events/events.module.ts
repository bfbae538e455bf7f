import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/errors/http-exception.filter';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';
import { Event, EventCoOrganizer, EventSession } from './event.entity';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

describeConstraint('events_host_organization_id_fkey', 'hostOrganizationId', 'The organization hosts events');
describeConstraint('events_chair_person_id_fkey', 'chairPersonId', 'The person chairs events');
describeConstraint('event_co_organizers_organization_id_fkey', 'coOrganizerIds', 'The organization co-organizes events');

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventSession, EventCoOrganizer, AuditEntry]), OrganizationsModule, PeopleModule],
  controllers: [EventsController],
  providers: [EventsService, AuditService],
  exports: [EventsService, AuditService],
})
export class EventsModule {}
