import { Body, Controller, Get, HttpException, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService } from '../../accounts/accounts.service';
import { PasswordResetService } from '../../accounts/password-reset.service';
import { Public } from '../../common/auth/decorators';
import { PRINCIPAL_LOADER, type PrincipalLoader } from '../../common/auth/principal';
import { isLocale } from '../../common/i18n/i18n';
import { rememberLocale } from '../locale';
import { ViewRenderer } from '../view-renderer';
import { clearSession, sessionPrincipal, setSession } from './session';
import { localPath, renderWorkspace, workspaceContext } from './workspace-page';

type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const page = (reply: FastifyReply, status = 200) => void reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');

/**
 * Signing in and out, the forgotten password, and the language switch. Sign-in goes through the
 * API's own login (AccountsService.login: the same password check, and the same throttle — the
 * security hooks count this page's 401s like the API's); the token it returns becomes the session
 * cookie. Every POST here carries the CSRF token (checked before the handler runs).
 */
@ApiExcludeController()
@Controller()
@Public()
export class WorkspaceAuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly resets: PasswordResetService,
    private readonly views: ViewRenderer,
    private readonly jwt: JwtService,
    @Inject(PRINCIPAL_LOADER) private readonly principals: PrincipalLoader,
  ) {}

  /** The root: the dashboard when signed in, else the sign-in page. */
  @Get()
  async root(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const signedIn = await sessionPrincipal(this.jwt, this.principals, req);
    return reply.redirect(signedIn ? '/app' : '/login', 303);
  }

  @Get('login')
  async loginPage(@Req() req: FastifyRequest, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    if (await sessionPrincipal(this.jwt, this.principals, req)) return reply.redirect(localPath(query.next), 303);
    const notice = ['signedOut', 'expired', 'reset'].includes(text(query.notice)) ? text(query.notice) : null;
    page(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'login', { email: '', problem: null, next: localPath(query.next), notice });
  }

  @Post('login')
  async login(@Req() req: FastifyRequest, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const email = text(body?.email).trim().toLowerCase();
    const password = text(body?.password);
    const next = localPath(body?.next);
    const again = (problem: 'wrong' | 'missing', status: number) => {
      page(reply, status);
      return renderWorkspace(this.views, workspaceContext(req, reply), 'login', { email: email.slice(0, 254), problem, next, notice: null });
    };
    if (!email || !password || email.length > 254 || password.length > 200) return again('missing', 400);
    try {
      const { accessToken } = await this.accounts.login(email, password);
      setSession(reply, accessToken);
      return reply.redirect(next, 303);
    } catch (e) {
      // 401 is counted by the login throttle (security.ts) exactly as the API's.
      if (e instanceof HttpException && e.getStatus() === 401) return again('wrong', 401);
      throw e;
    }
  }

  @Post('logout')
  logout(@Res() reply: FastifyReply) {
    clearSession(reply);
    return reply.redirect('/login?notice=signedOut', 303);
  }

  @Get('forgot-password')
  forgotPage(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    page(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'forgot', { sent: false });
  }

  /** Always the same answer, whether or not the address has an account. Throttled per address as a public POST. */
  @Post('forgot-password')
  async forgot(@Req() req: FastifyRequest, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const email = text(body?.email).trim();
    if (email && email.length <= 254) await this.resets.request(email);
    page(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'forgot', { sent: true });
  }

  @Get('reset-password/:token')
  async resetPage(@Param('token') token: string, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const account = await this.resets.check(token);
    page(reply, account ? 200 : 410);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'reset', { action: `/reset-password/${token}`, email: account?.email ?? '', problem: null, invalid: !account });
  }

  @Post('reset-password/:token')
  async reset(@Param('token') token: string, @Req() req: FastifyRequest, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const password = text(body?.password);
    const account = await this.resets.check(token);
    const again = (problem: 'short' | 'mismatch' | null, status: number) => {
      page(reply, status);
      return renderWorkspace(this.views, workspaceContext(req, reply), 'reset', { action: `/reset-password/${token}`, email: account?.email ?? '', problem, invalid: !account });
    };
    if (!account) return again(null, 410);
    // The API's rule for passwords (CreateUserDto): 10 to 200 characters.
    if (password.length < 10 || password.length > 200) return again('short', 400);
    if (password !== text(body?.confirm)) return again('mismatch', 400);
    if (!(await this.resets.reset(token, password))) return again(null, 410);
    clearSession(reply);
    return reply.redirect('/login?notice=reset', 303);
  }

  /** The language switch of every workspace page: remembers the choice in a cookie and goes back. */
  @Get('lang/:locale')
  language(@Param('locale') locale: string, @Query('back') back: unknown, @Res() reply: FastifyReply) {
    if (isLocale(locale)) rememberLocale(reply, locale);
    return reply.redirect(localPath(back, '/'), 303);
  }
}
