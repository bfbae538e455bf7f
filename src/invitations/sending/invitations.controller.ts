import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { IdPipe } from '../../common/http/params';
import { InvitationSummaryView, RetryDto, RetryResultView, SendResultView } from '../participants/dto/participant.dto';
import { FeedsService } from '../public/feeds.service';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('api')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly feeds: FeedsService,
  ) {}

  /**
   * Queue an invitation for every participant who has not had the event's current version (new or
   * changed): 202 with counts, at once; the worker sends. Pressing it again mails nobody twice.
   */
  @Post('events/:id/invitations/send')
  @HttpCode(202)
  @Roles(...MANAGERS)
  @ApiAcceptedResponse({ type: SendResultView })
  @ApiConflictResponse({ description: 'The event is not published (draft, cancelled or completed)' })
  send(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.invitations.send(p, id);
  }

  /** Live counts by status, role and agency; agencies that have not nominated; failed deliveries with the SMTP error. */
  @Get('events/:id/invitations/summary')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: InvitationSummaryView })
  summary(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.invitations.summary(p, id);
  }

  /** Send failed deliveries again (all of the event's, or `participantIds`). */
  @Post('events/:id/invitations/retry')
  @HttpCode(202)
  @Roles(...MANAGERS)
  @ApiAcceptedResponse({ type: RetryResultView })
  retry(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: RetryDto) {
    return this.invitations.retry(p, id, dto.participantIds);
  }

  /** The event as an iCalendar file. */
  @Get('events/:id/ics')
  @Roles(...ANY_ROLE)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar (METHOD:PUBLISH)' })
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="hoi-nghi.ics"')
  ics(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.feeds.eventIcs(p, id);
  }

  /** The person's calendar subscription URL (every event they are invited to), for Outlook / Google / Apple "subscribe". */
  @Get('people/:id/calendar-feed')
  @Roles(...MANAGERS)
  @ApiOkResponse({ description: '{ url }' })
  feed(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.feeds.feedUrl(p, id);
  }
}
