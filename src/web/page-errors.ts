import { pickLocale } from '../common/i18n/i18n';
import { localeOfCookieHeader } from './locale';
import { problemOf, renderWorkspaceProblem } from './workspace/workspace-errors';
import type { PageErrors } from '../common/errors/http-exception.filter';
import { renderSystemErrorPage, renderTokenErrorPage } from './pages/layout';
import type { ViewRenderer } from './view-renderer';

/** The personal-link pages; everything else (the API, docs, health) answers errors as JSON. */
const PAGE_ROUTE = /^\/(rsvp|nominate|checkin)\//;
/** The workspace and its sign-in pages (errors as workspace pages). */
const WORKSPACE_ROUTE = /^\/(login|logout|forgot-password|reset-password\/|lang\/|app(\/|$|\?))/;

/**
 * Errors that never reach a page's controller — a token that is not valid URL text (`/rsvp/%00%ff`),
 * one longer than any route parameter, a method the page has not — answered as the pages answer
 * them: the friendly "link not valid" page (404), or the "try again" page for our own failures.
 */
export function pageErrors(views: ViewRenderer): PageErrors {
  return (request, status) => {
    const url = request.url ?? '';
    if (WORKSPACE_ROUTE.test(url)) {
      // Refused before the page's controller: a form without its CSRF token (403), too many sign-in attempts (429), no such page.
      const locale = pickLocale(null, localeOfCookieHeader(request.headers?.cookie));
      return { status, html: renderWorkspaceProblem(views, locale, status === 403 ? 'csrf' : problemOf(status), url.split('?')[0]) };
    }
    if (!PAGE_ROUTE.test(url)) return null;
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    // The visitor's choice (`?lang=`, else the remembered cookie), never the browser's language.
    const locale = pickLocale(null, query.get('lang') ?? localeOfCookieHeader(request.headers?.cookie));
    // Our failure, or too many requests: "try again" (with its status), never "this link is not valid".
    if (status >= 500 || status === 429) return { status, html: renderSystemErrorPage(views, locale) };
    return { status: 404, html: renderTokenErrorPage(views, { locale, reason: 'not_found' }) };
  };
}
