import { translator, type Locale } from '../../common/i18n/i18n';
import { contactLine, type ContactView } from '../../invitations/content/mail-content';
import { invitationMessages } from '../../invitations/content/messages';
import type { ViewRenderer } from '../view-renderer';
import { pageMessages } from './messages';

/*
 * What every public page shares: the data of the layout (views/layout.eta) and the pages that
 * only say something (views/message.eta). Pages are plain HTML, forms are plain
 * `application/x-www-form-urlencoded` POSTs, so they work in any browser an official has.
 */

/** The query of the language switch: `?lang=en`, keeping the given parameters (e.g. a preselected answer). */
export function languageHref(target: Locale, keep: Readonly<Record<string, string>> = {}): string {
  return `?${new URLSearchParams({ ...keep, lang: target }).toString()}`;
}

/** A form's action: the page's own path, with the language so the answer page stays in it. */
export function formAction(path: string, locale: Locale): string {
  return `${path}?${new URLSearchParams({ lang: locale }).toString()}`;
}

/**
 * What the layout and every page template find on `it`: the locale, the page catalog as `p`,
 * the invitation catalog as `i` (event details, buttons, roles: the words of the mail), and the
 * link to the other language, keeping `keepQuery`.
 */
export function pageData(locale: Locale, keepQuery: Readonly<Record<string, string>> = {}) {
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  return { locale, p: translator(pageMessages, locale), i: translator(invitationMessages, locale), other, switchHref: languageHref(other, keepQuery) };
}

export interface MessagePageInput {
  locale: Locale;
  title: string;
  message: string;
  /** The organizer to turn to, when known (e.g. an expired link of a known event). */
  contact?: ContactView | null;
}

/** A page that only says something: unknown or expired links, a system error. No details of the failure. */
export function renderMessagePage(views: ViewRenderer, input: MessagePageInput): string {
  return views.render('message', {
    ...pageData(input.locale),
    title: input.title,
    message: input.message,
    contact: input.contact ? contactLine(input.locale, input.contact) : null,
  });
}

/** The page for a link that matches no invitation (`not_found`) or no longer works (`expired`). Send it with 404 / 410. */
export function renderTokenErrorPage(views: ViewRenderer, input: { locale: Locale; reason: 'not_found' | 'expired'; contact?: ContactView | null }): string {
  const p = translator(pageMessages, input.locale);
  return renderMessagePage(views, {
    locale: input.locale,
    title: p(input.reason === 'expired' ? 'token.expired.title' : 'token.not_found.title'),
    message: p(input.reason === 'expired' ? 'token.expired.body' : 'token.not_found.body'),
    contact: input.contact,
  });
}

/** The page for a failure of ours (send it with 500): try again later, nothing technical. */
export function renderSystemErrorPage(views: ViewRenderer, locale: Locale): string {
  const p = translator(pageMessages, locale);
  return renderMessagePage(views, { locale, title: p('error.system.title'), message: p('error.system.body') });
}
