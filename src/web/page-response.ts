import { HttpException, type Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../common/errors/database-unavailable';
import type { Locale } from '../common/i18n/i18n';
import { renderSystemErrorPage, renderTokenErrorPage } from './pages/layout';
import type { ViewRenderer } from './view-renderer';

/** A refusal the page words itself (a 4xx of the service); anything else is not the user's to fix. */
export function clientError(e: unknown): e is HttpException {
  return e instanceof HttpException && e.getStatus() < 500;
}

/**
 * Answers a personal-link page. An unknown link (404, or 401 for a forged one) becomes the friendly
 * "not found" page, an expired one (410) the "expired" page; any other error that reaches here is
 * ours (a bug, the database gone): logged with its stack, answered with the 500 page (503 with
 * Retry-After while the database is away). Never a stack trace, never a JSON body, never a 4xx
 * that blames the user.
 */
export async function respondWithPage(
  views: ViewRenderer,
  logger: Logger,
  reply: FastifyReply,
  locale: Locale,
  render: () => Promise<{ html: string; status: number }>,
): Promise<string> {
  void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
  try {
    const { html, status } = await render();
    void reply.status(status);
    return html;
  } catch (e) {
    const status = e instanceof HttpException ? e.getStatus() : 500;
    if (status === 404 || status === 401 || status === 410) {
      void reply.status(status === 410 ? 410 : 404);
      return renderTokenErrorPage(views, { locale, reason: status === 410 ? 'expired' : 'not_found' });
    }
    if (clientError(e)) throw e;
    // The route pattern, not the URL: the token in the path is a credential.
    const { method, routeOptions, id } = reply.request;
    if (isDatabaseUnavailable(e)) {
      logger.warn(`${method} ${routeOptions.url}: database unavailable (request ${id})`);
      void reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return renderSystemErrorPage(views, locale);
    }
    logger.error(`${method} ${routeOptions.url} failed (request ${id})`, e instanceof Error ? e.stack : String(e));
    void reply.status(status);
    return renderSystemErrorPage(views, locale);
  }
}
