import { translator, type Locale } from '../../common/i18n/i18n';
import { escapeHtml, safeHref } from '../../common/html/escape';
import { contactLine, type AgendaLine, type ContactView, type DetailRow } from '../../invitations/content/mail-content';
import { invitationMessages } from '../../invitations/content/messages';
import { pageMessages } from './messages';

/*
 * The shell of hoinghi's public pages: a complete HTML5 document, small inline CSS, no
 * external assets and no JavaScript; forms are plain `application/x-www-form-urlencoded`
 * POSTs, so the pages work in any browser an official has, including old phones. Every
 * helper here escapes what it is given; `body` strings are HTML built by these helpers.
 */

export { escapeHtml };

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111827;background:#f3f4f6}
.top{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:10px 16px;background:#1e3a8a;color:#fff}
.top a{color:#fff}
main,footer{max-width:760px;margin:0 auto;padding:16px}
footer{padding-top:0;color:#6b7280;font-size:.85rem}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:16px;margin:0 0 16px}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 12px}
h2{font-size:1.1rem;margin:0 0 8px}
p{margin:0 0 12px}
.details{display:grid;grid-template-columns:minmax(8rem,13rem) 1fr;gap:4px 12px;margin:0}
.details dt{color:#4b5563}
.details dd{margin:0}
.details ul{margin:0;padding-left:1.1rem}
@media (max-width:520px){.details{grid-template-columns:1fr}.details dd{margin-bottom:8px}}
.notice{padding:12px 16px;border-radius:6px;margin:0 0 16px;border-left:4px solid}
.notice.success{background:#dcfce7;border-color:#15803d}
.notice.error{background:#fee2e2;border-color:#b91c1c}
.notice.info{background:#fef9c3;border-color:#ca8a04}
.answers{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px}
button{font:inherit;font-weight:600;padding:10px 16px;border:0;border-radius:4px;color:#fff;background:#1d4ed8;cursor:pointer}
.b-accepted{background:#15803d}.b-declined{background:#b91c1c}.b-tentative{background:#b45309}
.current{outline:3px solid #111827;outline-offset:2px}
.proposed{box-shadow:0 0 0 4px #facc15}
label{display:block;font-weight:600;margin:12px 0 4px}
input[type=text],input[type=email]{width:100%;max-width:28rem;padding:8px 10px;font:inherit;border:1px solid #9ca3af;border-radius:4px}
input[aria-invalid=true]{border-color:#b91c1c;border-width:2px}
.field-error{color:#b91c1c;margin:4px 0 0;font-size:.9rem}
.muted{color:#4b5563;font-weight:400}
.scroll{overflow-x:auto}
table.list{width:100%;border-collapse:collapse}
table.list th,table.list td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
form{margin:0}
`.replace(/\n/g, '');

/** The query of the language switch: `?lang=en`, keeping the given parameters (e.g. a preselected answer). */
export function languageHref(target: Locale, keep: Readonly<Record<string, string>> = {}): string {
  return `?${new URLSearchParams({ ...keep, lang: target }).toString()}`;
}

/** A form's action: the page's own path, with the language so the answer page stays in it. */
export function formAction(path: string, locale: Locale): string {
  return `${path}?${new URLSearchParams({ lang: locale }).toString()}`;
}

export interface PageInput {
  locale: Locale;
  /** The document title (plain text). */
  title: string;
  /** The main content, HTML built with the helpers of this file. */
  body: string;
  /** Query parameters the language switch keeps. */
  keepQuery?: Readonly<Record<string, string>>;
}

/** A complete HTML5 document around `body`. Personal pages: not indexed, no Referer with the token. */
export function renderPage(input: PageInput): string {
  const p = translator(pageMessages, input.locale);
  const other: Locale = input.locale === 'vi' ? 'en' : 'vi';
  return (
    `<!doctype html>\n<html lang="${input.locale}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="robots" content="noindex, nofollow">\n<meta name="referrer" content="no-referrer">\n` +
    `<title>${escapeHtml(input.title)} – ${escapeHtml(p('app.name'))}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    `<header class="top"><span>${escapeHtml(p('app.name'))}</span>` +
    `<a href="${escapeHtml(languageHref(other, input.keepQuery))}" hreflang="${other}" lang="${other}">${escapeHtml(p('lang.switch'))}</a></header>\n` +
    `<main>\n${input.body}\n</main>\n<footer>${escapeHtml(p('footer'))}</footer>\n</body>\n</html>\n`
  );
}

export type NoticeKind = 'success' | 'error' | 'info';

/** A status line; errors are announced as alerts, success as status. */
export function noticeHtml(kind: NoticeKind, text: string): string {
  const role = kind === 'error' ? 'alert' : 'status';
  return `<div class="notice ${kind}" role="${role}">${escapeHtml(text)}</div>`;
}

export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${escapeHtml(className)}"` : ''}>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>`;
}

/** The event details as a definition list (sessions as a list when there are several). */
export function detailsHtml(rows: readonly DetailRow[]): string {
  const value = (row: DetailRow) => {
    if (row.list && row.lines.length > 1) return `<ul>${row.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
    const href = row.lines.length === 1 ? safeHref(row.href) : null;
    if (href) return `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(row.lines[0])}</a>`;
    return row.lines.map(escapeHtml).join('<br>');
  };
  return `<dl class="details">${rows.map((r) => `<dt>${escapeHtml(r.label)}</dt><dd>${value(r)}</dd>`).join('')}</dl>`;
}

export function agendaHtml(heading: string, items: readonly AgendaLine[]): string {
  if (items.length === 0) return '';
  const rows = items
    .map((i) => `<tr><td>${escapeHtml(i.time ?? '')}</td><td>${escapeHtml(i.title)}${i.speaker ? `<br><span class="muted">${escapeHtml(i.speaker)}</span>` : ''}</td></tr>`)
    .join('');
  return `<h2>${escapeHtml(heading)}</h2><div class="scroll"><table class="list"><tbody>${rows}</tbody></table></div>`;
}

export interface TextField {
  name: string;
  label: string;
  type?: 'text' | 'email';
  value?: string | null;
  required?: boolean;
  maxLength?: number;
  autocomplete?: string;
  /** A translated problem text; marks the field invalid. */
  error?: string | null;
  /** Shown after the label in a lighter weight, e.g. "(không bắt buộc)". */
  hint?: string | null;
}

/** A labelled input, with its problem text linked by `aria-describedby`. */
export function textFieldHtml(field: TextField, idPrefix: string): string {
  const id = `${idPrefix}-${field.name}`;
  const attributes = [
    `type="${field.type ?? 'text'}"`,
    `id="${escapeHtml(id)}"`,
    `name="${escapeHtml(field.name)}"`,
    `value="${escapeHtml(field.value ?? '')}"`,
    field.required ? 'required' : '',
    field.maxLength ? `maxlength="${field.maxLength}"` : '',
    field.autocomplete ? `autocomplete="${escapeHtml(field.autocomplete)}"` : '',
    field.error ? `aria-invalid="true" aria-describedby="${escapeHtml(id)}-error"` : '',
  ].filter(Boolean);
  return (
    `<label for="${escapeHtml(id)}">${escapeHtml(field.label)}${field.hint ? ` <span class="muted">${escapeHtml(field.hint)}</span>` : ''}</label>` +
    `<input ${attributes.join(' ')}>` +
    (field.error ? `<p class="field-error" id="${escapeHtml(id)}-error">${escapeHtml(field.error)}</p>` : '')
  );
}

export interface MessagePageInput {
  locale: Locale;
  title: string;
  message: string;
  /** The organizer to turn to, when known (e.g. an expired link of a known event). */
  contact?: ContactView | null;
}

/** A page that only says something: unknown or expired links. No details of the failure. */
export function renderMessagePage(input: MessagePageInput): string {
  const i = translator(invitationMessages, input.locale);
  const contact = input.contact ? detailsHtml([{ label: i('label.contact'), lines: [contactLine(input.locale, input.contact)] }]) : '';
  return renderPage({
    locale: input.locale,
    title: input.title,
    body: `<section class="card"><h1>${escapeHtml(input.title)}</h1>${noticeHtml('error', input.message)}${contact}</section>`,
  });
}

/** The page for a link that matches no invitation (`not_found`) or no longer works (`expired`). Send it with 404 / 410. */
export function renderTokenErrorPage(input: { locale: Locale; reason: 'not_found' | 'expired'; contact?: ContactView | null }): string {
  const p = translator(pageMessages, input.locale);
  return renderMessagePage({
    locale: input.locale,
    title: p(input.reason === 'expired' ? 'token.expired.title' : 'token.not_found.title'),
    message: p(input.reason === 'expired' ? 'token.expired.body' : 'token.not_found.body'),
    contact: input.contact,
  });
}
