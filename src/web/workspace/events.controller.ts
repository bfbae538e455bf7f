import { Body, Get, HttpException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { BridgePointsService } from '../../bridge-points/bridge-points.service';
import { ANY_ROLE, MANAGERS, Roles } from '../../common/auth/decorators';
import { translator } from '../../common/i18n/i18n';
import { formatLocal } from '../../common/time/time';
import { AGENDA_TYPES, ReplaceAgendaDto } from '../../events/agenda/agenda.dto';
import { AgendaService } from '../../events/agenda/agenda.service';
import { CreateEventDto, type EventView, ListEventsQuery, UpdateEventDto } from '../../events/dto/event.dto';
import { EventsService } from '../../events/events.service';
import { TasksService } from '../../events/tasks/tasks.service';
import { ListParticipantsQuery } from '../../invitations/participants/dto/participant.dto';
import { ParticipantsService } from '../../invitations/participants/participants.service';
import { InvitationsService } from '../../invitations/sending/invitations.service';
import { ListOrganizationsQuery } from '../../organizations/dto/organization.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ListPeopleQuery } from '../../people/dto/person.dto';
import { PeopleService } from '../../people/people.service';
import { ViewRenderer } from '../view-renderer';
import { agendaRows, agendaRowsOf, agendaStart, agendaTypeOf, type AgendaRow, problemPaths, refusedFields, sessionRows, sessionRowsOf, type SessionRow } from './event-forms';
import { back, type Form, html, localDay, outcome, refusal, type PageReq, text, WorkspacePages } from './workspace-http';
import { workspaceMessages } from './workspace-messages';
import { renderWorkspace, workspaceContext } from './workspace-page';
import { agendaView, calendarView, tasksView, EVENT_ACTIONS, type EventAction, eventRow, eventView, historyView } from './workspace-views';

/**
 * Events in the workspace: the list with search and filters, the month calendar, create and edit,
 * the lifecycle buttons, the history, and an event's page (answers, participants, invitations).
 * Every read and write goes through EventsService (and its DTOs) with the session's principal — the
 * same scope checks and rules as the API, no second copy.
 */
@WorkspacePages('app/events')
export class WorkspaceEventsController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
    private readonly participants: ParticipantsService,
    private readonly invitations: InvitationsService,
    private readonly points: BridgePointsService,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly tasks: TasksService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async eventList(@Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const filters = { q: text(query.q), status: text(query.status), format: text(query.format), kind: text(query.kind), from: text(query.from), to: text(query.to) };
    const dto = plainToInstance(ListEventsQuery, { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), limit: 50, offset: Math.max(0, Number(text(query.offset)) || 0) });
    // Filters the API would refuse are shown as a problem on the page, not a bare 400.
    const invalid = (await validate(dto, { whitelist: true })).map((e) => e.property);
    const page = invalid.length ? { items: [], total: 0, hasMore: false, offset: 0 } : await this.events.list(req.principal, dto);
    html(reply, invalid.length ? 400 : 200);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'events', { filters, invalid, rows: page.items.map(eventRow), hasMore: page.hasMore, nextOffset: page.offset + page.items.length, canCreate: MANAGERS.includes(req.principal.role) });
  }

  /** A month of sessions, Monday first (`?month=2031-09`, default this month in Hà Nội). */
  @Get('calendar')
  @Roles(...ANY_ROLE)
  async calendar(@Req() req: PageReq, @Query('month') month: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const wanted = typeof month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : localDay(new Date()).slice(0, 7);
    const entries = await this.events.calendar(req.principal, wanted);
    html(reply, typeof month === 'string' && month !== wanted ? 400 : 200);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'calendar', calendarView(wanted, entries));
  }

  @Get(':id/history')
  @Roles(...ANY_ROLE)
  async history(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Res({ passthrough: true }) reply: FastifyReply) {
    const [event, entries] = await Promise.all([this.events.get(req.principal, id), this.events.history(req.principal, id)]);
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'history', { event: eventRow(event), entries: historyView(entries) });
  }

  @Get('new')
  @Roles(...MANAGERS)
  async newEvent(@Req() req: PageReq, @Res({ passthrough: true }) reply: FastifyReply) {
    html(reply);
    return this.renderNewEvent(req, reply, {}, [], {});
  }

  @Post()
  @Roles(...MANAGERS)
  async createEvent(@Req() req: PageReq, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const f = Object.fromEntries(['title', 'kind', 'format', 'hostOrganizationId', 'venueName', 'onlineUrl', 'description'].map((k) => [k, text(body?.[k])]));
    const sessions = sessionRows(body);
    if (text(body?.op) === 'more') {
      html(reply);
      return this.renderNewEvent(req, reply, f, [...sessions, BLANK_SESSION], {});
    }
    const dto = plainToInstance(CreateEventDto, {
      title: f.title || undefined, kind: f.kind || undefined, format: f.format || undefined, hostOrganizationId: f.hostOrganizationId || undefined,
      venueName: f.venueName || undefined, onlineUrl: f.onlineUrl || undefined, description: f.description || undefined,
      sessions: sessions.map(sessionInput),
    });
    const problems = fieldProblems(await validate(dto, { whitelist: true, forbidNonWhitelisted: false }));
    if (Object.keys(problems).length) {
      html(reply, 400);
      return this.renderNewEvent(req, reply, f, sessions, problems);
    }
    try {
      const event = await this.events.create(req.principal, dto);
      return reply.redirect(`/app/events/${event.id}?done=created`, 303);
    } catch (e) {
      const code = refusal(e);
      html(reply, 400);
      return this.renderNewEvent(req, reply, f, sessions, refusedFields(e), code);
    }
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  async event(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    if (text(query.part) === 'live') {
      // What the open page refreshes: the answer counts and the list (substitutes and nominees as they arrive), from the API's own reads.
      const [event, summary, list] = await Promise.all([this.events.get(p, id), this.invitations.summary(p, id), this.participants.list(p, id, plainToInstance(ListParticipantsQuery, { limit: 200 }))]);
      html(reply);
      return renderWorkspace(this.views, workspaceContext(req, reply), 'event-live', { ...eventView(event, summary, list.items, null), canManage: MANAGERS.includes(p.role) });
    }
    const manager = MANAGERS.includes(p.role);
    const q = text(query.q).slice(0, 200);
    if (text(query.part) === 'found') {
      // What the invite search finds as one types (the fragment the page's script swaps in; the same as the form's GET).
      const event = await this.events.get(p, id);
      html(reply);
      return renderWorkspace(this.views, workspaceContext(req, reply), 'partials/event-found', { event: eventRow(event), q, found: manager && q ? await this.found(p, q) : null });
    }
    const event = await this.events.get(p, id);
    const [summary, list, board, tasks, agenda, organizations] = await Promise.all([
      this.invitations.summary(p, id),
      this.participants.list(p, id, plainToInstance(ListParticipantsQuery, { limit: 200 })),
      event.format === 'in_person' ? null : this.points.list(p, id),
      this.tasks.forEvent(p, id),
      this.agenda.get(p, id),
      manager ? this.organizations.list(p, plainToInstance(ListOrganizationsQuery, { limit: 200 })) : null,
    ]);
    const agencyNames = await this.organizations.namesByIds([...new Set(tasks.map((t) => t.assigneeOrganizationId).filter((x): x is string => !!x))]);
    const found = q && manager ? await this.found(p, q) : null;
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'event', {
      ...eventView(event, summary, list.items, board),
      ...outcome(query, ['created', 'saved', 'publish', 'start', 'complete', 'cancel', 'added', 'removed', 'sent', 'retried', 'point', 'task', 'taskDone']),
      q,
      found,
      canManage: manager,
      agenda: agendaView(event, agenda.items),
      tasks: tasksView(tasks, agencyNames, list.items),
      assignees: { organizations: organizations?.items.map((o) => ({ id: o.id, name: o.name })) ?? [], people: list.items.filter((x) => x.personId).map((x) => ({ id: x.personId!, name: x.fullName ?? '' })) },
      sendResult: text(query.sent) ? text(query.sent).split('-').map((n) => Number(n) || 0) : null,
    }, { seconds: 10 });
  }

  @Get(':id/edit')
  @Roles(...MANAGERS)
  async editEvent(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const e = await this.events.get(req.principal, id);
    const agenda = await this.agenda.get(req.principal, id);
    html(reply);
    return this.renderEdit(req, reply, e, { title: e.title, description: e.description ?? '', venueName: e.venueName ?? '', onlineUrl: e.onlineUrl ?? '', conclusion: e.conclusion ?? '' }, sessionRowsOf(e), {}, undefined, {
      rows: agendaRowsOf(e, agenda.items),
      done: text(query.agenda) === 'saved',
    });
  }

  /**
   * Saves the edit form through EventsService.update (the API's PATCH): the same lifecycle, hall
   * booking, session and agenda rules (the agenda moves with its sessions), and the update mail to
   * invitees when time or place changes. The sessions are sent only when the form changed them.
   */
  @Post(':id/edit')
  @Roles(...MANAGERS)
  async saveEvent(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const e = await this.events.get(req.principal, id);
    const f = Object.fromEntries(['title', 'description', 'venueName', 'onlineUrl', 'conclusion'].map((k) => [k, text(body?.[k])]));
    const sessions = sessionRows(body);
    if (text(body?.op) === 'more') {
      html(reply);
      return this.renderEdit(req, reply, e, f, [...sessions, BLANK_SESSION], {});
    }
    const changed = JSON.stringify(sessions) !== JSON.stringify(sessionRowsOf(e));
    const dto = plainToInstance(UpdateEventDto, {
      title: f.title || undefined,
      description: f.description || null,
      venueName: f.venueName || null,
      onlineUrl: f.onlineUrl || null,
      ...(e.status === 'completed' || f.conclusion ? { conclusion: f.conclusion || null } : {}),
      ...(changed ? { sessions: sessions.map(sessionInput) } : {}),
    });
    const problems = fieldProblems(await validate(dto, { whitelist: true }));
    if (Object.keys(problems).length) {
      html(reply, 400);
      return this.renderEdit(req, reply, e, f, sessions, problems);
    }
    try {
      await this.events.update(req.principal, id, dto);
      return reply.redirect(`/app/events/${id}?done=saved`, 303);
    } catch (err) {
      const code = refusal(err);
      html(reply, err instanceof HttpException ? err.getStatus() : 400);
      return this.renderEdit(req, reply, e, f, sessions, refusedFields(err), code);
    }
  }

  /**
   * Replaces the agenda through AgendaService (the API's PUT …/agenda): each item within a session of
   * the event, a speaker by name; a refusal is shown beside the item's field. An item's time is on
   * the day of the session it is listed under.
   */
  @Post(':id/agenda')
  @Roles(...MANAGERS)
  async saveAgenda(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const e = await this.events.get(req.principal, id);
    const last = Math.max(0, (e.sessions?.length ?? 1) - 1);
    const rows = agendaRows(body).map((r) => ({ ...r, session: String(Math.min(Number(r.session) || 0, last)) }));
    const again = (status: number, problems: Record<string, string>, error?: string) => {
      html(reply, status);
      return this.renderEdit(req, reply, e, { title: e.title, description: e.description ?? '', venueName: e.venueName ?? '', onlineUrl: e.onlineUrl ?? '', conclusion: e.conclusion ?? '' }, sessionRowsOf(e), {}, undefined, { rows, problems, error, more: text(body?.op) === 'more' });
    };
    if (text(body?.op) === 'more') return again(200, {});
    const dto = plainToInstance(ReplaceAgendaDto, { items: rows.map((r) => ({ startsAt: agendaStart(e, r), title: r.title || undefined, type: agendaTypeOf(r.type), speakerName: r.speaker || undefined })) });
    const problems = agendaFields(fieldProblems(await validate(dto, { whitelist: true })));
    if (Object.keys(problems).length) return again(400, problems);
    try {
      await this.agenda.replace(req.principal, id, dto);
      return reply.redirect(`/app/events/${id}/edit?agenda=saved#agenda`, 303);
    } catch (err) {
      const code = refusal(err);
      return again(err instanceof HttpException ? err.getStatus() : 400, agendaFields(refusedFields(err)), code);
    }
  }

  @Post(':id/transition')
  @Roles(...MANAGERS)
  async transition(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const action = text(body?.action) as EventAction;
    if (!EVENT_ACTIONS.includes(action)) return back(reply, `/app/events/${id}`, { error: 'invalid' });
    try {
      await this.events.transition(req.principal, id, action);
      return back(reply, `/app/events/${id}`, { done: action });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  private renderEdit(
    req: PageReq,
    reply: FastifyReply,
    e: EventView,
    values: Record<string, string>,
    sessions: SessionRow[],
    problems: Record<string, string>,
    error?: string,
    agenda: { rows?: AgendaRow[]; problems?: Record<string, string>; error?: string; done?: boolean; more?: boolean } = {},
  ) {
    const saved = e.sessions ?? [];
    // One blank item under each session to add to it (two after "more rows").
    const blanks = saved.flatMap((_, i) => Array.from({ length: agenda.more ? 2 : 1 }, () => ({ session: String(i), time: '', title: '', type: 'presentation', speaker: '' })));
    return renderWorkspace(this.views, workspaceContext(req, reply), 'event-edit', {
      event: eventRow(e),
      values,
      sessions: sessions.length ? sessions : [BLANK_SESSION],
      problems,
      error: error ?? null,
      agenda: {
        rows: [...(agenda.rows ?? []), ...blanks],
        sessions: saved.map((s, i) => `${this.w(req, reply)('sessions.legend', { n: i + 1 })}: ${formatLocal(new Date(s.startsAt))} – ${formatLocal(new Date(s.endsAt))}${s.title ? ` (${s.title})` : ''}`),
        problems: agenda.problems ?? {},
        error: agenda.error ?? null,
        done: agenda.done ?? false,
      },
      agendaTypes: AGENDA_TYPES,
    });
  }

  /** Officials and agencies matching `q` without diacritics, as `/api/people?q=` and `/api/organizations?q=` find them (in the user's scope). */
  private async found(p: PageReq['principal'], q: string) {
    const [people, organizations] = await Promise.all([
      this.people.list(p, plainToInstance(ListPeopleQuery, { q, limit: 10 })),
      this.organizations.list(p, plainToInstance(ListOrganizationsQuery, { q, limit: 10 })),
    ]);
    return { people: people.items, organizations: organizations.items };
  }

  private w(req: PageReq, reply: FastifyReply) {
    return translator(workspaceMessages, workspaceContext(req, reply).locale);
  }

  private async renderNewEvent(req: PageReq, reply: FastifyReply, values: Record<string, string>, sessions: SessionRow[], problems: Record<string, string>, error?: string) {
    const organizations = (await this.organizations.list(req.principal, plainToInstance(ListOrganizationsQuery, { limit: 200 }))).items;
    return renderWorkspace(this.views, workspaceContext(req, reply), 'event-new', {
      values,
      sessions: sessions.length ? sessions : [BLANK_SESSION],
      problems,
      error: error ?? null,
      organizations: organizations.map((o) => ({ id: o.id, name: o.name, selected: o.id === values.hostOrganizationId })),
    });
  }
}

const BLANK_SESSION: SessionRow = { startsAt: '', endsAt: '', title: '' };
const sessionInput = (s: SessionRow) => ({ startsAt: s.startsAt || undefined, endsAt: s.endsAt || undefined, title: s.title || undefined });
/** Every problem path (`sessions.0.endsAt`) as an `invalid` field; no session at all is a problem of the first row. */
const fieldProblems = (errors: ValidationError[]) => Object.fromEntries(problemPaths(errors).map((p) => [p === 'sessions' ? 'sessions.0.startsAt' : p, 'invalid']));
/** The agenda DTO's paths (`items.2.startsAt`) as the form's fields (`agenda.2.time`). */
const AGENDA_FIELDS: Record<string, string> = { startsAt: 'time', title: 'title', type: 'type', speakerName: 'speaker', speakerPersonId: 'speaker' };
const agendaFields = (problems: Record<string, string>) =>
  Object.fromEntries(Object.entries(problems).map(([path, why]) => {
    const [, i, f] = /^items\.(\d+)\.(\w+)$/.exec(path) ?? [];
    return [i ? `agenda.${i}.${AGENDA_FIELDS[f] ?? 'title'}` : 'agenda.0.title', why];
  }));
