import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CallerCheckedInQuery, CurrentPrincipal, MANAGERS, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { IdPipe } from '../common/http/params';
import { sendJson } from '../common/pagination/page';
import { CalendarEntry, CalendarQuery, CreateEventDto, EventPage, EventView, ForceQuery, HistoryEntry, ListEventsQuery, UpdateEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Events hosted in your scope, by date range (local days), kind, format, status, host (subtree) and `q`; sorted by start. */
  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: EventPage })
  @CallerCheckedInQuery()
  async list(@CurrentPrincipal() p: Principal, @Query() query: ListEventsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendJson(reply, await this.events.listJson(p, query));
  }

  /** The sessions of a local month (`?month=2015-04`) for a calendar view. */
  @Get('calendar')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [CalendarEntry] })
  @CallerCheckedInQuery()
  async calendar(@CurrentPrincipal() p: Principal, @Query() query: CalendarQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendJson(reply, await this.events.calendarJson(p, query.month));
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: EventView })
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.events.get(p, id);
  }

  /** Who changed what and when. */
  @Get(':id/history')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [HistoryEntry] })
  history(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.events.history(p, id);
  }

  /** Create a draft event hosted by an organization of your scope. Times without offset are Hà Nội time. */
  @Post()
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: EventView })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateEventDto) {
    return this.events.create(p, dto);
  }

  /**
   * Change an event. On a published event a change of time or place raises `sequence` and is
   * checked for venue double-booking (409 naming the other event unless `force=true`). New sessions
   * move the timed agenda items with them (same offset from their session's start); an item that
   * would fall outside every session is a 409 naming it unless `force=true`, which clears its time.
   */
  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: EventView })
  @ApiConflictResponse({ description: 'Venue double-booked, agenda items left outside every session, or the event is cancelled/completed' })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdateEventDto, @Query() q: ForceQuery) {
    return this.events.update(p, id, dto, q.force ?? false);
  }

  /** draft → scheduled. 409 when the venue is booked at an overlapping time, unless `force=true`. */
  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: EventView })
  @ApiConflictResponse({ description: 'Illegal transition (names the current status) or venue double-booked' })
  publish(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: ForceQuery) {
    return this.events.transition(p, id, 'publish', q.force ?? false);
  }

  /** scheduled → in_progress. */
  @Post(':id/start')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: EventView })
  start(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.events.transition(p, id, 'start');
  }

  /** scheduled or in_progress → completed. */
  @Post(':id/complete')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: EventView })
  complete(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.events.transition(p, id, 'complete');
  }

  /** draft or scheduled → cancelled (raises `sequence` when invitees had seen it). */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: EventView })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.events.transition(p, id, 'cancel');
  }
}
