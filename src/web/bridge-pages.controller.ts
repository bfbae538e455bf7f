import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageLocale } from './locale';
import { BridgePointsError } from '../bridge-points/bridge-points.errors';
import { BridgePointsService, COORDINATOR } from '../bridge-points/bridge-points.service';
import { HeadcountDto, IncidentDto, LiveStatusDto, ReadinessDto } from '../bridge-points/dto/bridge-point.dto';
import { Public } from '../common/auth/decorators';
import { codeOf } from '../common/errors/api-error';
import { type Locale, translator } from '../common/i18n/i18n';
import { bridgePageMessages } from './pages/bridge-messages';
import { BRIDGE_ACTIONS, type BridgeAction, type BridgePageView, type BridgeProblem, renderBridgePage } from './pages/bridge-page';
import { clientError, respondWithPage } from './page-response';
import { ViewRenderer } from './view-renderer';

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const int = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : v === '' || v === undefined ? undefined : NaN);

/** The form of one action as the API's DTO (the same validation and the same service). */
function dtoOf(action: BridgeAction, form: Body): object {
  switch (action) {
    case 'readiness':
      return plainToInstance(ReadinessDto, { readiness: str(form.readiness), fault: str(form.fault) || undefined, note: str(form.note) || undefined });
    case 'live':
      return plainToInstance(LiveStatusDto, { status: str(form.status), note: str(form.note) || undefined });
    case 'incident':
      return plainToInstance(IncidentDto, { note: str(form.note), fault: str(form.fault) || undefined });
    case 'headcount': {
      const named = Array.isArray(form.named) ? form.named : form.named === undefined ? [] : [form.named];
      const agencies = Object.entries(form)
        .filter(([k, v]) => k.startsWith('agency.') && v !== '')
        .map(([k, v]) => ({ organizationId: k.slice('agency.'.length), present: int(v) }));
      return plainToInstance(HeadcountDto, { present: int(form.present), substitutes: int(form.substitutes) ?? 0, excused: int(form.excused) ?? 0, agencies, participantIds: named });
    }
  }
}

/**
 * The coordinator's page of a bridge point (`/bridge/:token`): no account, the link is the
 * credential (one per point, valid until a day after the event). Plain forms that work without
 * JavaScript on a phone; each POST goes through the same service and DTOs as the coordinator API.
 * Vietnamese unless the visitor chose English (`?lang=en`, kept by the forms): a phone set to
 * English does not decide for them.
 */
@ApiExcludeController()
@Controller('bridge/:token')
@Public()
export class BridgePagesController {
  private readonly logger = new Logger(BridgePagesController.name);

  constructor(
    private readonly points: BridgePointsService,
    private readonly views: ViewRenderer,
  ) {}

  @Get()
  async page(@Param('token') token: string, @Query('lang') lang: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const locale = pageLocale(req, reply, lang);
    return respondWithPage(this.views, this.logger, reply, locale, () => this.render(token, locale, null));
  }

  @Post()
  async post(@Param('token') token: string, @Body() body: unknown, @Query('lang') lang: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const locale = pageLocale(req, reply, lang);
    const form = (body && typeof body === 'object' ? body : {}) as Body;
    return respondWithPage(this.views, this.logger, reply, locale, async () => {
      const { point } = await this.points.coordinatorPoint(token);
      const action = str(form.action) as BridgeAction;
      if (!BRIDGE_ACTIONS.includes(action)) return this.render(token, locale, { kind: 'error', reason: 'invalid' }, 400);
      const dto = dtoOf(action, form);
      if ((await validate(dto, { whitelist: true })).length) return this.render(token, locale, { kind: 'error', reason: 'invalid' }, 400);
      const b = translator(bridgePageMessages, locale);
      try {
        switch (action) {
          case 'readiness': {
            const d = dto as ReadinessDto;
            await this.points.setReadiness(COORDINATOR, point.eventId, point.id, d);
            return this.render(token, locale, { kind: 'saved', what: action, state: b(`readiness.${d.readiness}`) });
          }
          case 'live': {
            const d = dto as LiveStatusDto;
            await this.points.setLive(COORDINATOR, point.eventId, point.id, d);
            return this.render(token, locale, { kind: 'saved', what: action, state: b(`live.${d.status}`) });
          }
          case 'incident':
            await this.points.incident(COORDINATOR, point.eventId, point.id, dto as IncidentDto);
            return this.render(token, locale, { kind: 'saved', what: action });
          case 'headcount': {
            const h = await this.points.reportHeadcount(COORDINATOR, point.eventId, point.id, dto as HeadcountDto);
            return this.render(token, locale, { kind: 'saved', what: action, present: h.present });
          }
        }
      } catch (e) {
        if (!clientError(e) || [401, 403, 404, 410].includes(e.getStatus())) throw e;
        const reason: BridgeProblem =
          codeOf(e) === BridgePointsError.IllegalReadiness ? 'illegal_readiness'
          : codeOf(e) === BridgePointsError.FaultRequired ? 'fault_required'
          : codeOf(e) === BridgePointsError.HeadcountInconsistent || codeOf(e) === BridgePointsError.NotOfThisPoint ? 'headcount_inconsistent'
          : 'failed';
        return this.render(token, locale, { kind: 'error', reason, state: b(`readiness.${point.readiness}`) }, e.getStatus());
      }
    });
  }

  private async render(token: string, locale: Locale, result: BridgePageView['result'], status = 200) {
    const v = await this.points.coordinatorView(token);
    const agencies = new Map<string, string>([[v.point.hostOrganizationId, v.point.hostOrganizationName]]);
    for (const p of v.participants) if (p.organizationId && p.organizationName) agencies.set(p.organizationId, p.organizationName);
    const e = v.event;
    const html = renderBridgePage(this.views, {
      locale,
      action: `/bridge/${token}`,
      event: {
        title: e.title,
        kind: e.kind,
        format: e.format,
        sessions: (e.sessions ?? []).map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), title: s.title })),
        venueName: e.venueName,
        venueAddress: e.venueAddress,
        onlineUrl: e.onlineUrl,
        hostName: v.hostName,
        organizerContact: { name: v.hostName, email: '' },
      },
      point: {
        name: `${v.point.roomName} – ${v.point.hostOrganizationName}`,
        address: v.point.address,
        joinUrl: v.point.joinUrl,
        dialString: v.point.dialString,
        meetingId: v.point.meetingId,
        passcode: v.point.passcode ?? null,
        readiness: v.point.readiness,
        fault: v.point.fault,
        liveStatus: v.point.liveStatus,
        rehearsalAt: v.point.rehearsalAt ? new Date(v.point.rehearsalAt) : null,
      },
      headcount: v.point.headcount ? { ...v.point.headcount, reportedAt: new Date(v.point.headcount.reportedAt) } : null,
      agencies: [...agencies].map(([id, name]) => ({ id, name })),
      participants: v.participants.map((p) => ({ id: p.participantId, name: p.fullName, title: p.title, organizationName: p.organizationName })),
      validUntil: v.validUntil,
      result,
    });
    return { html, status };
  }
}
