import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { download } from '../common/http/download';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { IdPipe } from '../common/http/params';
import { ExportQuery, OpenWindowDto, RefusalsQuery, RosterWriteDto, SessionQuery, WalkInDto } from './dto/attendance.dto';
import { RosterService } from './roster.service';
import { SummaryService } from './summary.service';

/** The organizer's side of attendance (điểm danh): rosters, windows and the hall code, walk-ins, refusals, summary, exports. */
@ApiTags('attendance')
@Controller('api/events/:id/attendance')
export class AttendanceController {
  constructor(
    private readonly rosters: RosterService,
    private readonly summaries: SummaryService,
  ) {}

  /** A session's roster: every person on the list with their attendance (null: not recorded yet) and whether it is locked. */
  @Get()
  @Roles(...ANY_ROLE)
  roster(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: SessionQuery) {
    return this.rosters.roster(p, id, q.sessionId);
  }

  /**
   * Bulk write of a session's roster: each entry replaces that participant's row (`present`, `late`,
   * `absent`, `excused`, `substitute` with `substituteParticipantId`). All or nothing. After the lock
   * (ATTENDANCE_LOCK_DAYS after a completed event) only an admin, and each change is audited with before and after.
   * A trainer marks the events they teach (a trainer on the event's list, e.g. a training class); another event is 403.
   */
  @Put()
  @Roles('admin', 'organizer', 'trainer')
  @ApiForbiddenResponse({ description: 'a trainer who is not on this event’s list as a trainer' })
  @ApiConflictResponse({ description: '`attendance.locked` (not an admin), `attendance.event_not_open` (draft or cancelled)' })
  write(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: SessionQuery, @Body() dto: RosterWriteDto) {
    return this.rosters.write(p, id, q.sessionId, dto.records);
  }

  /** Opens (or changes) a session's self check-in window: N minutes before the start to M after it (defaults 30 and 30). */
  @Put('window')
  @Roles(...MANAGERS)
  openWindow(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: OpenWindowDto) {
    return this.rosters.openWindow(p, id, dto);
  }

  /** The hall screen's rotating code now and until when it shows (the previous code stays accepted one more interval). */
  @Get('code')
  @Roles('admin', 'organizer', 'trainer')
  hallCode(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: SessionQuery) {
    return this.rosters.hallCode(p, id, q.sessionId);
  }

  /** Someone not on the list, at the door: found or created as a person, added as a participant (nothing mailed), marked present. */
  @Post('walk-ins')
  @Roles(...MANAGERS)
  @ApiCreatedResponse({ description: '{ participantId, personId, sessionId, status }' })
  walkIn(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: WalkInDto) {
    return this.rosters.walkIn(p, id, dto);
  }

  /** Every refused check-in with its reason (`not_invited`, `wrong_session`, `outside_window`, `already_checked_in`, `token_expired`, `bad_code`, `throttled`), newest first. */
  @Get('refusals')
  @Roles(...ANY_ROLE)
  refusals(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: RefusalsQuery) {
    return this.rosters.refusals(p, id, q);
  }

  /** Invited, accepted, present per session, per organization and per role; attendance rate; leaders present; no-shows; (with bridge points) per point. */
  @Get('summary')
  @Roles(...ANY_ROLE)
  summary(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.summaries.summary(p, id);
  }

  /** Every session × person as `xlsx` or `csv` (UTF-8 with BOM), Vietnamese headers, dd/MM/yyyy HH:mm in Hà Nội time. */
  @Get('export')
  @Roles(...ANY_ROLE)
  @HttpCode(200)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The file' })
  async export(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.summaries.export(p, id, q.format);
    return download(reply, file);
  }
}
