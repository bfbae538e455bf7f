import { translator, type Locale } from '../../common/i18n/i18n';
import { agendaLines, contactLine, eventDetailRows, formatMoment, type EventView, type PersonView } from '../../invitations/content/mail-content';
import { invitationMessages } from '../../invitations/content/messages';
import { agendaHtml, detailsHtml, escapeHtml, formAction, noticeHtml, paragraph, renderPage, textFieldHtml } from './layout';
import { FIELD_LIMITS, type FieldProblem, type ParticipantStatusView } from './rsvp-page';
import { pageMessages } from './messages';

/*
 * The nomination page (`GET/POST /nominate/:token`) for an agency's contact: the event, the
 * quota, who is already named, and a form for one more nominee (`fullName`, `title`, `email`)
 * while seats remain. One nominee per POST; each nominee then gets a personal invitation.
 */

export const NOMINEE_FIELDS = ['fullName', 'title', 'email'] as const;
export type NomineeField = (typeof NOMINEE_FIELDS)[number];

export interface NomineeView {
  fullName: string;
  title?: string | null;
  email?: string | null;
  /** The nominee's invitation status, when known. */
  status?: ParticipantStatusView | null;
}

export type NominateResult =
  | { kind: 'saved'; nominee: { fullName: string; email: string } }
  /** `quota_full`: no seat left; `closed`: the event started or nominations ended; `failed`: anything else (no details shown). */
  | { kind: 'error'; reason: 'quota_full' | 'closed' | 'failed' };

export interface NominatePageView {
  locale: Locale;
  /** The page's path, `/nominate/<token>`: the form posts there. */
  action: string;
  agency: { name: string };
  /** The agency's contact, greeted at the top, when known. */
  contact?: PersonView | null;
  event: EventView;
  quota: number;
  /** Everyone already named by this agency (including the one just added). */
  nominees: readonly NomineeView[];
  deadline?: Date | null;
  /** Nominations are over (event started, deadline passed): no form. */
  closed?: boolean;
  /** The event is cancelled: a notice, no form. */
  cancelled?: boolean;
  result?: NominateResult | null;
  errors?: Partial<Record<NomineeField, FieldProblem>> | null;
  /** What the user typed, to re-fill the form after a problem. */
  values?: Partial<Record<NomineeField, string>> | null;
}

/** The nomination page as a complete HTML document. */
export function renderNominatePage(view: NominatePageView): string {
  const p = translator(pageMessages, view.locale);
  const i = translator(invitationMessages, view.locale);
  const { event } = view;
  const kind = i(`kind.${event.kind}`);
  const used = view.nominees.length;
  const remaining = Math.max(0, view.quota - used);
  const errors = view.errors ?? {};
  const hasFieldErrors = Object.values(errors).some(Boolean);
  const parts: string[] = [];

  const result = view.result;
  if (result?.kind === 'saved') parts.push(noticeHtml('success', p('saved.nominee', { name: result.nominee.fullName, email: result.nominee.email })));
  else if (result?.kind === 'error') {
    parts.push(noticeHtml('error', result.reason === 'quota_full' ? p('error.quota_full', { quota: view.quota }) : result.reason === 'closed' ? p('nominate.closed') : p('error.failed')));
  }
  if (hasFieldErrors) parts.push(noticeHtml('error', p('form.invalid')));
  if (view.cancelled) parts.push(noticeHtml('info', p('rsvp.cancelled', { kind })));
  else if (view.closed && result?.kind !== 'error') parts.push(noticeHtml('info', p('nominate.closed')));
  const open = !view.closed && !view.cancelled && remaining > 0;

  // The request and the event.
  const rows = eventDetailRows(view.locale, event);
  rows.push({ label: i('label.agency'), lines: [view.agency.name] });
  rows.push({ label: i('label.quota'), lines: [i('nomination.quota', { quota: view.quota })] });
  if (view.deadline) rows.push({ label: i('label.deadline'), lines: [formatMoment(view.locale, view.deadline)] });
  const greeting = view.contact ? paragraph(view.contact.title ? i('greeting.withTitle', { name: view.contact.name, title: view.contact.title }) : i('greeting', { name: view.contact.name })) : '';
  parts.push(
    `<section class="card">${greeting}` +
      paragraph(p('nominate.intro', { host: event.hostName, agency: view.agency.name, kind })) +
      `<h1>${escapeHtml(event.title)}</h1>${detailsHtml(rows)}</section>`,
  );

  // Seats and the nominees so far.
  let seats = `<section class="card"><h2>${escapeHtml(p('nominate.listHeading'))}</h2>`;
  seats += paragraph(p('nominate.count', { count: used, quota: view.quota }));
  if (remaining === 0) seats += noticeHtml('success', p('nominate.full'));
  else if (!view.closed && !view.cancelled) seats += paragraph(p('nominate.remaining', { remaining }));
  if (used === 0) seats += paragraph(p('nominate.empty'), 'muted');
  else {
    const head = [p('col.index'), p('field.fullName'), p('field.title'), p('field.email'), p('col.status')].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
    const body = view.nominees
      .map((n, index) => {
        const cells = [String(index + 1), n.fullName, n.title ?? '', n.email ?? '', n.status ? p(`status.${n.status}`) : ''];
        return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
      })
      .join('');
    seats += `<div class="scroll"><table class="list"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  }
  parts.push(`${seats}</section>`);

  // The form for one more nominee.
  if (open) {
    const values = view.values ?? {};
    const problem = (field: NomineeField) => (errors[field] ? p(`problem.${errors[field]}`) : null);
    parts.push(
      `<section class="card" id="add"><h2>${escapeHtml(p('nominate.formHeading'))}</h2>` +
        paragraph(p('nominate.help')) +
        `<form method="post" action="${escapeHtml(formAction(view.action, view.locale))}#add" enctype="application/x-www-form-urlencoded">` +
        textFieldHtml({ name: 'fullName', label: p('field.fullName'), value: values.fullName, required: true, maxLength: FIELD_LIMITS.name, autocomplete: 'off', error: problem('fullName') }, 'nominee') +
        textFieldHtml({ name: 'title', label: p('field.title'), hint: p('field.optional'), value: values.title, maxLength: FIELD_LIMITS.title, autocomplete: 'off', error: problem('title') }, 'nominee') +
        textFieldHtml({ name: 'email', label: p('field.email'), type: 'email', value: values.email, required: true, maxLength: FIELD_LIMITS.email, autocomplete: 'off', error: problem('email') }, 'nominee') +
        `<p style="margin-top:16px"><button type="submit">${escapeHtml(p('nominate.submit'))}</button></p></form></section>`,
    );
  }

  // Agenda, description, contact.
  const tail = [agendaHtml(i('label.agenda'), agendaLines(view.locale, event))];
  if (event.description?.trim()) tail.push(`<h2>${escapeHtml(i('label.description'))}</h2>${paragraph(event.description.trim())}`);
  tail.push(detailsHtml([{ label: i('label.contact'), lines: [contactLine(view.locale, event.organizerContact)] }]));
  parts.push(`<section class="card">${tail.join('')}</section>`);

  return renderPage({ locale: view.locale, title: p('nominate.pageTitle', { title: event.title }), body: parts.join('\n') });
}
