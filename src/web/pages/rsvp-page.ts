import type { Locale } from '../../common/i18n/i18n';
import { agendaLines, contactLine, eventDetailRows, type BridgePointView, type EventView, type ParticipantRoleView, type PersonView } from '../../invitations/content/mail-content';
import type { ViewRenderer } from '../view-renderer';
import { formAction, pageData } from './layout';

/*
 * The RSVP page (`GET/POST /rsvp/:token`): the event, the participant's current answer, one
 * form with the three answer buttons (`answer=accepted|declined|tentative`) and one form to
 * send a substitute (`answer=delegated` + `substituteName`, `substituteTitle`,
 * `substituteEmail`). Both POST to the page's own path, keeping the language. The markup is
 * views/public/rsvp.eta; this file decides what it shows.
 */

export const RSVP_ANSWERS = ['accepted', 'declined', 'tentative', 'delegated'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
/** The participant statuses of issue 4 (same strings as the participant entity's status column). */
export type ParticipantStatusView = 'pending' | 'invited' | 'accepted' | 'declined' | 'tentative' | 'delegated' | 'failed' | 'removed';

export const SUBSTITUTE_FIELDS = ['substituteName', 'substituteTitle', 'substituteEmail'] as const;
export type SubstituteField = (typeof SUBSTITUTE_FIELDS)[number];
/** What can be wrong with one form field; the page words it. */
export type FieldProblem = 'required' | 'invalid_email' | 'too_long' | 'already_invited' | 'own_address';

/** Field length limits the forms announce (`maxlength`); the DTO should enforce the same. */
export const FIELD_LIMITS = { name: 200, title: 300, email: 254 } as const;

export type RsvpResult =
  | { kind: 'saved'; answer: 'accepted' | 'declined' | 'tentative' }
  | { kind: 'saved'; answer: 'delegated'; substitute: { name: string; email: string } }
  /** `invalid_answer`: an unknown `answer` value; `closed`: the event started meanwhile; `failed`: anything else (no details shown). */
  | { kind: 'error'; reason: 'invalid_answer' | 'closed' | 'too_many_substitutes' | 'failed' };

export interface RsvpPageView {
  locale: Locale;
  /** The page's path, `/rsvp/<token>`: the forms post there. */
  action: string;
  participant: PersonView & {
    role: ParticipantRoleView;
    status: ParticipantStatusView;
    /** When `status` is `delegated`: who attends instead. */
    substituteEmail?: string | null;
  };
  event: EventView;
  bridgePoint?: BridgePointView | null;
  /** Download of this participant's .ics. */
  icsUrl?: string | null;
  /** The event has started: the answer can no longer change, no forms are shown. */
  closed?: boolean;
  /** The event is cancelled: a notice, no forms. */
  cancelled?: boolean;
  /**
   * The answer a mail link preselected (`GET /rsvp/:token?answer=accepted`). GET never records
   * it (mail scanners open links); the page asks to press the button, which POSTs.
   */
  proposed?: RsvpAnswer | null;
  /** The outcome of a POST. */
  result?: RsvpResult | null;
  /** Problems of the substitute form, and the values to re-fill it with. */
  substituteErrors?: Partial<Record<SubstituteField, FieldProblem>> | null;
  substituteValues?: Partial<Record<SubstituteField, string>> | null;
  /** The check-in card (attendance): the hall-code form, the personal QR code, the outcome of a check-in. */
  checkIn?: CheckInCard | null;
}

/** Why a check-in was refused (attendance's reason codes), or `invalid_code` for a form that is not six digits. */
export type CheckInRefusal = 'not_invited' | 'wrong_session' | 'outside_window' | 'already_checked_in' | 'token_expired' | 'bad_code' | 'throttled' | 'invalid_code';

export interface CheckInCard {
  /** Where the form posts: `/rsvp/<token>/checkin`. */
  action: string;
  /** A fresh idempotency key per page: the browser re-sending the form re-sends it, and hears "already checked in". */
  nonce: string;
  /** The personal QR code as SVG path data (attendance/qr.ts). */
  qr: { size: number; d: string };
  /** The outcome of a POST: checked in (now or before, at a local time), or refused with its reason. */
  result?: { kind: 'done'; status: 'present' | 'late'; time: string } | { kind: 'already'; time: string } | { kind: 'refused'; reason: CheckInRefusal; time?: string } | null;
}

/** The invitation catalog's word for each answer (its buttons, as in the mail). */
const BUTTON_KEY = { accepted: 'button.accept', declined: 'button.decline', tentative: 'button.tentative', delegated: 'button.substitute' } as const;

/** The RSVP page as a complete HTML document (status 200, or 400 with `substituteErrors`/`result.kind === 'error'`). */
export function renderRsvpPage(views: ViewRenderer, view: RsvpPageView): string {
  const { event, participant } = view;
  const errors = view.substituteErrors ?? {};
  const hasFieldErrors = Object.values(errors).some(Boolean);
  const open = !view.closed && !view.cancelled && participant.status !== 'removed';
  // The answer a mail link preselected, while the page still asks for it.
  const proposed = open && !view.result && !hasFieldErrors ? (view.proposed ?? null) : null;
  return views.render('public/rsvp', {
    ...pageData(view.locale, proposed ? { answer: proposed } : {}),
    view,
    open,
    proposed,
    hasFieldErrors,
    errors,
    values: view.substituteValues ?? {},
    limits: FIELD_LIMITS,
    buttonKey: BUTTON_KEY,
    buttons: (['accepted', 'declined', 'tentative'] as const).map((answer) => ({
      answer,
      current: participant.status === answer,
      classes: [`b-${answer}`, participant.status === answer ? 'current' : '', proposed === answer ? 'proposed' : ''].filter(Boolean).join(' '),
    })),
    formAction: formAction(view.action, view.locale),
    checkIn: view.checkIn ? { ...view.checkIn, formAction: formAction(view.checkIn.action, view.locale) } : null,
    details: eventDetailRows(view.locale, event, { role: participant.role, bridgePoint: view.bridgePoint }),
    agenda: agendaLines(view.locale, event),
    contact: contactLine(view.locale, event.organizerContact),
  });
}
