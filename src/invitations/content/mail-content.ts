import { type Block, COLOR, type RenderedDocument, renderDocument } from '../../common/html/blocks';
import { translator, type Locale } from '../../common/i18n/i18n';
import type { EventFormat } from '../../events/event.entity';
import {
  agendaLinesOf,
  type BridgePointView,
  CHECKIN_QR_CID,
  contactText,
  detailRows,
  type EventView,
  joinPresent,
  local,
  momentText,
  type ParticipantRoleView,
  type PersonView,
  type RsvpLinks,
  sessionText,
  sortedSessions,
  type SessionView,
  type T,
} from './event-view';
import { invitationMessages } from './messages';

/*
 * Invitation e-mails as pure functions: a plain view model (event-view.ts) in, `{ subject, text,
 * html }` out, through the block model of common/html. No database, no clock, no configuration:
 * the caller resolves names, links and the locale.
 */

export * from './event-view';
export type MailContent = RenderedDocument;

interface MailBase {
  locale: Locale;
  recipient: PersonView;
  event: EventView;
}

/** A new invitation (also for a participant added after the first send). */
export interface InvitationMailInput extends MailBase {
  role: ParticipantRoleView;
  /** Where this participant attends, for online/hybrid events with bridge points. */
  bridgePoint?: BridgePointView | null;
  links: RsvpLinks;
}

/** An invitation to someone named as substitute by `delegatedBy`. */
export interface SubstituteInvitationMailInput extends InvitationMailInput {
  delegatedBy: PersonView;
}

/**
 * What changed, for the update mail. The new value comes from `event` (or `bridgePoint`);
 * `before`, when given, is shown as "(trước đây: …)".
 */
export type EventChange =
  | { field: 'time'; before?: readonly SessionView[] }
  | { field: 'venue'; before?: { venueName?: string | null; venueAddress?: string | null } }
  | { field: 'onlineUrl'; before?: string | null }
  | { field: 'format'; before?: EventFormat }
  | { field: 'title'; before?: string }
  | { field: 'bridgePoint'; before?: BridgePointView | null };

/** Time or place changed (the updated `REQUEST`): says what changed, then the full details. */
export interface UpdateMailInput extends InvitationMailInput {
  /** Empty → a generic "has been updated". */
  changes: readonly EventChange[];
}

/** Reminder before the first session, to accepted and tentative participants. */
export interface ReminderMailInput extends InvitationMailInput {
  answer: 'accepted' | 'tentative';
}

/** `METHOD:CANCEL`: the whole event is cancelled, or only this participant's invitation is withdrawn. */
export interface CancellationMailInput extends MailBase {
  scope: 'event' | 'participant';
  reason?: string | null;
  bridgePoint?: BridgePointView | null;
}

/** To an agency's contact: name up to `quota` attendees through `links.nominate`. */
export interface NominationRequestMailInput extends MailBase {
  agency: { name: string };
  quota: number;
  /** Seats already named (for a repeated request); omitted or 0 → not mentioned. */
  nominatedCount?: number;
  deadline?: Date | null;
  links: { nominate: string; ics?: string | null };
  /** The event moved while the request is open: what changed (the request is repeated with the new details). */
  changes?: readonly EventChange[];
}

/**
 * A further calendar entry of an event of several sessions (one entry per session; iTIP carries one
 * UID per message): a short mail carrying that session's REQUEST or CANCEL. `session` is the one it carries.
 */
export interface SessionEntryMailInput extends MailBase {
  action: 'request' | 'cancel';
  position: number;
  count: number;
  session: SessionView;
  /** A CANCEL because the session is no longer in the programme (the event stands). */
  dropped?: boolean;
  role?: ParticipantRoleView;
  links?: Pick<RsvpLinks, 'page'>;
}

/** For a dispatcher that renders from a stored payload: the same inputs tagged with their kind. */
export type MailInput =
  | ({ type: 'invitation' } & InvitationMailInput)
  | ({ type: 'substituteInvitation' } & SubstituteInvitationMailInput)
  | ({ type: 'update' } & UpdateMailInput)
  | ({ type: 'reminder' } & ReminderMailInput)
  | ({ type: 'cancellation' } & CancellationMailInput)
  | ({ type: 'nominationRequest' } & NominationRequestMailInput)
  | ({ type: 'sessionEntry' } & SessionEntryMailInput);

function greeting(t: T, person: PersonView): Block {
  return { kind: 'p', text: person.title ? t('greeting.withTitle', { name: person.name, title: person.title }) : t('greeting', { name: person.name }) };
}

function subjectDate(event: EventView): string {
  return local(sortedSessions(event)[0].startsAt).day;
}

function rsvpActions(t: T, links: RsvpLinks): Block {
  return {
    kind: 'actions',
    buttons: [
      { label: t('button.accept'), href: links.accept, color: COLOR.accept },
      { label: t('button.decline'), href: links.decline, color: COLOR.decline },
      { label: t('button.tentative'), href: links.tentative, color: COLOR.tentative },
      { label: t('button.substitute'), href: links.substitute, color: COLOR.substitute },
    ],
    links: [
      { label: t('button.page'), href: links.page },
      { label: t('button.ics'), href: links.ics },
    ],
  };
}

/** The personal check-in QR code (attendance), when the links carry one. */
function checkinQr(t: T, links: RsvpLinks): Block[] {
  return links.checkin ? [{ kind: 'image', cid: CHECKIN_QR_CID, alt: t('checkin.qrAlt'), caption: t('checkin.qr'), href: links.checkin }] : [];
}

/** Agenda, description and organizer contact: the tail every mail about an event carries. */
function eventTail(t: T, event: EventView): Block[] {
  const blocks: Block[] = [];
  const agenda = agendaLinesOf(t, event);
  if (agenda.length) blocks.push({ kind: 'agenda', heading: t('label.agenda'), items: agenda });
  if (event.description?.trim()) blocks.push({ kind: 'section', heading: t('label.description'), text: event.description.trim() });
  blocks.push(contactBlock(t, event));
  return blocks;
}

function contactBlock(t: T, event: EventView): Block {
  return { kind: 'details', rows: [{ label: t('label.contact'), lines: [contactText(t, event.organizerContact)] }] };
}

function closing(t: T, event: EventView): Block[] {
  return [{ kind: 'p', text: t('closing') }, { kind: 'p', text: event.hostName, strong: true }];
}

function doc(t: T, input: MailBase, subject: string, blocks: Block[]): MailContent {
  return renderDocument({ locale: input.locale, subject, host: input.event.hostName, blocks: [...blocks, ...closing(t, input.event)], footer: t('footer.auto') });
}

const kindName = (t: T, event: EventView) => t(`kind.${event.kind}`);

/** Giấy mời: a new invitation with the answer buttons. */
export function invitationMail(input: InvitationMailInput): MailContent {
  const t = translator(invitationMessages, input.locale);
  const { event } = input;
  return doc(t, input, t('subject.invitation', { title: event.title, date: subjectDate(event) }), [
    greeting(t, input.recipient),
    { kind: 'p', text: t('invitation.lead', { host: event.hostName, kind: kindName(t, event) }) },
    { kind: 'title', text: event.title },
    { kind: 'details', rows: detailRows(t, event, { role: input.role, bridgePoint: input.bridgePoint }) },
    { kind: 'p', text: t('invitation.answerPrompt') },
    rsvpActions(t, input.links),
    ...checkinQr(t, input.links),
    ...eventTail(t, event),
  ]);
}

/** Giấy mời (tham dự thay): the person named as substitute by `delegatedBy`. */
export function substituteInvitationMail(input: SubstituteInvitationMailInput): MailContent {
  const t = translator(invitationMessages, input.locale);
  const { event, delegatedBy } = input;
  const lead = delegatedBy.title
    ? t('substitute.leadWithTitle', { delegator: delegatedBy.name, delegatorTitle: delegatedBy.title, kind: kindName(t, event) })
    : t('substitute.lead', { delegator: delegatedBy.name, kind: kindName(t, event) });
  return doc(t, input, t('subject.substitute', { title: event.title, date: subjectDate(event) }), [
    greeting(t, input.recipient),
    { kind: 'p', text: lead },
    { kind: 'title', text: event.title },
    { kind: 'details', rows: detailRows(t, event, { role: input.role, bridgePoint: input.bridgePoint }) },
    { kind: 'p', text: t('invitation.answerPrompt') },
    rsvpActions(t, input.links),
    ...checkinQr(t, input.links),
    ...eventTail(t, event),
  ]);
}

function changeText(t: T, change: EventChange, input: Pick<UpdateMailInput, 'event' | 'bridgePoint'>): string {
  const { event } = input;
  const venueOf = (v: { venueName?: string | null; venueAddress?: string | null }) => joinPresent([v.venueName, v.venueAddress]) || t('change.none');
  const bridgeOf = (b: BridgePointView | null | undefined) => (b ? joinPresent([b.name, b.address]) : t('change.none'));
  switch (change.field) {
    case 'time': {
      const after = sortedSessions(event).map((s) => sessionText(t, s)).join('; ');
      if (!change.before?.length) return t('change.time', { after });
      const before = [...change.before].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map((s) => sessionText(t, s)).join('; ');
      return t('change.time.before', { after, before });
    }
    case 'venue':
      return change.before ? t('change.venue.before', { after: venueOf(event), before: venueOf(change.before) }) : t('change.venue', { after: venueOf(event) });
    case 'onlineUrl':
      return t('change.onlineUrl', { after: event.onlineUrl || t('change.none') });
    case 'format':
      return change.before
        ? t('change.format.before', { after: t(`format.${event.format}`), before: t(`format.${change.before}`) })
        : t('change.format', { after: t(`format.${event.format}`) });
    case 'title':
      return change.before ? t('change.title.before', { after: event.title, before: change.before }) : t('change.title', { after: event.title });
    case 'bridgePoint':
      return change.before !== undefined
        ? t('change.bridgePoint.before', { after: bridgeOf(input.bridgePoint), before: bridgeOf(change.before) })
        : t('change.bridgePoint', { after: bridgeOf(input.bridgePoint) });
  }
}

/** Thay đổi: what changed first, then the complete, current details and the answer buttons. */
export function updateMail(input: UpdateMailInput): MailContent {
  const t = translator(invitationMessages, input.locale);
  const { event } = input;
  const changes: Block =
    input.changes.length > 0
      ? { kind: 'notice', heading: t('label.changes'), items: input.changes.map((c) => changeText(t, c, input)) }
      : { kind: 'p', text: t('update.generic', { kind: kindName(t, event) }), strong: true };
  return doc(t, input, t('subject.update', { title: event.title, date: subjectDate(event) }), [
    greeting(t, input.recipient),
    { kind: 'p', text: t('update.lead', { host: event.hostName, kind: kindName(t, event) }) },
    { kind: 'title', text: event.title },
    changes,
    { kind: 'details', rows: detailRows(t, event, { role: input.role, bridgePoint: input.bridgePoint }) },
    { kind: 'p', text: t('update.rest') },
    { kind: 'p', text: t('update.reconfirm') },
    rsvpActions(t, input.links),
    ...checkinQr(t, input.links),
    ...eventTail(t, event),
  ]);
}

/** Hủy: the event is cancelled, or this participant's invitation withdrawn. No answer buttons. */
export function cancellationMail(input: CancellationMailInput): MailContent {
  const t = translator(invitationMessages, input.locale);
  const { event } = input;
  const lead = input.scope === 'event' ? t('cancellation.lead', { host: event.hostName, kind: kindName(t, event) }) : t('cancellation.leadParticipant', { host: event.hostName, kind: kindName(t, event) });
  const blocks: Block[] = [
    greeting(t, input.recipient),
    { kind: 'p', text: lead },
    { kind: 'title', text: event.title },
    { kind: 'details', rows: detailRows(t, event, { bridgePoint: input.bridgePoint, plannedTime: true }) },
  ];
  if (input.reason?.trim()) blocks.push({ kind: 'details', rows: [{ label: t('label.reason'), lines: [input.reason.trim()] }] });
  blocks.push({ kind: 'p', text: t('cancellation.calendar') });
  if (input.scope === 'event') blocks.push({ kind: 'p', text: t('cancellation.apology') });
  blocks.push(contactBlock(t, event));
  return doc(t, input, t('subject.cancellation', { title: event.title, date: subjectDate(event) }), blocks);
}

/** Nhắc lịch: before the first session, with the start time up front and the answer buttons. */
export function reminderMail(input: ReminderMailInput): MailContent {
  const t = translator(invitationMessages, input.locale);
  const { event } = input;
  const first = sortedSessions(event)[0].startsAt;
  const start = local(first);
  return doc(t, input, t('subject.reminder', { title: event.title, time: start.time, date: start.day }), [
    greeting(t, input.recipient),
    { kind: 'p', text: t('reminder.lead', { kind: kindName(t, event) }) },
    { kind: 'title', text: event.title },
    { kind: 'p', text: t('reminder.startsAt', { moment: momentText(t, first) }), strong: true },
    { kind: 'details', rows: detailRows(t, event, { role: input.role, bridgePoint: input.bridgePoint }) },
    { kind: 'p', text: t(input.answer === 'tentative' ? 'reminder.tentative' : 'reminder.accepted') },
    rsvpActions(t, input.links),
    ...checkinQr(t, input.links),
    ...eventTail(t, event),
  ]);
}

/** Đề nghị cử người tham dự: to an agency's contact, with the nomination link. */
export function nominationRequestMail(input: NominationRequestMailInput): MailContent {
  const t = translator(invitationMessages, input.locale);
  const { event } = input;
  const rows = detailRows(t, event);
  rows.push({ label: t('label.agency'), lines: [input.agency.name] });
  rows.push({ label: t('label.quota'), lines: [t('nomination.quota', { quota: input.quota })] });
  if (input.deadline) rows.push({ label: t('label.deadline'), lines: [momentText(t, input.deadline)] });
  const blocks: Block[] = [
    greeting(t, input.recipient),
    { kind: 'p', text: t('nomination.lead', { host: event.hostName, agency: input.agency.name, kind: kindName(t, event) }) },
    { kind: 'title', text: event.title },
    ...(input.changes?.length ? [{ kind: 'notice' as const, heading: t('label.changes'), items: input.changes.map((c) => changeText(t, c, input)) }] : []),
    { kind: 'details', rows },
  ];
  if (input.nominatedCount) blocks.push({ kind: 'p', text: t('nomination.nominated', { count: input.nominatedCount, quota: input.quota }), strong: true });
  blocks.push({ kind: 'p', text: t('nomination.action') });
  blocks.push({
    kind: 'actions',
    buttons: [{ label: t('button.nominate'), href: input.links.nominate, color: COLOR.primary }],
    links: input.links.ics ? [{ label: t('button.ics'), href: input.links.ics }] : [],
  });
  blocks.push(...eventTail(t, event));
  const subject = input.changes?.length ? t('subject.update', { title: event.title, date: subjectDate(event) }) : t('subject.nomination', { title: event.title, date: subjectDate(event) });
  return doc(t, input, subject, blocks);
}

/** Lịch buổi k/n: one further session's calendar entry, with that session's time and place only. */
export function sessionEntryMail(input: SessionEntryMailInput): MailContent {
  const t = translator(invitationMessages, input.locale);
  const { event, position, count } = input;
  const one: EventView = { ...event, sessions: [input.session] };
  const args = { position, count, kind: kindName(t, event) };
  const date = local(input.session.startsAt).day;
  const blocks: Block[] = [
    greeting(t, input.recipient),
    { kind: 'p', text: t(input.action === 'request' ? 'session.entry.lead' : 'session.entry.cancelLead', args) },
    { kind: 'title', text: event.title },
    { kind: 'details', rows: detailRows(t, one, { role: input.role, plannedTime: input.action === 'cancel' }) },
  ];
  if (input.dropped) blocks.push({ kind: 'p', text: t('session.entry.dropped') });
  if (input.action === 'request') blocks.push({ kind: 'p', text: t('session.entry.programme') });
  if (input.links) blocks.push({ kind: 'actions', buttons: [{ label: t('button.page'), href: input.links.page, color: COLOR.primary }], links: [] });
  blocks.push(contactBlock(t, event));
  const subject = t(input.action === 'request' ? 'subject.session' : 'subject.sessionCancel', { position, count, title: event.title, date });
  return doc(t, input, subject, blocks);
}

/** Renders a tagged input with the matching function (for a worker rendering stored payloads). */
export function renderMail(input: MailInput): MailContent {
  switch (input.type) {
    case 'invitation':
      return invitationMail(input);
    case 'substituteInvitation':
      return substituteInvitationMail(input);
    case 'update':
      return updateMail(input);
    case 'reminder':
      return reminderMail(input);
    case 'cancellation':
      return cancellationMail(input);
    case 'nominationRequest':
      return nominationRequestMail(input);
    case 'sessionEntry':
      return sessionEntryMail(input);
  }
}
