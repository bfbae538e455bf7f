import { pickLocale } from '../common/i18n/i18n';
import type { PageErrors } from '../common/errors/http-exception.filter';
import { renderSystemErrorPage, renderTokenErrorPage } from './pages/layout';
import type { ViewRenderer } from './view-renderer';

/** The personal-link pages; everything else (the API, docs, health) answers errors as JSON. */
const PAGE_ROUTE = /^\/(rsvp|nominate|checkin)\//;

/**
 * Errors that never reach a page's controller — a token that is not valid URL text (`/rsvp/%00%ff`),
 * one longer than any route parameter, a method the page has not — answered as the pages answer
 * them: the friendly "link not valid" page (404), or the "try again" page for our own failures.
 */
export function pageErrors(views: ViewRenderer): PageErrors {
  return (request, status) => {
    const url = request.url ?? '';
    if (!PAGE_ROUTE.test(url)) return null;
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const al = request.headers?.['accept-language'];
    const locale = pickLocale(typeof al === 'string' ? al : null, query.get('lang'));
    // Our failure, or too many requests: "try again" (with its status), never "this link is not valid".
    if (status >= 500 || status === 429) return { status, html: renderSystemErrorPage(views, locale) };
    return { status: 404, html: renderTokenErrorPage(views, { locale, reason: 'not_found' }) };
  };
}
