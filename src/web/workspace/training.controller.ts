import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { download } from '../../common/http/download';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RosterEntryDto } from '../../attendance/dto/attendance.dto';
import { ANY_ROLE, MANAGERS, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { codeOf } from '../../common/errors/api-error';
import { translator } from '../../common/i18n/i18n';
import { Clock } from '../../common/time/clock';
import { ListPeopleQuery } from '../../people/dto/person.dto';
import { PeopleService } from '../../people/people.service';
import { EnrollDto } from '../../training/dto/training.dto';
import { TrainerRosterService } from '../../training/trainer-roster.service';
import { TrainingSummaryService } from '../../training/training-summary.service';
import { TrainingService } from '../../training/training.service';
import { clientError } from '../page-response';
import { ViewRenderer } from '../view-renderer';
import { SessionGuard } from './session';
import { classPageView, currentSessionId, ROSTER_CHOICES, trainingIndexView } from './training-views';
import { TRAINING_WORDED_ERRORS, trainingWorkspaceMessages } from './training-messages';
import { WorkspaceErrorFilter } from './workspace-errors';
import { renderWorkspace, workspaceContext } from './workspace-page';

type Req = FastifyRequest & { principal: Principal };
type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const html = (reply: FastifyReply) => void reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-store');
/** A refusal's code, worded by the training catalog when it knows it, else `failed`; a server fault stays one. */
const refusal = (e: unknown) => {
  if (!clientError(e)) throw e;
  const code = (codeOf(e) ?? '').replace(/\./g, '_');
  return TRAINING_WORDED_ERRORS.includes(code) ? code : 'failed';
};

/**
 * Tập huấn in the signed-in workspace: the programs with their progress against the targets and the
 * classes (`/app/training`), and a class (`/app/training/classes/{id}`: trainees, completion,
 * certificates, exports, enrolling one person found by name; a session's roster marked with one tap
 * per trainee or "all present"). A trainer sees and marks only the classes they teach (403 for
 * another). Every read and write goes through the API's services (TrainingService,
 * TrainingSummaryService, TrainerRosterService) with the signed-in user: the same roles, scope and
 * rules — completion and certificates follow a roster write in its transaction, as through the API.
 */
@ApiExcludeController()
@Controller('app/training')
@Public()
@UseGuards(SessionGuard)
@UseFilters(WorkspaceErrorFilter)
export class WorkspaceTrainingController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly training: TrainingService,
    private readonly summaries: TrainingSummaryService,
    private readonly rosters: TrainerRosterService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async index(@Req() req: Req, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    // A trainer's page is their classes; the programs (plans, targets) are the managers' and leaders'.
    const programs = p.role === 'trainer' ? [] : await this.training.listPrograms(p);
    const summaries = await Promise.all(programs.map((x) => this.summaries.programSummary(p, String(x.id))));
    const classes = await this.training.listClasses(p);
    const ctx = workspaceContext(req, reply);
    html(reply);
    return renderWorkspace(this.views, ctx, 'training', { t: translator(trainingWorkspaceMessages, ctx.locale), ...trainingIndexView(summaries, classes), isTrainer: p.role === 'trainer' });
  }

  @Get('classes/:id')
  @Roles(...ANY_ROLE)
  async classPage(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    const c = await this.training.classView(p, id);
    const enrollments = await this.training.listEnrollments(p, id);
    const canMark = p.role !== 'viewer';
    const canEnroll = MANAGERS.includes(p.role);
    const asked = text(query.sessionId);
    const sessionId = c.sessions?.some((s) => s.id === asked) ? asked : currentSessionId(c.sessions ?? [], this.clock.now());
    const roster = canMark && sessionId ? await this.rosters.roster(p, id, sessionId) : null;
    const q = canEnroll ? text(query.q).slice(0, 100) : '';
    const found = q ? (await this.people.list(p, plainToInstance(ListPeopleQuery, { q, limit: 20 }))).items : [];
    const ctx = workspaceContext(req, reply);
    html(reply);
    return renderWorkspace(this.views, ctx, 'training-class', {
      t: translator(trainingWorkspaceMessages, ctx.locale),
      ...classPageView(c, enrollments, roster?.items ?? [], sessionId, found),
      canMark, canEnroll, q, choices: ROSTER_CHOICES,
      done: text(query.done) || null, error: text(query.error) || null,
    });
  }

  /**
   * A session's marks from the class page (the API's bulk write through TrainerRosterService: the
   * class's trainers, admins, organizers in scope). Fields `s.<participantId>` (one radio group per
   * trainee); the button `all=present` marks every trainee of the roster present.
   */
  @Post('classes/:id/attendance')
  @Roles('admin', 'organizer', 'trainer')
  async mark(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query() query: Form, @Body() body: Form, @Res() reply: FastifyReply) {
    const sessionId = text(query.sessionId);
    const form = body ?? {};
    const back = (o: Record<string, string>) => reply.redirect(`/app/training/classes/${id}?${new URLSearchParams({ sessionId, ...o }).toString()}#roster`, 303);
    if (!UUID.test(sessionId)) return back({ error: 'invalid' });
    let entries: RosterEntryDto[];
    if (form.all === 'present') {
      const roster = await this.rosters.roster(req.principal, id, sessionId);
      entries = roster.items.map((i) => plainToInstance(RosterEntryDto, { participantId: i.participantId, status: 'present', method: 'manual' }));
    } else {
      entries = Object.entries(form)
        .filter(([k, v]) => k.startsWith('s.') && text(v))
        .map(([k, v]) => plainToInstance(RosterEntryDto, { participantId: k.slice(2), status: text(v), method: 'manual' }));
      const bad = entries.length === 0 || entries.length > 5000 || entries.some((e) => !(ROSTER_CHOICES as readonly string[]).includes(e.status));
      if (bad || (await Promise.all(entries.map((e) => validate(e, { whitelist: true })))).some((errors) => errors.length > 0)) return back({ error: 'invalid' });
    }
    if (entries.length === 0) return back({ error: 'invalid' });
    try {
      await this.rosters.write(req.principal, id, sessionId, entries);
      return back({ done: 'marked' });
    } catch (e) {
      return back({ error: refusal(e) });
    }
  }

  /** Enrols one person found with the search field (TrainingService.enroll: capacity, waitlist when asked, the invitation as for any trainee). */
  @Post('classes/:id/enrollments')
  @Roles(...MANAGERS)
  async enroll(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const back = (o: Record<string, string>) => reply.redirect(`/app/training/classes/${id}?${new URLSearchParams(o).toString()}#trainees`, 303);
    const dto = plainToInstance(EnrollDto, { personId: text(body?.personId), waitlist: body?.waitlist === '1' });
    if ((await validate(dto, { whitelist: true })).length) return back({ error: 'invalid' });
    try {
      const r = (await this.training.enroll(req.principal, id, dto)) as { status?: string };
      return back({ done: r.status === 'waitlisted' ? 'waitlisted' : 'enrolled' });
    } catch (e) {
      // (The training catalog's own wording of refusals, not the workspace's.)
      return back({ error: refusal(e) });
    }
  }

  /** The class's roster and results as XLSX (default) or CSV, the API's export. */
  @Get('classes/:id/export')
  @Roles(...ANY_ROLE)
  async export(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query('format') format: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.summaries.exportRoster(req.principal, id, format === 'csv' ? 'csv' : 'xlsx');
    return download(reply, file);
  }
}
