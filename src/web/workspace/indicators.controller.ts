import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { download } from '../../common/http/download';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Public, Roles } from '../../common/auth/decorators';
import type { Principal, Role } from '../../common/auth/principal';
import { badRequest, type ErrorDetail } from '../../common/errors/api-error';
import { HttpExceptionFilter } from '../../common/errors/http-exception.filter';
import { INDICATORS_CONSTRAINTS } from '../../indicators/indicators.errors';
import { flattenValidationErrors as validationDetails } from '../../common/errors/validation-details';
import { translator } from '../../common/i18n/i18n';
import { formatLocal } from '../../common/time/time';
import { CreateDefinitionDto, ExportQuery, type RankingView, UpdateDefinitionDto } from '../../indicators/dto/indicator.dto';
import { indicatorMessages } from '../../indicators/indicators-messages';
import { IndicatorsService } from '../../indicators/indicators.service';
import { ListOrganizationsQuery } from '../../organizations/dto/organization.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ViewRenderer } from '../view-renderer';
import { SessionGuard } from './session';
import { WorkspaceErrorFilter } from './workspace-errors';
import { renderWorkspace, workspaceContext } from './workspace-page';

type Req = FastifyRequest & { principal: Principal };
type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const html = (reply: FastifyReply, status = 200) => void reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
/** Who may publish (freeze) a ranking: the API's rule (`POST /api/indicators/snapshots`). */
const PUBLISHERS: Role[] = ['admin', 'organizer', 'leader'];

/**
 * The leader's pages (`/app/indicators`): a period's ranking of a province's departments and
 * districts, the share of agencies per level, each agency's indicators, the published versions,
 * publishing, and the XLSX/CSV download — through IndicatorsService, with the API's roles and scope.
 * Plain links and forms: everything works without JavaScript.
 */
@ApiExcludeController()
@Controller('app/indicators')
@Public()
@UseGuards(SessionGuard)
@UseFilters(WorkspaceErrorFilter)
@Roles(...ANY_ROLE)
export class IndicatorsPagesController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly indicators: IndicatorsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The page's query (period, province, group, version, format) validated by the API's DTO: a bad one is a 400 page. */
  private async query(req: Req, query: Form): Promise<ExportQuery | null> {
    const organizationId = text(query.organizationId) || req.principal.scopeOrganizationId || '';
    if (!organizationId) return null;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organizationId)) throw badRequest('Invalid province', [{ field: 'organizationId', message: 'must be a UUID' }]);
    const period = text(query.period) || (await this.indicators.defaultPeriod(req.principal, organizationId));
    const raw = { period, organizationId, ...(text(query.group) ? { group: text(query.group) } : {}), ...(text(query.version) ? { version: text(query.version) } : {}), ...(text(query.format) ? { format: text(query.format) } : {}) };
    const dto = plainToInstance(ExportQuery, raw);
    const errors = await validate(dto);
    if (errors.length) throw badRequest('Invalid filters', validationDetails(errors));
    return dto;
  }

  private load(req: Req, q: ExportQuery): Promise<RankingView> {
    return q.version ? this.indicators.snapshotVersion(req.principal, q, q.version) : this.indicators.ranking(req.principal, q);
  }

  /** Provinces to choose from, for callers without a scope (administrators, unscoped viewers). */
  private async provinces(req: Req) {
    if (req.principal.scopeOrganizationId) return [];
    return (await this.organizations.list(req.principal, plainToInstance(ListOrganizationsQuery, { kind: 'province', limit: 200 }))).items.map((o) => ({ id: o.id, name: o.name }));
  }

  @Get()
  async ranking(@Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const ctx = workspaceContext(req, reply);
    const m = translator(indicatorMessages, ctx.locale);
    const provinces = await this.provinces(req);
    const q = await this.query(req, query);
    html(reply);
    if (!q) return renderWorkspace(this.views, ctx, 'indicators', { m, provinces, q: null, ranking: null });
    const [ranking, versions] = await Promise.all([this.load(req, q), this.indicators.listSnapshots(req.principal, { organizationId: q.organizationId, period: q.period })]);
    const number = new Intl.NumberFormat(ctx.locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
    const filters = { period: q.period, organizationId: q.organizationId ?? '', ...(q.group ? { group: q.group } : {}), ...(q.version ? { version: String(q.version) } : {}) };
    const link = (extra: Record<string, string>) => `?${new URLSearchParams({ ...filters, ...extra }).toString()}`;
    return renderWorkspace(this.views, ctx, 'indicators', {
      m, provinces, q: filters,
      ranking: {
        ...ranking,
        rows: ranking.rows.map((r) => ({ ...r, scoreText: r.score === null ? '' : number.format(r.score), href: `/app/indicators/agencies/${r.organizationId}${link({})}` })),
        published: ranking.snapshot ? { version: ranking.snapshot.version, date: formatLocal(new Date(ranking.snapshot.publishedAt)).slice(0, 10), by: ranking.snapshot.publishedBy } : null,
      },
      versions: versions.map((v) => ({ version: v.version, date: formatLocal(new Date(v.publishedAt)).slice(0, 10), by: v.publishedBy })),
      downloads: { xlsx: `/app/indicators/export${link({ format: 'xlsx' })}`, csv: `/app/indicators/export${link({ format: 'csv' })}` },
      canPublish: PUBLISHERS.includes(req.principal.role) && !q.version,
      done: /^\d+$/.test(text(query.published)) ? text(query.published) : null,
    });
  }

  /** One agency's indicators in the ranking shown (live or the version): value, target, score, level. */
  @Get('agencies/:id')
  async agency(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const ctx = workspaceContext(req, reply);
    const q = await this.query(req, query);
    if (!q) throw badRequest('Choose a province', [{ field: 'organizationId', message: 'is required' }]);
    const ranking = await this.load(req, { ...q, group: undefined });
    const row = ranking.rows.find((r) => r.organizationId === id);
    if (!row) throw badRequest('Not an agency of this ranking', [{ field: 'id', message: 'is not ranked here' }]);
    const number = new Intl.NumberFormat(ctx.locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
    const fmt = (n: number | null) => (n === null ? '' : number.format(n));
    const defs = new Map(ranking.definitions.map((d) => [d.id, d]));
    html(reply);
    return renderWorkspace(this.views, ctx, 'indicators-agency', {
      m: translator(indicatorMessages, ctx.locale),
      back: `/app/indicators?${new URLSearchParams({ period: q.period, organizationId: q.organizationId ?? '', ...(q.version ? { version: String(q.version) } : {}) }).toString()}`,
      period: ranking.period,
      row: { ...row, scoreText: fmt(row.score) },
      indicators: row.indicators.map((i) => {
        const d = defs.get(i.definitionId)!;
        const unit = d.unit === 'percent' ? '%' : '';
        return { code: i.code, name: ctx.locale === 'vi' ? d.nameVi : d.nameEn, source: d.source, weight: fmt(d.weight), target: i.target === null ? '' : `${fmt(i.target)}${unit}`, value: i.value === null ? null : `${fmt(i.value)}${unit}`, score: fmt(i.score), level: i.level, missing: i.missing };
      }),
    });
  }

  /** The ranking shown, as XLSX (default) or CSV: the API's export. */
  @Get('export')
  async export(@Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = await this.query(req, query);
    if (!q) throw badRequest('Choose a province', [{ field: 'organizationId', message: 'is required' }]);
    // Vietnamese headers whatever the page's language: the file goes to the province's reports.
    const f = await this.indicators.export(req.principal, q);
    void reply.header('cache-control', 'no-store');
    return download(reply, f);
  }

  /** Freezes the period's ranking (admins, organizers, leaders) and shows the new version. */
  @Post('publish')
  @Roles(...PUBLISHERS)
  async publish(@Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const dto = plainToInstance(ExportQuery, { period: text(body?.period), organizationId: text(body?.organizationId) || req.principal.scopeOrganizationId || undefined });
    const errors = await validate(dto);
    if (errors.length) throw badRequest('Invalid period', validationDetails(errors));
    const s = await this.indicators.publish(req.principal, dto.period, dto.organizationId);
    return reply.redirect(`/app/indicators?${new URLSearchParams({ period: s.period, organizationId: s.organizationId, version: String(s.version), published: String(s.version) }).toString()}`, 303);
  }

  // ---- definitions ------------------------------------------------------------------------------

  /** The indicators: everyone signed in reads them; administrators add and change them here (the API's rules and messages). */
  @Get('definitions')
  async definitions(@Req() req: Req, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const done = ['created', 'saved'].includes(text(query.done)) ? text(query.done) : null;
    return this.renderDefinitions(req, reply, { done, form: {}, problems: [], editing: null });
  }

  @Post('definitions')
  @Roles('admin')
  async createDefinition(@Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const fields = ['code', 'nameVi', 'nameEn', 'unit', 'source', 'metric', 'weight', 'targetDepartment', 'targetDistrict'] as const;
    const form: Record<string, string> = Object.fromEntries(fields.map((f) => [f, text(body?.[f])]));
    // Empty optional fields are absent (the API's defaults), not zero.
    const dto = plainToInstance(CreateDefinitionDto, Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '')));
    const problems = validationDetails(await validate(dto, { whitelist: true }));
    if (problems.length === 0) {
      try {
        await this.indicators.createDefinition(dto);
        return reply.redirect('/app/indicators/definitions?done=created', 303);
      } catch (e) {
        const refused = refusalOf(e);
        return reply.send(await this.renderDefinitions(req, reply, { done: null, form, problems: refused.details, editing: 'new' }, refused.status));
      }
    }
    return reply.send(await this.renderDefinitions(req, reply, { done: null, form, problems, editing: 'new' }, 400));
  }

  @Post('definitions/:id')
  @Roles('admin')
  async updateDefinition(@Param('id', ParseUUIDPipe) id: string, @Req() req: Req, @Body() body: Form, @Res() reply: FastifyReply) {
    const raw: Record<string, unknown> = {};
    for (const f of ['nameVi', 'nameEn', 'weight', 'thresholdGood', 'thresholdFair', 'thresholdAverage'] as const) if (text(body?.[f]) !== '') raw[f] = text(body?.[f]);
    // An emptied target clears it (100% for a percentage).
    for (const f of ['targetDepartment', 'targetDistrict'] as const) raw[f] = text(body?.[f]) === '' ? null : text(body?.[f]);
    if (['true', 'false'].includes(text(body?.active))) raw.active = text(body?.active) === 'true';
    const dto = plainToInstance(UpdateDefinitionDto, raw);
    const problems = validationDetails(await validate(dto, { whitelist: true }));
    if (problems.length === 0) {
      try {
        await this.indicators.updateDefinition(id, dto);
        return reply.redirect('/app/indicators/definitions?done=saved', 303);
      } catch (e) {
        const refused = refusalOf(e);
        return reply.send(await this.renderDefinitions(req, reply, { done: null, form: {}, problems: refused.details, editing: id }, refused.status));
      }
    }
    return reply.send(await this.renderDefinitions(req, reply, { done: null, form: {}, problems, editing: id }, 400));
  }

  private async renderDefinitions(req: Req, reply: FastifyReply, view: { done: string | null; form: Record<string, string>; problems: ErrorDetail[]; editing: string | null }, status = 200) {
    const ctx = workspaceContext(req, reply);
    const number = new Intl.NumberFormat(ctx.locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
    const fmt = (n: number | null, unit: string) => (n === null ? '' : `${number.format(n)}${unit === 'percent' ? '%' : ''}`);
    const defs = (await this.indicators.listDefinitions()).map((d) => ({
      ...d,
      weightText: number.format(d.weight),
      targetDepartmentText: fmt(d.targetDepartment, d.unit),
      targetDistrictText: fmt(d.targetDistrict, d.unit),
      thresholdsText: [d.thresholdGood, d.thresholdFair, d.thresholdAverage].map((t) => number.format(t)).join(' / '),
    }));
    html(reply, status);
    return renderWorkspace(this.views, ctx, 'indicators-definitions', { m: translator(indicatorMessages, ctx.locale), defs, isAdmin: req.principal.role === 'admin', ...view });
  }
}

/**
 * A refusal of the service as the page shows it: its status (a 404 of an unknown indicator, a 409 of a
 * code taken) and the fields it names (one without a field is shown at the code). Not a client error: rethrown.
 */
function refusalOf(e: unknown): { status: number; details: ErrorDetail[] } {
  // Read the way the API's filter reads it, with the indicators' constraint map (a code taken is a unique violation).
  const body = REFUSALS.toBody(e);
  if (body.statusCode >= 500) throw e;
  return { status: body.statusCode, details: body.details.length ? body.details : [{ field: 'code', message: body.message }] };
}

const REFUSALS = new HttpExceptionFilter(INDICATORS_CONSTRAINTS);
