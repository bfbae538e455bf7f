import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../common/i18n/i18n';

/** The cookie that remembers a browser's language choice (one year). */
export const LANG_COOKIE = 'hoinghi_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

/** Whether cookies are sent over HTTPS only: set once at boot (production), read by every cookie writer. */
export const cookieSecurity = { secure: false };

/** The language cookie's value in a raw `Cookie` header (for answers made outside the cookie plugin, e.g. the router's 404s). */
export function localeOfCookieHeader(header: unknown): Locale | null {
  if (typeof header !== 'string') return null;
  const m = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=([a-z]{2})(?:;|$)`).exec(header);
  return m && isLocale(m[1]) ? m[1] : null;
}

/** Remembers the browser's choice. */
export function rememberLocale(reply: FastifyReply, locale: Locale): void {
  void reply.setCookie(LANG_COOKIE, locale, { path: '/', maxAge: YEAR_SECONDS, httpOnly: true, sameSite: 'lax', secure: cookieSecurity.secure });
}

/**
 * The language of a page: the visitor's explicit choice — `?lang=` on this request (then remembered
 * in a cookie for the next pages), else the cookie of an earlier choice — else Vietnamese. The
 * browser's Accept-Language is deliberately ignored: an official on an English Windows still reads
 * Vietnamese unless they pick English.
 */
export function pageLocale(req: FastifyRequest, reply: FastifyReply, explicit?: unknown): Locale {
  if (isLocale(explicit)) {
    if (req.cookies?.[LANG_COOKIE] !== explicit) rememberLocale(reply, explicit);
    return explicit;
  }
  const remembered = req.cookies?.[LANG_COOKIE];
  return isLocale(remembered) ? remembered : DEFAULT_LOCALE;
}
