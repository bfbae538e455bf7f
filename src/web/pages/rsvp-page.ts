import { translator, type Locale } from '../../common/i18n/i18n';
import { agendaLines, contactLine, eventDetailRows, type BridgePointView, type EventView, type ParticipantRoleView, type PersonView } from '../../invitations/content/mail-content';
import { invitationMessages } from '../../invitations/content/messages';
import { agendaHtml, detailsHtml, escapeHtml, formAction, noticeHtml, paragraph, renderPage, textFieldHtml } from './layout';
import { pageMessages } from './messages';

/*
 * The RSVP page (`GET/POST /rsvp/:token`): the event, the participant's current answer, one
 * form with the three answer buttons (`answer=accepted|declined|tentative`) and one form to
 * send a substitute (`answer=delegated` + `substituteName`, `substituteTitle`,
 * `substituteEmail`). Both POST to the page's own path, keeping the language.
 */

export const RSVP_ANSWERS = ['accepted', 'declined', 'tentative', 'delegated'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
/** The participant statuses of issue 4 (same strings as the participant entity's status column). */
export type ParticipantStatusView = 'pending' | 'invited' | 'accepted' | 'declined' | 'tentative' | 'delegated' | 'failed' | 'removed';

export const SUBSTITUTE_FIELDS = ['substituteName', 'substituteTitle', 'substituteEmail'] as const;
export type SubstituteField = (typeof SUBSTITUTE_FIELDS)[number];
/** What can be wrong with one form field; the page words it. */
export type FieldProblem = 'required' | 'invalid_email' | 'too_long' | 'already_invited';

/** Field length limits the forms announce (`maxlength`); the DTO should enforce the same. */
export const FIELD_LIMITS = { name: 200, title: 300, email: 254 } as const;

export type RsvpResult =
  | { kind: 'saved'; answer: 'accepted' | 'declined' | 'tentative' }
  | { kind: 'saved'; answer: 'delegated'; substitute: { name: string; email: string } }
  /** `invalid_answer`: an unknown `answer` value; `closed`: the event started meanwhile; `failed`: anything else (no details shown). */
  | { kind: 'error'; reason: 'invalid_answer' | 'closed' | 'failed' };

export interface RsvpPageView {
  locale: Locale;
  /** The page's path, `/rsvp/<token>`: the forms post there. */
  action: string;
  participant: PersonView & {
    role: ParticipantRoleView;
    status: ParticipantStatusView;
    /** When `status` is `delegated`: who attends instead. */
    substituteName?: string | null;
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
}

const BUTTON_KEY = { accepted: 'button.accept', declined: 'button.decline', tentative: 'button.tentative', delegated: 'button.substitute' } as const;

/** The RSVP page as a complete HTML document (status 200, or 400 with `substituteErrors`/`result.kind === 'error'`). */
export function renderRsvpPage(view: RsvpPageView): string {
  const p = translator(pageMessages, view.locale);
  const i = translator(invitationMessages, view.locale);
  const { event, participant } = view;
  const kind = i(`kind.${event.kind}`);
  const parts: string[] = [];

  // Outcome of a POST, or the invitation to confirm a preselected answer.
  const errors = view.substituteErrors ?? {};
  const hasFieldErrors = Object.values(errors).some(Boolean);
  const result = view.result;
  if (result?.kind === 'saved') {
    parts.push(noticeHtml('success', result.answer === 'delegated' ? p('saved.delegated', { name: result.substitute.name, email: result.substitute.email }) : p(`saved.${result.answer}`)));
  } else if (result?.kind === 'error') {
    parts.push(noticeHtml('error', result.reason === 'closed' ? p('rsvp.closed', { kind }) : p(`error.${result.reason}`)));
  }
  if (hasFieldErrors) parts.push(noticeHtml('error', p('form.invalid')));
  const open = !view.closed && !view.cancelled && participant.status !== 'removed';
  if (view.cancelled) parts.push(noticeHtml('info', p('rsvp.cancelled', { kind })));
  else if (view.closed && result?.kind !== 'error') parts.push(noticeHtml('info', p('rsvp.closed', { kind })));
  const proposed = open && !result && !hasFieldErrors ? view.proposed : null;
  if (proposed === 'delegated') parts.push(noticeHtml('info', p('rsvp.proposedSubstitute', { section: i('button.substitute') })));
  else if (proposed) parts.push(noticeHtml('info', p('rsvp.proposed', { answer: i(BUTTON_KEY[proposed]) })));

  // The event.
  const greeting = participant.title ? i('greeting.withTitle', { name: participant.name, title: participant.title }) : i('greeting', { name: participant.name });
  parts.push(
    `<section class="card">` +
      paragraph(greeting) +
      paragraph(p('rsvp.intro', { kind })) +
      `<h1>${escapeHtml(event.title)}</h1>` +
      detailsHtml(eventDetailRows(view.locale, event, { role: participant.role, bridgePoint: view.bridgePoint })) +
      `</section>`,
  );

  // The answer.
  const current = participant.status === 'delegated' && participant.substituteName ? p('rsvp.delegatedTo', { name: participant.substituteName }) : p(`status.${participant.status}`);
  let answer = `<section class="card"><h2>${escapeHtml(p('rsvp.current'))}</h2>${paragraph(current)}`;
  if (open) {
    const buttons = (['accepted', 'declined', 'tentative'] as const)
      .map((a) => {
        const classes = [`b-${a}`, participant.status === a ? 'current' : '', proposed === a ? 'proposed' : ''].filter(Boolean).join(' ');
        const mark = participant.status === a ? ` ${p('rsvp.currentMark')}` : '';
        return `<button type="submit" name="answer" value="${a}" class="${classes}">${escapeHtml(`${i(BUTTON_KEY[a])}${mark}`)}</button>`;
      })
      .join('');
    answer +=
      paragraph(p('rsvp.choose')) +
      `<form method="post" action="${escapeHtml(formAction(view.action, view.locale))}" enctype="application/x-www-form-urlencoded">` +
      `<div class="answers">${buttons}</div></form>` +
      paragraph(p('rsvp.changeHint', { kind }), 'muted');
  }
  if (view.icsUrl) answer += `<p><a href="${escapeHtml(view.icsUrl)}">${escapeHtml(p('rsvp.ics'))}</a></p>`;
  parts.push(`${answer}</section>`);

  // The substitute form.
  if (open) {
    const values = view.substituteValues ?? {};
    const problem = (field: SubstituteField) => (errors[field] ? p(`problem.${errors[field]}`) : null);
    parts.push(
      `<section class="card${proposed === 'delegated' ? ' proposed' : ''}" id="substitute"><h2>${escapeHtml(i('button.substitute'))}</h2>` +
        paragraph(p('rsvp.substituteHelp')) +
        `<form method="post" action="${escapeHtml(formAction(view.action, view.locale))}#substitute" enctype="application/x-www-form-urlencoded">` +
        `<input type="hidden" name="answer" value="delegated">` +
        textFieldHtml({ name: 'substituteName', label: p('field.fullName'), value: values.substituteName, required: true, maxLength: FIELD_LIMITS.name, autocomplete: 'off', error: problem('substituteName') }, 'sub') +
        textFieldHtml({ name: 'substituteTitle', label: p('field.title'), hint: p('field.optional'), value: values.substituteTitle, maxLength: FIELD_LIMITS.title, autocomplete: 'off', error: problem('substituteTitle') }, 'sub') +
        textFieldHtml({ name: 'substituteEmail', label: p('field.email'), type: 'email', value: values.substituteEmail, required: true, maxLength: FIELD_LIMITS.email, autocomplete: 'off', error: problem('substituteEmail') }, 'sub') +
        `<p style="margin-top:16px"><button type="submit">${escapeHtml(p('rsvp.substituteSubmit'))}</button></p></form></section>`,
    );
  }

  // Agenda, description, contact.
  const tail = [agendaHtml(i('label.agenda'), agendaLines(view.locale, event))];
  if (event.description?.trim()) tail.push(`<h2>${escapeHtml(i('label.description'))}</h2>${paragraph(event.description.trim())}`);
  tail.push(detailsHtml([{ label: i('label.contact'), lines: [contactLine(view.locale, event.organizerContact)] }]));
  parts.push(`<section class="card">${tail.join('')}</section>`);

  return renderPage({ locale: view.locale, title: p('rsvp.pageTitle', { title: event.title }), body: parts.join('\n'), keepQuery: proposed ? { answer: proposed } : {} });
}
