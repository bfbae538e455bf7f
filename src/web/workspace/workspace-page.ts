import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../common/auth/principal';
import { translator, type Locale } from '../../common/i18n/i18n';
import { pageLocale } from '../locale';
import type { ViewRenderer } from '../view-renderer';
import { navFor } from './nav';
import { csrfToken } from './session';
import { invitationMessages } from '../../invitations/content/messages';
import { workspaceMessages } from './workspace-messages';

/** What every workspace page knows about its request: language, user, the form token, its path. */
export interface WorkspaceContext {
  locale: Locale;
  user: Principal | null;
  csrf: string;
  /** The page's path (no query): the language switch comes back to it, the navigation marks it. */
  path: string;
}

export function workspaceContext(req: FastifyRequest & { principal?: Principal }, reply: FastifyReply): WorkspaceContext {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const locale = pageLocale(req, reply, query.lang);
  return { locale, user: req.principal ?? null, csrf: csrfToken(reply), path: (req.url ?? '/').split('?')[0] };
}

/** Where the language switch goes: `/lang/en?back=/app/events`, which remembers the choice and comes back. */
export function languageSwitch(locale: Locale, path: string): { other: Locale; langHref: string } {
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  return { other, langHref: `/lang/${other}?${new URLSearchParams({ back: path }).toString()}` };
}

/** Only a path of this site (no `//host`, no scheme): the target of redirects after sign-in and language switches. */
export function localPath(value: unknown, fallback = '/app'): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : fallback;
}

/**
 * A workspace page as a complete document: the template `workspace/<name>` with the layout's data
 * (catalog `w`, navigation for the user's role, language switch, CSRF token) and the page's own.
 * `live`: the page refreshes its `[data-live]` parts every few seconds (a script); without JavaScript
 * it reloads itself every `seconds` only when `refreshWithoutScript` (a board, not a page with forms one types into).
 */
export function renderWorkspace(views: ViewRenderer, ctx: WorkspaceContext, name: string, data: object, live?: { seconds: number; refreshWithoutScript?: boolean }): string {
  return views.render(`workspace/${name}`, {
    locale: ctx.locale,
    w: translator(workspaceMessages, ctx.locale),
    /** The invitation catalog: roles (and other words the mails use) said the same everywhere. */
    i: translator(invitationMessages, ctx.locale),
    user: ctx.user,
    nav: ctx.user ? navFor(ctx.user.role, ctx.path) : [],
    csrf: ctx.csrf,
    live: live ?? null,
    ...languageSwitch(ctx.locale, ctx.path),
    ...data,
  });
}
