import { Body, Controller, Get, HttpException, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageLocale } from './locale';
import { Public } from '../common/auth/decorators';
import { codeOf } from '../common/errors/api-error';
import type { Locale } from '../common/i18n/i18n';
import { NominateDto, RsvpDto } from '../invitations/participants/dto/participant.dto';
import { NominationsService } from '../invitations/public/nominations.service';
import { InvitationsError } from '../invitations/invitations.errors';
import { RsvpService } from '../invitations/public/rsvp.service';
import { type NomineeField, renderNominatePage } from './pages/nominate-page';
import { type FieldProblem, RSVP_ANSWERS, type RsvpAnswer, renderRsvpPage, type RsvpResult, type SubstituteField } from './pages/rsvp-page';
import { clientError, respondWithPage } from './page-response';
import { ViewRenderer } from './view-renderer';
import { randomUUID } from 'node:crypto';
import { formatLocal } from '../common/time/time';
import { CheckInService, refusalReasonOf } from '../attendance/checkin.service';
import { CodeCheckInDto } from '../attendance/dto/attendance.dto';
import { qrPath } from '../common/qr/qr-code';
import { InvitationLinks } from '../invitations/public/links';
import { renderCheckInPage } from './pages/checkin-page';
import type { CheckInCard } from './pages/rsvp-page';

type Form = Record<string, string | undefined>;

/** Only the string fields of a parsed body or query (a repeated field arrives as an array; no body as undefined). */
function fields(input: unknown): Form {
  if (!input || typeof input !== 'object') return {};
  return Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'string')) as Form;
}
const SUBSTITUTE: Record<string, SubstituteField> = { fullName: 'substituteName', title: 'substituteTitle', email: 'substituteEmail' };

/** Turns class-validator errors of a person form into the page's field problems. */
async function personProblems<T extends object>(dto: T, map: (field: string) => string | undefined): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  const walk = (errors: Awaited<ReturnType<typeof validate>>) => {
    for (const e of errors) {
      if (e.children?.length) walk(e.children);
      const field = map(e.property);
      if (field && e.constraints) problems[field] = e.constraints.isEmail ? 'invalid_email' : e.constraints.isLength && e.value ? 'too_long' : 'required';
    }
  };
  walk(await validate(dto, { whitelist: true }));
  return problems;
}

/**
 * The pages an official opens from an invitation: answer (`/rsvp/:token`) and agency nomination
 * (`/nominate/:token`). Plain HTML forms, Vietnamese unless the visitor chose English (`?lang=en`, remembered in a cookie; the browser's language does not decide), no login: the link is
 * the credential. A GET only shows (mail scanners open every link); only the form's POST records.
 * Every answer is an HTML page: a refusal is worded on the page (4xx), an unknown link gets the
 * 404 page, and a failure of ours is logged and answered with the 500 "try again later" page.
 */
@ApiExcludeController()
@Controller()
export class PublicPagesController {
  private readonly logger = new Logger(PublicPagesController.name);

  constructor(
    private readonly rsvp: RsvpService,
    private readonly nominations: NominationsService,
    private readonly views: ViewRenderer,
    private readonly checkIns: CheckInService,
    private readonly links: InvitationLinks,
  ) {}

  @Get('rsvp/:token')
  @Public()
  async rsvpPage(@Param('token') token: string, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = fields(query);
    const locale = pageLocale(req, reply, q.lang);
    const proposed = RSVP_ANSWERS.includes(q.answer as RsvpAnswer) ? (q.answer as RsvpAnswer) : null;
    return this.page(reply, locale, () => this.renderRsvp(token, locale, { proposed }));
  }

  @Post('rsvp/:token')
  @Public()
  async rsvpPost(@Param('token') token: string, @Body() body: unknown, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = fields(query);
    const locale = pageLocale(req, reply, q.lang);
    const form = fields(body);
    return this.page(reply, locale, async () => {
      if (!RSVP_ANSWERS.includes(form.answer as RsvpAnswer)) return this.renderRsvp(token, locale, { result: { kind: 'error', reason: 'invalid_answer' } }, 400);
      const answer = form.answer as RsvpAnswer;
      const values = { substituteName: form.substituteName ?? '', substituteTitle: form.substituteTitle ?? '', substituteEmail: form.substituteEmail ?? '' };
      const dto = plainToInstance(RsvpDto, {
        answer,
        ...(answer === 'delegated' ? { substitute: { fullName: form.substituteName || undefined, title: form.substituteTitle || undefined, email: form.substituteEmail || undefined } } : {}),
      });
      const problems = await personProblems(dto, (f) => SUBSTITUTE[f]);
      if (Object.keys(problems).length) return this.renderRsvp(token, locale, { substituteErrors: problems, substituteValues: values }, 400);
      try {
        await this.rsvp.answer(token, dto);
        // What the visitor typed, never the directory's record of that address (it may be someone else's).
        const result: RsvpResult = dto.substitute
          ? { kind: 'saved', answer: 'delegated', substitute: { name: dto.substitute.fullName, email: dto.substitute.email } }
          : { kind: 'saved', answer: answer as 'accepted' | 'declined' | 'tentative' };
        return this.renderRsvp(token, locale, { result });
      } catch (e) {
        if (!clientError(e)) throw e;
        const status = e.getStatus();
        if (status === 404) throw e;
        if (answer === 'delegated' && (codeOf(e) === InvitationsError.AlreadyParticipant || codeOf(e) === InvitationsError.SubstituteIsSelf)) {
          const problem = codeOf(e) === InvitationsError.SubstituteIsSelf ? 'own_address' : 'already_invited';
          return this.renderRsvp(token, locale, { substituteErrors: { substituteEmail: problem }, substituteValues: values }, status);
        }
        const reason = codeOf(e) === InvitationsError.AnswersClosed ? 'closed' : codeOf(e) === InvitationsError.TooManySubstitutes ? 'too_many_substitutes' : 'failed';
        return this.renderRsvp(token, locale, { result: { kind: 'error', reason } }, status === 409 ? 409 : 400);
      }
    });
  }

  /** Self check-in from the RSVP page: the hall code (six digits) and the page's nonce. Every refusal is worded on the page. */
  @Post('rsvp/:token/checkin')
  @Public()
  async checkInPost(@Param('token') token: string, @Body() body: unknown, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = fields(query);
    const locale = pageLocale(req, reply, q.lang);
    const form = fields(body);
    return this.page(reply, locale, async () => {
      const dto = plainToInstance(CodeCheckInDto, { code: form.code ?? '', nonce: form.nonce && /^[A-Za-z0-9_-]{8,64}$/.test(form.nonce) ? form.nonce : randomUUID() });
      if ((await validate(dto)).length) return this.renderRsvp(token, locale, {}, 400, { kind: 'refused', reason: 'invalid_code' });
      try {
        const r = await this.checkIns.checkInByCode(token, dto);
        const time = formatLocal(r.checkedInAt);
        return this.renderRsvp(token, locale, {}, r.result === 'checked_in' ? 201 : 200, r.result === 'checked_in' ? { kind: 'done', status: r.status as 'present' | 'late', time } : { kind: 'already', time });
      } catch (e) {
        const reason = refusalReasonOf(e);
        if (!reason || !clientError(e)) throw e;
        const original = reason === 'already_checked_in' ? (e.getResponse() as { details?: { message: string }[] }).details?.[0]?.message : undefined;
        return this.renderRsvp(token, locale, {}, e.getStatus(), { kind: 'refused', reason, ...(original ? { time: formatLocal(new Date(original)) } : {}) });
      }
    });
  }

  /** What a personal QR code opens without the organizers' app: whose code it is, for which event. */
  @Get('checkin/:token')
  @Public()
  async checkInPage(@Param('token') token: string, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const locale = pageLocale(req, reply, fields(query).lang);
    return this.page(reply, locale, async () => {
      const participantId = this.links.verify('checkin', token);
      if (!participantId) throw new HttpException('Unknown check-in code', 404);
      const v = await this.rsvp.view(this.links.issue('rsvp', participantId));
      return { html: renderCheckInPage(this.views, { locale, name: v.fullName, event: v.mailEvent, qr: qrPath(this.links.checkin(participantId)), staffHref: `/app/checkin/${token}` }), status: 200 };
    });
  }

  @Get('rsvp/:token/event.ics')
  @Public()
  async rsvpIcs(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const body = await this.rsvp.ics(token);
    void reply.type('text/calendar; charset=utf-8; method=REQUEST').header('content-disposition', 'attachment; filename="hoi-nghi.ics"');
    return body;
  }

  @Get('nominate/:token')
  @Public()
  async nominatePage(@Param('token') token: string, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = fields(query);
    const locale = pageLocale(req, reply, q.lang);
    return this.page(reply, locale, () => this.renderNominate(token, locale, {}));
  }

  @Post('nominate/:token')
  @Public()
  async nominatePost(@Param('token') token: string, @Body() body: unknown, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = fields(query);
    const locale = pageLocale(req, reply, q.lang);
    const form = fields(body);
    return this.page(reply, locale, async () => {
      const values = { fullName: form.fullName ?? '', title: form.title ?? '', email: form.email ?? '' };
      const dto = plainToInstance(NominateDto, { nominees: [{ fullName: form.fullName || undefined, title: form.title || undefined, email: form.email || undefined }] });
      const problems = await personProblems(dto, (f) => (['fullName', 'title', 'email'].includes(f) ? f : undefined));
      if (Object.keys(problems).length) return this.renderNominate(token, locale, { errors: problems as Partial<Record<NomineeField, FieldProblem>>, values }, 400);
      try {
        await this.nominations.nominate(token, dto);
        return this.renderNominate(token, locale, { result: { kind: 'saved', nominee: { fullName: dto.nominees[0].fullName, email: dto.nominees[0].email } } });
      } catch (e) {
        if (!clientError(e)) throw e;
        const status = e.getStatus();
        if (status === 404) throw e;
        const code = codeOf(e);
        if (code === InvitationsError.AlreadyParticipant) return this.renderNominate(token, locale, { errors: { email: 'already_invited' }, values }, 409);
        const reason = code === InvitationsError.QuotaFull ? 'quota_full' : code === InvitationsError.AnswersClosed ? 'closed' : 'failed';
        return this.renderNominate(token, locale, { result: { kind: 'error', reason }, values }, status === 409 ? 409 : 400);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------

  /** Renders a page (see `respondWithPage`: 404/500/503 pages, never a JSON body or a stack trace). */
  private page(reply: FastifyReply, locale: Locale, render: () => Promise<{ html: string; status: number }>): Promise<string> {
    return respondWithPage(this.views, this.logger, reply, locale, render);
  }

  private async renderRsvp(token: string, locale: Locale, extra: Partial<Parameters<typeof renderRsvpPage>[1]>, status = 200, checkIn: CheckInCard['result'] = null) {
    const v = await this.rsvp.view(token);
    // The check-in card: for an invitee still on the list, of an event not cancelled (the link itself closes when the event ends).
    const card: CheckInCard | null = v.status !== 'removed' && v.event.status !== 'cancelled' ? { action: `/rsvp/${token}/checkin`, nonce: randomUUID(), qr: qrPath(this.links.checkin(v.participantId)), result: checkIn } : null;
    const html = renderRsvpPage(this.views, {
      locale,
      action: `/rsvp/${token}`,
      participant: { name: v.fullName, role: v.role, status: v.status, substituteEmail: v.substitute?.email ?? null },
      event: v.mailEvent,
      icsUrl: `/rsvp/${token}/event.ics`,
      closed: !v.canAnswer && v.event.status !== 'cancelled',
      cancelled: v.event.status === 'cancelled',
      checkIn: card,
      ...extra,
    });
    return { html, status };
  }

  private async renderNominate(token: string, locale: Locale, extra: Partial<Parameters<typeof renderNominatePage>[1]>, status = 200) {
    const v = await this.nominations.view(token);
    const html = renderNominatePage(this.views, {
      locale,
      action: `/nominate/${token}`,
      agency: { name: v.agencyName },
      event: v.mailEvent,
      quota: v.quota,
      nominees: v.nominees.map((n) => ({ fullName: n.fullName, email: n.email, status: n.status as never })),
      closed: !v.canNominate && v.event.status !== 'cancelled',
      cancelled: v.event.status === 'cancelled',
      ...extra,
    });
    return { html, status };
  }
}
