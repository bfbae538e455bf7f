import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import { type CanActivate, type ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHmac } from 'node:crypto';
import { principalOfToken } from '../../common/auth/auth.guard';
import { ROLES_KEY } from '../../common/auth/decorators';
import { type Principal, PRINCIPAL_LOADER, type PrincipalLoader, type Role } from '../../common/auth/principal';
import type { Respond } from '../../common/security/security';
import { hookRoutes } from '../../common/http/route-hooks';
import type { AppConfig } from '../../config/env';
import { cookieSecurity } from '../locale';
import { WebError } from '../web.errors';
import { registerFormUploads } from './form-upload';
import { CommonError } from '../../common/errors/error-codes';

/**
 * The workspace's session: the cookie carries the same signed login token as the API's bearer
 * header (12 hours, HS256, the user's token version), so one check decides both
 * (`principalOfToken`): a password change, a deactivation, a role or scope change ends every
 * session at its next request. The cookie is httpOnly (no script reads it), SameSite=Lax (not
 * sent on cross-site POSTs) and Secure in production; the CSRF token on every form is the second
 * lock. The cookie is honoured only by the workspace's own pages, never by `/api` — so the API
 * stays bearer-only and cannot be driven by a forged form.
 */
export const SESSION_COOKIE = 'hoinghi_session';
export const SESSION_SECONDS = 12 * 3600;
const CSRF_COOKIE = 'hoinghi_csrf';

/** Routes whose POSTs must carry the CSRF token: sign-in, sign-out, password reset and every workspace form. */
export const CSRF_ROUTE = /^\/(login|logout|forgot-password|reset-password\/|app(\/|$))/;

export function setSession(reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecurity.secure, maxAge: SESSION_SECONDS });
}

export function clearSession(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecurity.secure });
}

/** A fresh CSRF token for this browser's secret (set in a signed cookie on first use). */
export function csrfToken(reply: FastifyReply): string {
  return (reply as unknown as { generateCsrf(): string }).generateCsrf();
}

/**
 * Cookies and CSRF (`@fastify/cookie`, `@fastify/csrf-protection`: the secret in a signed,
 * httpOnly cookie, a token per form), registered before Nest adds its routes. A POST to a
 * workspace route without a valid token is answered 403 (`web.csrf_invalid`) before the
 * controller runs — as a page, by the exception filter.
 */
export async function registerWorkspaceSecurity(app: NestFastifyApplication, config: AppConfig, respond: Respond): Promise<void> {
  cookieSecurity.secure = config.env === 'production';
  const cookieSecret = createHmac('sha256', config.jwtSecret).update('hoinghi cookies v1').digest('base64url');
  await app.register(fastifyCookie as never, { secret: cookieSecret });
  await app.register(fastifyCsrf as never, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecurity.secure, signed: true },
    // Only the form field: a header would let a script of another origin that can set headers try.
    getToken: (req: FastifyRequest) => (req.body as { _csrf?: unknown } | undefined)?._csrf,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance & { csrfProtection(req: FastifyRequest, reply: FastifyReply, next: () => void): void };
  hookRoutes(fastify, (method, url) => method === 'POST' && CSRF_ROUTE.test(url), {
    preHandler: async (req, reply) => {
      // The plugin answers a failure itself (reply.send(error)); a reply that only records it lets the filter answer with a page.
      const failed = await new Promise<boolean>((resolve) => {
        const recorder = Object.create(reply, { send: { value: () => (resolve(true), recorder) } }) as FastifyReply;
        fastify.csrfProtection(req, recorder, () => resolve(false));
      });
      if (!failed) return;
      respond(new HttpException({ message: 'The form has expired or did not come from this site; reload the page and try again', code: WebError.CsrfInvalid }, 403), req, reply);
      return reply;
    },
  });
  // Forms with a file (the admin import) arrive as multipart, under the CSV size limit.
  await registerFormUploads(app, config.csvLimits.bytes);
}

/** No valid session: the workspace answers with a redirect to the sign-in page. */
export class SignInRequired extends HttpException {
  constructor() {
    super({ message: 'Sign in first', code: WebError.SignInRequired }, 401);
  }
}

/**
 * The workspace's guard (its routes are `@Public()` to the API's bearer guard): the session cookie
 * through the same token check as the API, then the route's `@Roles(...)`.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(PRINCIPAL_LOADER) private readonly principals: PrincipalLoader,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = await sessionPrincipal(this.jwt, this.principals, req);
    if (!principal) throw new SignInRequired();
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles && !roles.includes(principal.role)) throw new HttpException({ message: 'Not allowed for your role', code: CommonError.Forbidden }, 403);
    return true;
  }
}

/** The signed-in user of a request's session cookie, or null. */
export function sessionPrincipal(jwt: JwtService, principals: PrincipalLoader, req: FastifyRequest): Promise<Principal | null> {
  const token = req.cookies?.[SESSION_COOKIE];
  return token ? principalOfToken(jwt, principals, token) : Promise.resolve(null);
}
