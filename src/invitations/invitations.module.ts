import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { FeedsService } from './feeds.service';
import { InvitationJobs } from './invitation-jobs';
import { InvitationMailer } from './invitation-mailer';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { Participant } from './participant.entity';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';
import { PublicInvitationsController } from './public.controller';
import { RsvpService } from './rsvp.service';

/** Participants, sending, RSVP and nominations, reminders, calendar files and feeds. */
@Module({
  imports: [TypeOrmModule.forFeature([Participant]), EventsModule, PeopleModule, OrganizationsModule],
  controllers: [ParticipantsController, InvitationsController, PublicInvitationsController],
  providers: [ParticipantsService, InvitationsService, InvitationJobs, InvitationMailer, RsvpService, FeedsService],
  exports: [InvitationsService, ParticipantsService, RsvpService, InvitationMailer],
})
export class InvitationsModule {}
