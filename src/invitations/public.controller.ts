import { Body, Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators';
import { notFound } from '../common/errors/api-error';
import { NominateDto, RsvpDto } from './dto/participant.dto';
import { FeedsService } from './feeds.service';
import { RsvpService } from './rsvp.service';

/** What an official's personal links open, without logging in (the token is the credential). */
@ApiTags('public')
@Controller()
export class PublicInvitationsController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly feeds: FeedsService,
  ) {}

  /** The invitation behind an RSVP link: event, current answer, whether it can still change. */
  @Get('api/rsvp/:token')
  @Public()
  @ApiNotFoundResponse({ description: 'Unknown, withdrawn or expired link' })
  view(@Param('token') token: string) {
    return this.rsvp.view(token);
  }

  /** Answer: accepted, declined, tentative, or delegated with a substitute. Idempotent; changeable until the event starts. */
  @Post('api/rsvp/:token')
  @Public()
  @ApiOkResponse({ description: 'The invitation after the answer' })
  answer(@Param('token') token: string, @Body() dto: RsvpDto) {
    return this.rsvp.answer(token, dto);
  }

  /** An agency's nomination: quota and who is named so far. */
  @Get('api/nominate/:token')
  @Public()
  nominationView(@Param('token') token: string) {
    return this.rsvp.nominationView(token);
  }

  /** Name attendees for the agency, up to its quota; each gets a personal invitation. */
  @Post('api/nominate/:token')
  @Public()
  nominate(@Param('token') token: string, @Body() dto: NominateDto) {
    return this.rsvp.nominate(token, dto);
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
