import { Body, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ACCOUNTS_CONSTRAINTS, AccountsError } from '../../accounts/accounts.errors';
import { AccountsService } from '../../accounts/accounts.service';
import { HttpExceptionFilter } from '../../common/errors/http-exception.filter';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from '../../accounts/dto/user.dto';
import { MANAGERS, Roles } from '../../common/auth/decorators';
import { ROLES } from '../../common/auth/principal';
import { type ErrorDetail } from '../../common/errors/api-error';
import { ListOrganizationsQuery } from '../../organizations/dto/organization.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ListPeopleQuery } from '../../people/dto/person.dto';
import { PeopleService } from '../../people/people.service';
import { clientError } from '../page-response';
import { ViewRenderer } from '../view-renderer';
import { uploadedFile } from './form-upload';
import { WORDED_ERRORS } from './workspace-messages';
import { type Form, html, refusal, type PageReq, text, WorkspacePages } from './workspace-http';
import { renderWorkspace, workspaceContext } from './workspace-page';

/** Reads database errors the way the API's filter does, with the accounts module's constraint map. */
const TAKEN = new HttpExceptionFilter(ACCOUNTS_CONSTRAINTS);
const offsetOf = (v: unknown) => Math.min(Math.max(0, Number(text(v)) || 0), 1_000_000);

/**
 * Administration in the workspace: the organization tree (with headcounts), the officials, the
 * accounts (admins only) and CSV imports with each row's problem shown. The same services and DTOs
 * as `/api/organizations`, `/api/people`, `/api/users` and their `/import` — the same roles and scope.
 */
@WorkspacePages('app/admin')
@Roles(...MANAGERS)
export class AdminController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  index(@Res() reply: FastifyReply) {
    return reply.redirect('/app/admin/organizations', 303);
  }

  @Get('organizations')
  async organizationList(@Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = text(query.q);
    const page = await this.organizations.list(req.principal, plainToInstance(ListOrganizationsQuery, { ...(q ? { q } : {}), limit: 50, offset: offsetOf(query.offset) }));
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/organizations', { tab: 'organizations', isAdmin: req.principal.role === 'admin', q, rows: page.items, hasMore: page.hasMore, next: page.offset + page.items.length });
  }

  @Get('organizations/:id')
  async organization(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Res({ passthrough: true }) reply: FastifyReply) {
    const org = await this.organizations.get(req.principal, id);
    const people = await this.people.list(req.principal, plainToInstance(ListPeopleQuery, { organizationId: id, limit: 200 }));
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/organization', { tab: 'organizations', isAdmin: req.principal.role === 'admin', org, headcounts: [...(org.headcounts ?? [])].reverse(), people: people.items });
  }

  @Get('people')
  async peopleList(@Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = text(query.q);
    const page = await this.people.list(req.principal, plainToInstance(ListPeopleQuery, { ...(q ? { q } : {}), limit: 50, offset: offsetOf(query.offset) }));
    const names = await this.organizations.namesByIds([...new Set(page.items.map((p) => p.organizationId))]);
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/people', { tab: 'people', isAdmin: req.principal.role === 'admin', q, rows: page.items.map((p) => ({ ...p, organizationName: names.get(p.organizationId) ?? '' })), hasMore: page.hasMore, next: page.offset + page.items.length });
  }

  @Get('accounts')
  @Roles('admin')
  async accountList(@Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.renderAccounts(req, reply, query, {}, [], null);
  }

  @Post('accounts')
  @Roles('admin')
  async createAccount(@Req() req: PageReq, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const values = { email: text(body?.email), displayName: text(body?.displayName), role: text(body?.role), scopeOrganizationId: text(body?.scopeOrganizationId) };
    const dto = plainToInstance(CreateUserDto, { ...values, password: typeof body?.password === 'string' ? body.password : undefined, scopeOrganizationId: values.scopeOrganizationId || undefined });
    const problems = (await validate(dto, { whitelist: true })).map((e) => e.property);
    if (problems.length) return this.renderAccounts(req, reply, {}, values, problems, null, 400);
    try {
      await this.accounts.create(dto);
      return reply.redirect('/app/admin/accounts?done=account', 303);
    } catch (e) {
      // A taken e-mail is the unique constraint's violation, named by the accounts module's own map.
      if (TAKEN.toBody(e).code === AccountsError.EmailTaken) return this.renderAccounts(req, reply, {}, values, [], 'accounts_email_taken', 409);
      return this.renderAccounts(req, reply, {}, values, [], refusal(e), 400);
    }
  }

  /** Deactivates or reactivates an account (deactivating ends its sessions and tokens: AccountsService raises the version). */
  @Post('accounts/:id/active')
  @Roles('admin')
  async setActive(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    try {
      await this.accounts.update(req.principal, id, plainToInstance(UpdateUserDto, { active: text(body?.active) === 'true' }));
      return reply.redirect('/app/admin/accounts?done=account', 303);
    } catch (e) {
      return reply.redirect(`/app/admin/accounts?error=${refusal(e)}`, 303);
    }
  }

  @Get('import')
  importPage(@Req() req: PageReq, @Res({ passthrough: true }) reply: FastifyReply) {
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/import', { tab: 'import', isAdmin: req.principal.role === 'admin', kind: 'people', csv: '', dryRun: true, result: null, rowErrors: [] });
  }

  /**
   * A CSV import pasted into the form (UTF-8 text; up to BODY_LIMIT_BYTES): the importers of the API,
   * all or nothing, a dry run by default. A refused file shows every row's problem (`row 3, email`).
   */
  @Post('import')
  async import(@Req() req: PageReq, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const kind = text(body?.kind) === 'organizations' ? 'organizations' : 'people';
    const file = uploadedFile(body);
    const csv = file ? '' : typeof body?.csv === 'string' ? body.csv : '';
    const dryRun = body?.dryRun === 'true';
    const view = { tab: 'import', isAdmin: req.principal.role === 'admin', kind, csv, dryRun, filename: file?.filename ?? null };
    if (!file && !csv.trim()) {
      html(reply, 400);
      return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/import', { ...view, result: null, rowErrors: [], empty: true });
    }
    // A chosen file wins over pasted text; either goes to the importer as bytes (it decodes and refuses non-UTF-8).
    const bytes = file ? file.bytes : Buffer.from(csv, 'utf8');
    try {
      const result = kind === 'people' ? await this.people.importCsv(req.principal, bytes, dryRun) : await this.organizations.importCsv(req.principal, bytes, dryRun);
      html(reply);
      return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/import', { ...view, result, rowErrors: [] });
    } catch (e) {
      if (!clientError(e)) throw e;
      const details = ((e.getResponse() as { details?: ErrorDetail[] }).details ?? []).slice(0, 500);
      html(reply, e.getStatus());
      return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/import', { ...view, result: null, rowErrors: details.length ? details : [{ field: '', message: (e.getResponse() as { message?: string }).message ?? '' }] });
    }
  }

  private async renderAccounts(req: PageReq, reply: FastifyReply, query: Form, values: Record<string, string>, problems: string[], error: string | null, status = 200) {
    const page = await this.accounts.list(plainToInstance(ListUsersQuery, { limit: 200, offset: offsetOf(query.offset) }));
    const orgs = await this.organizations.namesByIds([...new Set(page.items.map((u) => u.scopeOrganizationId).filter((x): x is string => !!x))]);
    const scopes = (await this.organizations.list(req.principal, plainToInstance(ListOrganizationsQuery, { limit: 200 }))).items;
    html(reply, status);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'admin/accounts', {
      tab: 'accounts', isAdmin: true, rows: page.items.map((u) => ({ ...u, scopeName: u.scopeOrganizationId ? (orgs.get(u.scopeOrganizationId) ?? '') : '', self: u.id === req.principal.userId })),
      values, problems, roles: ROLES, scopes, done: text(query.done) === 'account' ? 'account' : null, error: error ?? (WORDED_ERRORS.includes(text(query.error)) ? text(query.error) : null),
    });
  }
}
