import { Body, Controller, Get, HttpException, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CheckInService, refusalReasonOf } from '../../attendance/checkin.service';
import { SummaryService } from '../../attendance/summary.service';
import { RosterService } from '../../attendance/roster.service';
import { RosterEntryDto } from '../../attendance/dto/attendance.dto';
import { BridgePointsService } from '../../bridge-points/bridge-points.service';
import { CreateBridgePointDto } from '../../bridge-points/dto/bridge-point.dto';
import { ANY_ROLE, MANAGERS, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { codeOf } from '../../common/errors/api-error';
import { formatLocal } from '../../common/time/time';
import { CreateEventDto, ListEventsQuery, UpdateEventDto } from '../../events/dto/event.dto';
import { EventsService } from '../../events/events.service';
import { ListTasksQuery } from '../../events/tasks/task.dto';
import { TasksService } from '../../events/tasks/tasks.service';
import { AddParticipantDto, ListParticipantsQuery } from '../../invitations/participants/dto/participant.dto';
import { ParticipantsService } from '../../invitations/participants/participants.service';
import { InvitationLinks } from '../../invitations/public/links';
import { RsvpService } from '../../invitations/public/rsvp.service';
import { eventDetailRows } from '../../invitations/content/mail-content';
import { InvitationsService } from '../../invitations/sending/invitations.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ListOrganizationsQuery } from '../../organizations/dto/organization.dto';
import { ListPeopleQuery } from '../../people/dto/person.dto';
import { PeopleService } from '../../people/people.service';
import { clientError } from '../page-response';
import { ViewRenderer } from '../view-renderer';
import { SessionGuard } from './session';
import { WorkspaceErrorFilter } from './workspace-errors';
import { renderWorkspace, workspaceContext } from './workspace-page';
import { WORDED_ERRORS } from './workspace-messages';
import { scanResult, boardView, calendarView, dashboardView, historyView, notReadyOf, eventRow, eventView, EVENT_ACTIONS, type EventAction } from './workspace-views';

type Req = FastifyRequest & { principal: Principal };
type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const html = (reply: FastifyReply, status = 200) => void reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
/** Hà Nội's calendar day of an instant: `2026-12-02`. */
const localDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
/** Where an action goes back to, saying what happened (POST → redirect → GET: a reload does not repeat it). */
const back = (reply: FastifyReply, path: string, outcome: { done?: string; error?: string }) =>
  reply.redirect(`${path}?${new URLSearchParams(outcome as Record<string, string>).toString()}`, 303);
/** A refusal of a service as the `?error=` the page words: its code when the catalog has one, else a generic one. */
const refusal = (e: unknown) => {
  if (!clientError(e)) throw e;
  const code = (codeOf(e) ?? '').replace(/\./g, '_');
  return WORDED_ERRORS.includes(code) ? code : 'failed';
};
/** Only outcomes the catalog words (a crafted `?done=<anything>` shows nothing). */
const outcome = (query: Form, known: readonly string[]) => ({
  done: known.includes(text(query.done)) ? text(query.done) : null,
  error: WORDED_ERRORS.includes(text(query.error)) ? text(query.error) : null,
});

/**
 * The signed-in workspace: dashboard, events, an event's participants and invitations, its
 * bridge-point board and attendance. Every read and write goes through the same services (and
 * DTOs) as the API, with the session's principal — the same scope checks and rules, no second copy.
 * Each page works without JavaScript; the board refreshes its live part every 3 seconds.
 */
@ApiExcludeController()
@Controller('app')
@Public()
@UseGuards(SessionGuard)
@UseFilters(WorkspaceErrorFilter)
export class WorkspaceController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly events: EventsService,
    private readonly tasks: TasksService,
    private readonly participants: ParticipantsService,
    private readonly invitations: InvitationsService,
    private readonly points: BridgePointsService,
    private readonly summaries: SummaryService,
    private readonly rosters: RosterService,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly checkIns: CheckInService,
    private readonly links: InvitationLinks,
    private readonly rsvp: RsvpService,
  ) {}

  /**
   * A scanned personal QR code (`/checkin/{token}` leads here for a signed-in user): whose code it is
   * and a button that checks them in to the current session — the API's QR check-in with the session's
   * user as scanner (admins, organizers of the host, trainers of the event; others are refused with 403).
   */
  @Get('checkin/:token')
  @Roles('admin', 'organizer', 'trainer')
  async scanPage(@Param('token') token: string, @Req() req: Req, @Res({ passthrough: true }) reply: FastifyReply) {
    html(reply);
    return this.renderScan(req, reply, token, null);
  }

  @Post('checkin/:token')
  @Roles('admin', 'organizer', 'trainer')
  async scan(@Param('token') token: string, @Req() req: Req, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const nonce = /^[A-Za-z0-9_-]{8,64}$/.test(text(body?.nonce)) ? text(body.nonce) : randomUUID();
    const ctx = workspaceContext(req, reply);
    const name = (await this.scanned(token)).name;
    try {
      const r = await this.checkIns.checkInByQr({ kind: 'user', principal: req.principal }, token, { nonce });
      html(reply, r.result === 'checked_in' ? 201 : 200);
      return this.renderScan(req, reply, token, scanResult(ctx.locale, name, { checkedIn: { status: r.status, at: r.checkedInAt } }));
    } catch (e) {
      if (!clientError(e) || e.getStatus() === 404) throw e;
      const reason = refusalReasonOf(e) ?? (e.getStatus() === 403 ? 'forbidden' : null);
      if (!reason) throw e;
      const details = (e.getResponse() as { details?: { message?: string }[] }).details ?? [];
      const at = reason === 'already_checked_in' && details[0]?.message ? new Date(details[0].message) : null;
      html(reply, e.getStatus());
      return this.renderScan(req, reply, token, scanResult(ctx.locale, name, { refused: reason, at }));
    }
  }

  /** Whose check-in code this is (404 page for a forged one). */
  private async scanned(token: string) {
    const participantId = this.links.verify('checkin', token);
    if (!participantId) throw new HttpException('Unknown check-in code', 404);
    const v = await this.rsvp.view(this.links.issue('rsvp', participantId));
    return { name: v.fullName, event: v.mailEvent };
  }

  private async renderScan(req: Req, reply: FastifyReply, token: string, result: ReturnType<typeof scanResult> | null) {
    const ctx = workspaceContext(req, reply);
    const { name, event } = await this.scanned(token);
    return renderWorkspace(this.views, ctx, 'checkin', { name, title: event.title, details: eventDetailRows(ctx.locale, event), result, nonce: randomUUID(), action: `/app/checkin/${token}` });
  }

  @Get()
  @Roles(...ANY_ROLE)
  async dashboard(@Req() req: Req, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    const today = localDay(new Date());
    const upcoming = await this.events.list(p, plainToInstance(ListEventsQuery, { from: today, limit: 20 }));
    const live = upcoming.items.filter((e) => e.status === 'scheduled' || e.status === 'in_progress' || e.status === 'draft');
    const perEvent = await Promise.all(
      live.map(async (e) => ({
        event: e,
        summary: await this.invitations.summary(p, e.id),
        notReady: e.format === 'in_person' ? 0 : notReadyOf(await this.points.list(p, e.id)),
      })),
    );
    const overdue = await this.tasks.list(p, plainToInstance(ListTasksQuery, { overdue: true, status: 'open', limit: 20 }));
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'dashboard', dashboardView(perEvent, overdue.items, overdue.total ?? overdue.items.length));
  }

  @Get('events')
  @Roles(...ANY_ROLE)
  async eventList(@Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const filters = { q: text(query.q), status: text(query.status), format: text(query.format), kind: text(query.kind), from: text(query.from), to: text(query.to) };
    const dto = plainToInstance(ListEventsQuery, { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), limit: 50, offset: Math.max(0, Number(text(query.offset)) || 0) });
    // Filters the API would refuse are shown as a problem on the page, not a bare 400.
    const invalid = (await validate(dto, { whitelist: true })).map((e) => e.property);
    const page = invalid.length ? { items: [], total: 0, hasMore: false, offset: 0 } : await this.events.list(req.principal, dto);
    html(reply, invalid.length ? 400 : 200);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'events', { filters, invalid, rows: page.items.map(eventRow), hasMore: page.hasMore, nextOffset: page.offset + page.items.length, canCreate: MANAGERS.includes(req.principal.role) });
  }

  /** A month of sessions, Monday first (`?month=2031-09`, default this month in Hà Nội). */
  @Get('events/calendar')
  @Roles(...ANY_ROLE)
  async calendar(@Req() req: Req, @Query('month') month: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const wanted = typeof month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : localDay(new Date()).slice(0, 7);
    const entries = await this.events.calendar(req.principal, wanted);
    html(reply, typeof month === 'string' && month !== wanted ? 400 : 200);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'calendar', calendarView(wanted, entries));
  }

  @Get('events/:id/history')
  @Roles(...ANY_ROLE)
  async history(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Res({ passthrough: true }) reply: FastifyReply) {
    const [event, entries] = await Promise.all([this.events.get(req.principal, id), this.events.history(req.principal, id)]);
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'history', { event: eventRow(event), entries: historyView(entries) });
  }

  @Get('events/new')
  @Roles(...MANAGERS)
  async newEvent(@Req() req: Req, @Res({ passthrough: true }) reply: FastifyReply) {
    html(reply);
    return this.renderNewEvent(req, reply, {}, []);
  }

  @Post('events')
  @Roles(...MANAGERS)
  async createEvent(@Req() req: Req, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const f = Object.fromEntries(['title', 'kind', 'format', 'hostOrganizationId', 'startsAt', 'endsAt', 'venueName', 'onlineUrl', 'description'].map((k) => [k, text(body?.[k])]));
    const dto = plainToInstance(CreateEventDto, {
      title: f.title || undefined, kind: f.kind || undefined, format: f.format || undefined, hostOrganizationId: f.hostOrganizationId || undefined,
      venueName: f.venueName || undefined, onlineUrl: f.onlineUrl || undefined, description: f.description || undefined,
      sessions: [{ startsAt: f.startsAt || undefined, endsAt: f.endsAt || undefined }],
    });
    const problems = (await validate(dto, { whitelist: true, forbidNonWhitelisted: false })).flatMap((e) => (e.property === 'sessions' ? ['startsAt'] : [e.property]));
    if (problems.length) {
      html(reply, 400);
      return this.renderNewEvent(req, reply, f, problems);
    }
    try {
      const event = await this.events.create(req.principal, dto);
      return reply.redirect(`/app/events/${event.id}?done=created`, 303);
    } catch (e) {
      const code = refusal(e);
      html(reply, 400);
      return this.renderNewEvent(req, reply, f, [], code);
    }
  }

  @Get('events/:id')
  @Roles(...ANY_ROLE)
  async event(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    if (text(query.part) === 'live') {
      // What the open page refreshes: the answer counts and the list (substitutes and nominees as they arrive), from the API's own reads.
      const [event, summary, list] = await Promise.all([this.events.get(p, id), this.invitations.summary(p, id), this.participants.list(p, id, plainToInstance(ListParticipantsQuery, { limit: 200 }))]);
      html(reply);
      return renderWorkspace(this.views, workspaceContext(req, reply), 'event-live', { ...eventView(event, summary, list.items, null), canManage: MANAGERS.includes(p.role) });
    }
    const event = await this.events.get(p, id);
    const [summary, list, board] = await Promise.all([
      this.invitations.summary(p, id),
      this.participants.list(p, id, plainToInstance(ListParticipantsQuery, { limit: 200 })),
      event.format === 'in_person' ? null : this.points.list(p, id),
    ]);
    const q = text(query.q);
    const found = q && MANAGERS.includes(p.role)
      ? { people: (await this.people.list(p, plainToInstance(ListPeopleQuery, { q, limit: 10 }))).items, organizations: (await this.organizations.list(p, plainToInstance(ListOrganizationsQuery, { q, limit: 10 }))).items }
      : null;
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'event', {
      ...eventView(event, summary, list.items, board),
      ...outcome(query, ['created', 'saved', 'publish', 'start', 'complete', 'cancel', 'added', 'removed', 'sent', 'retried', 'point']),
      q,
      found,
      canManage: MANAGERS.includes(p.role),
      sendResult: text(query.sent) ? text(query.sent).split('-').map((n) => Number(n) || 0) : null,
    }, { seconds: 10 });
  }

  @Get('events/:id/edit')
  @Roles(...MANAGERS)
  async editEvent(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Res({ passthrough: true }) reply: FastifyReply) {
    const e = await this.events.get(req.principal, id);
    const one = e.sessions?.length === 1 ? e.sessions[0] : null;
    html(reply);
    return this.renderEdit(req, reply, e, { title: e.title, description: e.description ?? '', venueName: e.venueName ?? '', onlineUrl: e.onlineUrl ?? '', conclusion: e.conclusion ?? '', startsAt: one?.startsAtLocal.slice(0, 16) ?? '', endsAt: one?.endsAtLocal.slice(0, 16) ?? '' }, []);
  }

  /**
   * Saves the edit form through EventsService.update (the API's PATCH): the same lifecycle, hall
   * booking and agenda rules, and the update mail to invitees when time or place changes. The time
   * is edited here for a one-session event; a programme of several sessions through the API.
   */
  @Post('events/:id/edit')
  @Roles(...MANAGERS)
  async saveEvent(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const e = await this.events.get(req.principal, id);
    const f = Object.fromEntries(['title', 'description', 'venueName', 'onlineUrl', 'conclusion', 'startsAt', 'endsAt'].map((k) => [k, text(body?.[k])]));
    const one = e.sessions?.length === 1 ? e.sessions[0] : null;
    const dto = plainToInstance(UpdateEventDto, {
      title: f.title || undefined,
      description: f.description || null,
      venueName: f.venueName || null,
      onlineUrl: f.onlineUrl || null,
      ...(e.status === 'completed' || f.conclusion ? { conclusion: f.conclusion || null } : {}),
      ...(one && f.startsAt && f.endsAt && (f.startsAt !== one.startsAtLocal.slice(0, 16) || f.endsAt !== one.endsAtLocal.slice(0, 16)) ? { sessions: [{ startsAt: f.startsAt, endsAt: f.endsAt, title: one.title ?? undefined }] } : {}),
    });
    const problems = (await validate(dto, { whitelist: true })).flatMap((v) => (v.property === 'sessions' ? ['startsAt'] : [v.property]));
    if (problems.length) {
      html(reply, 400);
      return this.renderEdit(req, reply, e, f, problems);
    }
    try {
      await this.events.update(req.principal, id, dto);
      return reply.redirect(`/app/events/${id}?done=saved`, 303);
    } catch (err) {
      const code = refusal(err);
      html(reply, err instanceof HttpException ? err.getStatus() : 400);
      return this.renderEdit(req, reply, e, f, [], code);
    }
  }

  @Post('events/:id/transition')
  @Roles(...MANAGERS)
  async transition(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const action = text(body?.action) as EventAction;
    if (!EVENT_ACTIONS.includes(action)) return back(reply, `/app/events/${id}`, { error: 'invalid' });
    try {
      await this.events.transition(req.principal, id, action);
      return back(reply, `/app/events/${id}`, { done: action });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  @Post('events/:id/participants')
  @Roles(...MANAGERS)
  async addParticipant(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const quota = text(body?.quota);
    const dto = plainToInstance(AddParticipantDto, {
      ...(text(body?.personId) ? { personId: text(body?.personId) } : { organizationId: text(body?.organizationId) || undefined, quota: /^\d{1,4}$/.test(quota) ? Number(quota) : undefined }),
      role: text(body?.role) || 'delegate',
    });
    if ((await validate(dto, { whitelist: true })).length) return back(reply, `/app/events/${id}`, { error: 'invalid' });
    try {
      await this.participants.add(req.principal, id, [dto]);
      return back(reply, `/app/events/${id}`, { done: 'added' });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  /** Withdraws an invitation (the API's DELETE …/participants/:pid: a CANCEL goes to whoever had it). */
  @Post('events/:id/participants/:pid/remove')
  @Roles(...MANAGERS)
  async removeParticipant(@Param('id', ParseUUIDPipe) id: string, @Param('pid', ParseUUIDPipe) pid: string, @Req() req: Req, @Res() reply: FastifyReply) {
    try {
      await this.participants.remove(req.principal, id, pid);
      return back(reply, `/app/events/${id}`, { done: 'removed' });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  @Post('events/:id/send')
  @Roles(...MANAGERS)
  async send(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Res() reply: FastifyReply) {
    try {
      const r = await this.invitations.send(req.principal, id);
      return back(reply, `/app/events/${id}`, { done: 'sent', sent: `${r.invitations}-${r.nominations}-${r.withoutEmail}-${r.upToDate}` } as never);
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  @Post('events/:id/retry')
  @Roles(...MANAGERS)
  async retry(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const one = text(body?.participantId);
    try {
      await this.invitations.retry(req.principal, id, one ? [one] : undefined);
      return back(reply, `/app/events/${id}`, { done: 'retried' });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  /** The bridge-point board: every point's readiness, connection and headcount; `?part=live` is the table alone, which the page polls. */
  @Get('events/:id/board')
  @Roles(...ANY_ROLE)
  async board(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    const [event, list] = await Promise.all([this.events.get(p, id), this.points.list(p, id)]);
    const ctx = workspaceContext(req, reply);
    const view = boardView(ctx.locale, list);
    html(reply);
    if (text(query.part) === 'live') return renderWorkspace(this.views, ctx, 'board-live', { ...view, fragment: true });
    const organizations = MANAGERS.includes(p.role) ? (await this.organizations.list(p, plainToInstance(ListOrganizationsQuery, { limit: 200 }))).items : [];
    return renderWorkspace(this.views, ctx, 'board', { event: eventRow(event), ...view, organizations, canManage: MANAGERS.includes(p.role), ...outcome(query, ['point']), updatedAt: formatLocal(new Date()) }, { seconds: 5, refreshWithoutScript: true });
  }

  @Post('events/:id/board/points')
  @Roles(...MANAGERS)
  async addPoint(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const expected = text(body?.expectedAttendance);
    const dto = plainToInstance(CreateBridgePointDto, {
      hostOrganizationId: text(body?.hostOrganizationId) || undefined,
      roomName: text(body?.roomName) || undefined,
      videoProvider: text(body?.videoProvider) || 'vnpt_cvc',
      isMain: body?.isMain === 'on' || body?.isMain === 'true',
      ...(/^\d{1,5}$/.test(expected) ? { expectedAttendance: Number(expected) } : {}),
    });
    if ((await validate(dto, { whitelist: true })).length) return back(reply, `/app/events/${id}/board`, { error: 'invalid' });
    try {
      await this.points.create(req.principal, id, dto);
      return back(reply, `/app/events/${id}/board`, { done: 'point' });
    } catch (e) {
      return back(reply, `/app/events/${id}/board`, { error: refusal(e) });
    }
  }

  @Get('events/:id/attendance')
  @Roles(...ANY_ROLE)
  async attendance(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
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
  @Post('events/:id/attendance')
  @Roles(...MANAGERS)
  async markRoster(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query() query: Form, @Body() body: Form, @Res() reply: FastifyReply) {
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

  @Get('events/:id/attendance/export')
  @Roles(...ANY_ROLE)
  async attendanceExport(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query('format') format: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.summaries.export(req.principal, id, format === 'csv' ? 'csv' : 'xlsx');
    void reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }

  private renderEdit(req: Req, reply: FastifyReply, e: Awaited<ReturnType<EventsService['get']>>, values: Record<string, string>, problems: string[], error?: string) {
    return renderWorkspace(this.views, workspaceContext(req, reply), 'event-edit', { event: eventRow(e), oneSession: e.sessions?.length === 1, values, problems, error: error ?? null });
  }

  private async renderNewEvent(req: Req, reply: FastifyReply, values: Record<string, string>, problems: string[], error?: string) {
    const organizations = (await this.organizations.list(req.principal, plainToInstance(ListOrganizationsQuery, { limit: 200 }))).items;
    return renderWorkspace(this.views, workspaceContext(req, reply), 'event-new', { values, problems, error: error ?? null, organizations: organizations.map((o) => ({ id: o.id, name: o.name, selected: o.id === values.hostOrganizationId })) });
  }
}
