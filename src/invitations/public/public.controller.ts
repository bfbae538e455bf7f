import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { notFound } from '../../common/errors/api-error';
import { NominateDto, RsvpDto } from '../participants/dto/participant.dto';
import { FeedsService } from './feeds.service';
import { LinkToken } from './link-token.guard';
import { type NominationView, NominationsService } from './nominations.service';
import { RsvpService, type RsvpView } from './rsvp.service';

/** The event as the public side shows it: what an invitee needs, none of the internal record. */
function publicEvent(e: RsvpView['event'], mail: RsvpView['mailEvent']) {
  return {
    title: e.title,
    kind: e.kind,
    format: e.format,
    status: e.status,
    sessions: (e.sessions ?? []).map((x) => ({ startsAt: x.startsAt, endsAt: x.endsAt, startsAtLocal: x.startsAtLocal, endsAtLocal: x.endsAtLocal, title: x.title })),
    venueName: e.venueName,
    venueAddress: e.venueAddress,
    onlineUrl: e.onlineUrl,
    hostName: mail.hostName,
    agenda: mail.agenda ?? [],
  };
}

const publicRsvp = (v: RsvpView) => ({
  status: v.status,
  role: v.role,
  fullName: v.fullName,
  responseNote: v.responseNote,
  canAnswer: v.canAnswer,
  substitute: v.substitute,
  event: publicEvent(v.event, v.mailEvent),
});

const publicNomination = (v: NominationView) => ({
  agencyName: v.agencyName,
  quota: v.quota,
  nominees: v.nominees.map((n) => ({ fullName: n.fullName, status: n.status })),
  canNominate: v.canNominate,
  event: publicEvent(v.event, v.mailEvent),
});

/** What an official's personal links open, without logging in (the token is the credential). */
@ApiTags('public')
@Controller()
export class PublicInvitationsController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly nominations: NominationsService,
    private readonly feeds: FeedsService,
  ) {}

  /** The invitation behind an RSVP link: event, current answer, whether it can still change. */
  @Get('api/rsvp/:token')
  @Public()
  @ApiNotFoundResponse({ description: 'Unknown, withdrawn or expired link' })
  async view(@Param('token') token: string) {
    return publicRsvp(await this.rsvp.view(token));
  }

  /** Answer: accepted, declined, tentative, or delegated with a substitute. Idempotent; changeable until the event starts. */
  @Post('api/rsvp/:token')
  @Public()
  @LinkToken('rsvp')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The invitation after the answer' })
  async answer(@Param('token') token: string, @Body() dto: RsvpDto) {
    return publicRsvp(await this.rsvp.answer(token, dto));
  }

  /** An agency's nomination: quota and who is named so far. */
  @Get('api/nominate/:token')
  @Public()
  async nominationView(@Param('token') token: string) {
    return publicNomination(await this.nominations.view(token));
  }

  /** Name attendees for the agency, up to its quota; each gets a personal invitation. */
  @Post('api/nominate/:token')
  @Public()
  @LinkToken('nominate')
  @HttpCode(200)
  async nominate(@Param('token') token: string, @Body() dto: NominateDto) {
    return publicNomination(await this.nominations.nominate(token, dto));
  }

  /** A person's subscription feed (`/calendar/<token>.ics`). */
  @Get('calendar/:file')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, max-age=300')
  feed(@Param('file') file: string) {
    if (!file.endsWith('.ics')) throw notFound('Calendar feed');
    return this.feeds.personFeed(file.slice(0, -4));
  }
}
