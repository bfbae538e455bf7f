import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/errors/http-exception.filter';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { FeedsService } from './public/feeds.service';
import { InvitationJobs } from './participants/invitation-outbox';
import { InvitationMailer } from './sending/mail-renderer';
import { InvitationsController } from './sending/invitations.controller';
import { InvitationsService } from './sending/invitations.service';
import { Participant } from './participants/participant.entity';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantsService } from './participants/participants.service';
import { PublicInvitationsController } from './public/public.controller';
import { RsvpService } from './public/rsvp.service';

describeConstraint('participants_event_person_key', 'personId', 'The person is already invited to this event');
describeConstraint('participants_event_organization_key', 'organizationId', 'The agency is already invited to this event');
describeConstraint('participants_person_id_fkey', 'id', 'The person is invited to events');
describeConstraint('participants_organization_id_fkey', 'id', 'The organization is invited to events');
describeConstraint('participants_contact_person_id_fkey', 'id', "The person is an agency's contact for an event");

/** Participants, sending, RSVP and nominations, reminders, calendar files and feeds. */
@Module({
  imports: [TypeOrmModule.forFeature([Participant]), EventsModule, PeopleModule, OrganizationsModule],
  controllers: [ParticipantsController, InvitationsController, PublicInvitationsController],
  providers: [ParticipantsService, InvitationsService, InvitationJobs, InvitationMailer, RsvpService, FeedsService],
  exports: [InvitationsService, ParticipantsService, RsvpService, InvitationMailer],
})
export class InvitationsModule {}
