import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../common/time/clock';
import type { AppConfig } from '../config/env';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { ParticipantCalendar } from './calendar/participant-calendar';
import { ParticipantHooks } from './participants/participant-hooks';
import { InvitationContexts } from './participants/invitation-context';
import { InvitationOutbox } from './participants/invitation-outbox';
import { Participant } from './participants/participant.entity';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantSites } from './participants/participant-sites';
import { ParticipantsRepository } from './participants/participants.repository';
import { ParticipantsService } from './participants/participants.service';
import { FeedsService } from './public/feeds.service';
import { InvitationLinks } from './public/links';
import { NominationsService } from './public/nominations.service';
import { PublicInvitationsController } from './public/public.controller';
import { RsvpService } from './public/rsvp.service';
import { InvitationsController } from './sending/invitations.controller';
import { InvitationsService } from './sending/invitations.service';
import { MailHandlers } from './sending/mail-handlers';
import { MailRenderer } from './sending/mail-renderer';

/**
 * Invitations, by sub-domain (arrows point one way: calendar, content ← participants ← public ← sending):
 * - `calendar/`, `content/`: pure iCalendar and mail text;
 * - `participants/`: the entity, its lifecycle, the repository owning every participant query, the roster, the outbox writers;
 * - `public/`: personal links and tokens, RSVP, nominations, feeds;
 * - `sending/`: send/retry/summary, mail rendering and the job handlers.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Participant]), EventsModule, PeopleModule, OrganizationsModule],
  controllers: [ParticipantsController, InvitationsController, PublicInvitationsController],
  providers: [
    {
      provide: ParticipantCalendar,
      useFactory: (config: ConfigService<AppConfig, true>, clock: Clock) => new ParticipantCalendar(config.get('mailFrom', { infer: true }), () => clock.now()),
      inject: [ConfigService, Clock],
    },
    ParticipantsRepository,
    ParticipantHooks,
    ParticipantSites,
    InvitationContexts,
    InvitationOutbox,
    ParticipantsService,
    InvitationLinks,
    RsvpService,
    NominationsService,
    FeedsService,
    InvitationsService,
    MailRenderer,
    MailHandlers,
  ],
  exports: [InvitationsService, ParticipantsService, ParticipantHooks, ParticipantSites, RsvpService, NominationsService, InvitationLinks, MailRenderer],
})
export class InvitationsModule {}
