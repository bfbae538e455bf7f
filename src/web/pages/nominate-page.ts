import { translator, type Locale } from '../../common/i18n/i18n';
import { agendaLines, contactLine, eventDetailRows, formatMoment, type EventView, type PersonView } from '../../invitations/content/mail-content';
import { invitationMessages } from '../../invitations/content/messages';
import type { ViewRenderer } from '../view-renderer';
import { formAction, pageData } from './layout';
import { FIELD_LIMITS, type FieldProblem, type ParticipantStatusView } from './rsvp-page';

/*
 * The nomination page (`GET/POST /nominate/:token`) for an agency's contact: the event, the
 * quota, who is already named, and a form for one more nominee (`fullName`, `title`, `email`)
 * while seats remain. One nominee per POST; each nominee then gets a personal invitation. The
 * markup is views/public/nominate.eta; this file decides what it shows.
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
export function renderNominatePage(views: ViewRenderer, view: NominatePageView): string {
  const i = translator(invitationMessages, view.locale);
  const { event } = view;
  const remaining = Math.max(0, view.quota - view.nominees.length);
  const errors = view.errors ?? {};
  // The event's details, then what the agency is asked for.
  const details = eventDetailRows(view.locale, event);
  details.push({ label: i('label.agency'), lines: [view.agency.name] });
  details.push({ label: i('label.quota'), lines: [i('nomination.quota', { quota: view.quota })] });
  if (view.deadline) details.push({ label: i('label.deadline'), lines: [formatMoment(view.locale, view.deadline)] });
  return views.render('public/nominate', {
    ...pageData(view.locale),
    view,
    used: view.nominees.length,
    remaining,
    open: !view.closed && !view.cancelled && remaining > 0,
    hasFieldErrors: Object.values(errors).some(Boolean),
    errors,
    values: view.values ?? {},
    limits: FIELD_LIMITS,
    formAction: formAction(view.action, view.locale),
    details,
    agenda: agendaLines(view.locale, event),
    contact: contactLine(view.locale, event.organizerContact),
  });
}
