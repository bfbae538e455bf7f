import { Body, Controller, Get, Logger, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RosterEntryDto } from '../attendance/dto/attendance.dto';
import { Public } from '../common/auth/decorators';
import { type Locale, pickLocale } from '../common/i18n/i18n';
import { TrainerRosterService } from '../training/trainer-roster.service';
import { TrainingService } from '../training/training.service';
import { clientError, respondWithPage } from './page-response';
import { renderCertificatePage, renderRosterPage, renderVerifyPage, ROSTER_CHOICES, type RosterChoice, type RosterPageView } from './pages/training-pages';
import { ViewRenderer } from './view-renderer';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The training pages: the trainer's phone roster (`/roster/:token`, the short-lived link from
 * `GET /api/training/classes/:id/roster-link`), the printable certificate (`/certificates/:token`)
 * and the public verify page (`/verify/{prefix}/{year}/{seq}`). Vietnamese unless `?lang=en`.
 */
@ApiExcludeController()
@Controller()
@Public()
export class TrainingPagesController {
  private readonly logger = new Logger(TrainingPagesController.name);

  constructor(
    private readonly rosters: TrainerRosterService,
    private readonly training: TrainingService,
    private readonly views: ViewRenderer,
  ) {}

  @Get('roster/:token')
  roster(@Param('token') token: string, @Query('sessionId') sessionId: unknown, @Query('lang') lang: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const locale = pickLocale(null, str(lang) ?? null);
    return respondWithPage(this.views, this.logger, reply, locale, () => this.renderRoster(token, locale, sessionIdOf(sessionId), null));
  }

  @Post('roster/:token')
  post(@Param('token') token: string, @Query('sessionId') sessionId: unknown, @Query('lang') lang: unknown, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const locale = pickLocale(null, str(lang) ?? null);
    const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    return respondWithPage(this.views, this.logger, reply, locale, async () => {
      const current = await this.rosters.rosterByToken(token, sessionIdOf(sessionId));
      if (!current.session) return this.renderRoster(token, locale, undefined, { kind: 'error' }, 400);
      let records: RosterEntryDto[];
      if (form.all === 'present') records = current.items.map((i) => ({ participantId: i.participantId, status: 'present' }) as RosterEntryDto);
      else {
        records = Object.entries(form)
          .filter(([k]) => k.startsWith('s.'))
          .map(([k, v]) => ({ participantId: k.slice(2), status: v as RosterChoice }) as RosterEntryDto);
        if (records.length === 0 || records.some((r) => !UUID.test(r.participantId) || !ROSTER_CHOICES.includes(r.status as RosterChoice))) {
          return this.renderRoster(token, locale, current.session.id, { kind: 'error' }, 400);
        }
      }
      try {
        await this.rosters.writeByToken(token, current.session.id, records);
      } catch (e) {
        if (!clientError(e) || [401, 403, 404, 410].includes(e.getStatus())) throw e;
        return this.renderRoster(token, locale, current.session.id, { kind: 'error' }, e.getStatus());
      }
      return this.renderRoster(token, locale, current.session.id, { kind: 'saved', n: records.length });
    });
  }

  private async renderRoster(token: string, locale: Locale, sessionId: string | undefined, result: RosterPageView['result'], status = 200) {
    const r = await this.rosters.rosterByToken(token, sessionId);
    const all = (r.event.sessions ?? []).map((s) => s.id);
    const path = `/roster/${token}`;
    const html = renderRosterPage(this.views, {
      locale,
      action: path,
      classTitle: r.event.title,
      trainerName: r.trainer.fullName,
      sessions: r.today.map((s) => ({ id: s.id, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), n: all.indexOf(s.id) + 1, current: s.id === r.session?.id, href: `${path}?${new URLSearchParams({ sessionId: s.id, lang: locale })}` })),
      sessionId: r.session?.id ?? null,
      trainees: r.items.map((i) => ({ participantId: i.participantId, fullName: i.fullName, organizationName: i.organizationName, status: i.attendance?.status ?? null })),
      result,
    });
    return { html, status };
  }

  @Get('certificates/:token')
  certificate(@Param('token') token: string, @Query('lang') lang: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const locale = pickLocale(null, str(lang) ?? null);
    return respondWithPage(this.views, this.logger, reply, locale, async () => {
      const c = await this.training.certificateByToken(token);
      if (!c) throw new NotFoundException();
      const html = renderCertificatePage(this.views, {
        locale, number: c.number, holderName: c.holderName, holderTitle: c.holderTitle, holderOrganization: c.holderOrganization, programName: c.programName, className: c.className,
        startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt), hours: c.hours, issuedAt: new Date(c.issuedAt), revoked: c.revokedAt !== null,
      });
      return { html, status: 200 };
    });
  }

  /** A certificate number has slashes (`TH-HG/2013/0001`): the path carries its three parts. */
  @Get('verify/:prefix/:year/:seq')
  async verify(@Param('prefix') prefix: string, @Param('year') year: string, @Param('seq') seq: string, @Query('lang') lang: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const locale = pickLocale(null, str(lang) ?? null);
    const number = `${prefix}/${year}/${seq}`;
    return respondWithPage(this.views, this.logger, reply, locale, async () => {
      const found = number.length <= 64 ? await this.training.verify(number) : null;
      const html = renderVerifyPage(this.views, { locale, number, found: found && { ...found, startsAt: new Date(found.startsAt), endsAt: new Date(found.endsAt) } });
      return { html, status: found ? 200 : 404 };
    });
  }
}

const sessionIdOf = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : undefined);
