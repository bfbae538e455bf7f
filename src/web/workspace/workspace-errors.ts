import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../../common/errors/database-unavailable';
import { type Locale, translator } from '../../common/i18n/i18n';
import { ViewRenderer } from '../view-renderer';
import { SESSION_COOKIE, SignInRequired } from './session';
import { languageSwitch } from './workspace-page';
import { workspaceMessages } from './workspace-messages';

export type WorkspaceProblem = 'not_found' | 'forbidden' | 'csrf' | 'rate_limited' | 'invalid' | 'system';

/** A workspace page that only says what went wrong, in the layout (without navigation: it may be shown before sign-in). */
export function renderWorkspaceProblem(views: ViewRenderer, locale: Locale, problem: WorkspaceProblem, path = '/app'): string {
  const w = translator(workspaceMessages, locale);
  return views.render('workspace/message', { locale, w, user: null, nav: [], csrf: '', live: null, ...languageSwitch(locale, path), heading: w(`problem.${problem}.title`), text: w(`problem.${problem}.body`) });
}

/** The status of a failure as the problem the page words. */
export function problemOf(status: number): WorkspaceProblem {
  return status === 404 ? 'not_found' : status === 403 ? 'forbidden' : status === 429 ? 'rate_limited' : status < 500 ? 'invalid' : 'system';
}

/**
 * Errors of the workspace's pages: no session → 303 to /login (with the page to come back to);
 * a refusal of a service → a page that says so with its status; anything else is ours — logged
 * with its stack, answered with the "try again" page (503 with Retry-After while the database is
 * away). Never JSON, never a stack trace. Actions answer their own refusals (redirect with
 * `?error=`); this is for what they do not expect. Errors that are not HttpExceptions (a database
 * constraint, a bug) go to the global filter, which maps constraints to their status and, for these
 * routes, answers with the same pages (`pageErrors`).
 */
@Catch(HttpException)
export class WorkspaceErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Workspace');

  constructor(private readonly views: ViewRenderer) {}

  catch(e: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const path = (req.url ?? '/app').split('?')[0];
    if (e instanceof SignInRequired) {
      const next = req.method === 'GET' ? req.url : path;
      const notice = req.cookies?.[SESSION_COOKIE] ? '&notice=expired' : '';
      return reply.status(303).header('location', `/login?${new URLSearchParams({ next }).toString()}${notice}`).send();
    }
    const lang = req.cookies?.hoinghi_lang === 'en' ? 'en' : 'vi';
    let status = e instanceof HttpException ? e.getStatus() : 500;
    if (status >= 500) {
      if (isDatabaseUnavailable(e)) {
        status = 503;
        void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        this.logger.warn(`${req.method} ${req.routeOptions.url}: database unavailable (request ${req.id})`);
      } else {
        this.logger.error(`${req.method} ${req.routeOptions.url} failed (request ${req.id})`, e instanceof Error ? e.stack : String(e));
      }
    }
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderWorkspaceProblem(this.views, lang, problemOf(status), path));
  }
}
