import { Body, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { download } from '../../common/http/download';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { RosterEntryDto } from '../../attendance/dto/attendance.dto';
import { RosterService } from '../../attendance/roster.service';
import { SummaryService } from '../../attendance/summary.service';
import { ANY_ROLE, MANAGERS, Roles } from '../../common/auth/decorators';
import { formatLocal } from '../../common/time/time';
import { EventsService } from '../../events/events.service';
import { ViewRenderer } from '../view-renderer';
import { type Form, html, outcome, refusal, type PageReq, text, WorkspacePages } from './workspace-http';
import { renderWorkspace, workspaceContext } from './workspace-page';
import { eventRow } from './workspace-views';

/** An event's attendance: the per-session roster (marked with the API's bulk write), the summary and its exports. */
@WorkspacePages('app/events/:id/attendance')
export class WorkspaceAttendanceController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly events: EventsService,
    private readonly summaries: SummaryService,
    private readonly rosters: RosterService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async attendance(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    const summary = await this.summaries.summary(p, id);
    const event = await this.events.get(p, id);
    const sessionId = text(query.sessionId) || event.sessions?.[0]?.id;
    const roster = sessionId ? await this.rosters.roster(p, id, sessionId) : null;
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'attendance', {
      event: eventRow(event),
      sessions: (event.sessions ?? []).map((s) => ({ id: s.id, label: `${formatLocal(new Date(s.startsAt))}${s.title ? ` – ${s.title}` : ''}`, current: s.id === sessionId })),
      summary,
      sessionId,
      roster: roster?.items ?? [],
      locked: summary.locked,
      canMark: MANAGERS.includes(p.role) && !(summary.locked && p.role !== 'admin'),
      statuses: ['present', 'late', 'absent', 'excused'],
      ...outcome(query, ['marked']),
    });
  }

  /** Marks a session's roster (the API's bulk write: all or nothing, the same roles and lock). Fields `status.<participantId>`; empty ones are left as they are. */
  @Post()
  @Roles(...MANAGERS)
  async markRoster(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Query() query: Form, @Body() body: Form, @Res() reply: FastifyReply) {
    const sessionId = text(query.sessionId);
    const path = `/app/events/${id}/attendance`;
    const entries = Object.entries(body ?? {})
      .filter(([k, v]) => k.startsWith('status.') && text(v))
      .map(([k, v]) => plainToInstance(RosterEntryDto, { participantId: k.slice('status.'.length), status: text(v), method: 'manual' }));
    const invalid = !/^[0-9a-f-]{36}$/.test(sessionId) || entries.length === 0 || entries.length > 5000 || (await Promise.all(entries.map((e) => validate(e, { whitelist: true })))).some((errors) => errors.length > 0);
    const again = (o: { done?: string; error?: string }) => reply.redirect(`${path}?${new URLSearchParams({ sessionId, ...o } as Record<string, string>).toString()}`, 303);
    if (invalid) return again({ error: 'invalid' });
    try {
      await this.rosters.write(req.principal, id, sessionId, entries);
      return again({ done: 'marked' });
    } catch (e) {
      return again({ error: refusal(e) });
    }
  }

  @Get('export')
  @Roles(...ANY_ROLE)
  async attendanceExport(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Query('format') format: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.summaries.export(req.principal, id, format === 'csv' ? 'csv' : 'xlsx');
    return download(reply, file);
  }
}
