import { translator, type Locale, type Translator } from '../../common/i18n/i18n';
import type { AgendaType } from '../../events/agenda/agenda-item.entity';
import type { EventFormat, EventKind } from '../../events/event.entity';
import { formatLocal, toLocalIso } from '../../common/time/time';
import { invitationMessages, type InvitationMessages } from './messages';

/*
 * Invitation e-mails as pure functions: a plain view model in, `{ subject, text, html }` out.
 * No database, no clock, no configuration: the caller resolves names, links and the locale.
 * Every mail is built once as a list of blocks and rendered twice (HTML and plain text), so
 * both parts always carry the same information and the same links. Times are shown in
 * Asia/Ho_Chi_Minh through `events/time.ts`.
 */

// ---------------------------------------------------------------------------------------------
// View model

/** The participant roles of issue 4 (same strings as the participant entity's role column). */
export type ParticipantRoleView = 'chair' | 'speaker' | 'delegate' | 'guest' | 'trainee' | 'trainer' | 'technician';

/** A person as addressed in a mail: "Kính gửi đồng chí {name} – {title},". */
export interface PersonView {
  name: string;
  /** chức vụ, e.g. "Phó Giám đốc Sở TT&TT"; omitted from the greeting when empty. */
  title?: string | null;
}

/** One session of the event (a morning, one day of a training). */
export interface SessionView {
  startsAt: Date;
  endsAt: Date;
  /** e.g. "Buổi sáng", "Ngày 1"; shown before the time when present. */
  title?: string | null;
}

/** One agenda item, in programme order (the caller sorts by position). */
export interface AgendaItemView {
  startsAt?: Date | null;
  title: string;
  type: AgendaType;
  /** The speaker's display name (directory person "Nguyễn Văn A – Giám đốc Sở" or free text). */
  speaker?: string | null;
}

/** Whom to ask: a person ("Hoàng Thị Lan – Phòng Bưu chính, Viễn thông và CNTT") or an office. */
export interface ContactView {
  name: string;
  email: string;
  phone?: string | null;
}

/** The video-conference site where this participant attends (điểm cầu). */
export interface BridgePointView {
  name: string;
  address?: string | null;
}

/** The event as shown to invitees. */
export interface EventView {
  title: string;
  kind: EventKind;
  format: EventFormat;
  /** At least one; shown in start order (sorted here, the input order does not matter). */
  sessions: readonly SessionView[];
  venueName?: string | null;
  venueAddress?: string | null;
  /** Join link of an online or hybrid event; only http(s) links become clickable. */
  onlineUrl?: string | null;
  /** The host organization's name, e.g. "Sở Thông tin và Truyền thông tỉnh Hà Giang". */
  hostName: string;
  organizerContact: ContactView;
  agenda?: readonly AgendaItemView[];
  /** Free text; line breaks are kept. */
  description?: string | null;
}

/** Absolute URLs the participant's personal token opens. */
export interface RsvpLinks {
  /**
   * One-click answers. Mail scanners (Outlook Safe Links, antivirus gateways) fetch every link
   * in a message, so a GET should open the RSVP page with the answer preselected, and only the
   * page's POST records it (`renderRsvpPage`'s `proposed`).
   */
  accept: string;
  decline: string;
  tentative: string;
  substitute: string;
  /** The RSVP page itself. */
  page: string;
  /** Download of this participant's .ics. */
  ics: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

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
}

/** For a dispatcher that renders from a stored payload: the same inputs tagged with their kind. */
export type MailInput =
  | ({ type: 'invitation' } & InvitationMailInput)
  | ({ type: 'substituteInvitation' } & SubstituteInvitationMailInput)
  | ({ type: 'update' } & UpdateMailInput)
  | ({ type: 'reminder' } & ReminderMailInput)
  | ({ type: 'cancellation' } & CancellationMailInput)
  | ({ type: 'nominationRequest' } & NominationRequestMailInput);

// ---------------------------------------------------------------------------------------------
// Small shared helpers (also used by the web pages)

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** The URL when it is an absolute http(s) or mailto link, else null (no `javascript:` in an href). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? url : null;
  } catch {
    return null;
  }
}

type T = Translator<InvitationMessages>;
type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A Hà Nội wall-clock reading of an instant: `10/04/2015`, `14:00`, weekday 5 (Friday). */
function local(date: Date): { day: string; time: string; weekday: Weekday } {
  const [day, time] = formatLocal(date).split(' ');
  const weekday = new Date(`${toLocalIso(date).slice(0, 10)}T00:00:00Z`).getUTCDay() as Weekday;
  return { day, time, weekday };
}

const weekdayName = (t: T, weekday: Weekday) => t(`weekday.${weekday}`);

function sessionText(t: T, session: SessionView): string {
  const a = local(session.startsAt);
  const b = local(session.endsAt);
  const when =
    a.day === b.day
      ? t('session.sameDay', { start: a.time, end: b.time, weekday: weekdayName(t, a.weekday), date: a.day })
      : t('session.multiDay', { start: a.time, weekday: weekdayName(t, a.weekday), date: a.day, end: b.time, endWeekday: weekdayName(t, b.weekday), endDate: b.day });
  return session.title ? t('session.titled', { title: session.title, when }) : when;
}

/** "14:00 – 17:00, thứ Sáu, ngày 10/04/2015" (with "Buổi chiều: " before it when the session has a title). */
export function formatSession(locale: Locale, session: SessionView): string {
  return sessionText(translator(invitationMessages, locale), session);
}

function momentText(t: T, date: Date): string {
  const m = local(date);
  return t('moment', { time: m.time, weekday: weekdayName(t, m.weekday), date: m.day });
}

/** "14:00, thứ Sáu, ngày 10/04/2015". */
export function formatMoment(locale: Locale, date: Date): string {
  return momentText(translator(invitationMessages, locale), date);
}

function sortedSessions(event: EventView): SessionView[] {
  if (event.sessions.length === 0) throw new Error(`Event "${event.title}" has no sessions; an invitation needs at least one`);
  return [...event.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

const joinPresent = (parts: readonly (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join(', ');

/** One labelled line group of the event details ("Thời gian", "Địa điểm", …). */
export interface DetailRow {
  label: string;
  lines: string[];
  /** Makes the (single) line a link, e.g. the join link. */
  href?: string;
  /** Separate items (the sessions): a list in text. Otherwise the lines are parts of one value (hall, address). */
  list?: boolean;
}

export interface DetailOptions {
  role?: ParticipantRoleView | null;
  bridgePoint?: BridgePointView | null;
  /** "Thời gian dự kiến" instead of "Thời gian" (cancellations). */
  plannedTime?: boolean;
}

function detailRows(t: T, event: EventView, options: DetailOptions = {}): DetailRow[] {
  const rows: DetailRow[] = [];
  rows.push({ label: t(options.plannedTime ? 'label.plannedTime' : 'label.time'), lines: sortedSessions(event).map((s) => sessionText(t, s)), list: true });
  rows.push({ label: t('label.format'), lines: [t(`format.${event.format}`)] });
  const venue = [event.venueName, event.venueAddress].filter((p): p is string => !!p && p.trim() !== '');
  if (options.bridgePoint) {
    rows.push({ label: t('label.bridgePoint'), lines: [options.bridgePoint.name, ...(options.bridgePoint.address ? [options.bridgePoint.address] : [])] });
    if (venue.length > 0) rows.push({ label: t('label.mainVenue'), lines: venue });
  } else if (venue.length > 0) {
    rows.push({ label: t('label.venue'), lines: venue });
  }
  if (event.onlineUrl && event.format !== 'in_person') {
    const href = safeHref(event.onlineUrl);
    rows.push({ label: t('label.onlineUrl'), lines: [event.onlineUrl], ...(href ? { href } : {}) });
  }
  rows.push({ label: t('label.host'), lines: [event.hostName] });
  if (options.role) rows.push({ label: t('label.role'), lines: [t(`role.${options.role}`)] });
  return rows;
}

/** The labelled event details shown in mails and on the RSVP and nomination pages. */
export function eventDetailRows(locale: Locale, event: EventView, options: DetailOptions = {}): DetailRow[] {
  return detailRows(translator(invitationMessages, locale), event, options);
}

export interface AgendaLine {
  /** `14:00`, or `02/12/2013 14:00` when the event spans several days; null when the item has no time. */
  time: string | null;
  /** "Báo cáo: Kết quả ứng dụng CNTT Quý I/2015". */
  title: string;
  /** "Người trình bày: …" or null. */
  speaker: string | null;
}

function agendaLinesOf(t: T, event: EventView): AgendaLine[] {
  const items = event.agenda ?? [];
  if (items.length === 0) return [];
  const sessions = sortedSessions(event);
  const multiDay = local(sessions[0].startsAt).day !== local(sessions[sessions.length - 1].endsAt).day;
  return items.map((item) => ({
    time: item.startsAt ? (multiDay ? formatLocal(item.startsAt) : local(item.startsAt).time) : null,
    title: item.type === 'other' ? item.title : t('agenda.typed', { type: t(`agenda.type.${item.type}`), title: item.title }),
    speaker: item.speaker ? t('agenda.speaker', { speaker: item.speaker }) : null,
  }));
}

export function agendaLines(locale: Locale, event: EventView): AgendaLine[] {
  return agendaLinesOf(translator(invitationMessages, locale), event);
}

function contactText(t: T, contact: ContactView): string {
  return contact.phone ? t('contact.withPhone', { name: contact.name, phone: contact.phone, email: contact.email }) : t('contact.noPhone', { name: contact.name, email: contact.email });
}

/** "Nguyễn Văn A, điện thoại: …, e-mail: …" (the contact may be a person or an office, so no "đồng chí"). */
export function contactLine(locale: Locale, contact: ContactView): string {
  return contactText(translator(invitationMessages, locale), contact);
}

// ---------------------------------------------------------------------------------------------
// Blocks, rendered to HTML and to text

interface Link {
  label: string;
  href: string;
}

type Block =
  | { kind: 'p'; text: string; strong?: boolean }
  | { kind: 'title'; text: string }
  | { kind: 'notice'; heading: string; items: string[] }
  | { kind: 'details'; rows: DetailRow[] }
  | { kind: 'actions'; buttons: (Link & { color: string })[]; links: Link[] }
  | { kind: 'agenda'; heading: string; items: AgendaLine[] }
  | { kind: 'section'; heading: string; text: string };

const COLOR = { accept: '#15803d', decline: '#b91c1c', tentative: '#b45309', substitute: '#1d4ed8', primary: '#1d4ed8' };
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

function linkHtml(link: Link, style: string): string {
  const href = safeHref(link.href);
  return href ? `<a href="${escapeHtml(href)}" style="${style}">${escapeHtml(link.label)}</a>` : `${escapeHtml(link.label)}: ${escapeHtml(link.href)}`;
}

const multiline = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'p':
      return `<p style="margin:0 0 12px;">${block.strong ? `<strong>${multiline(block.text)}</strong>` : multiline(block.text)}</p>`;
    case 'title':
      return `<h1 style="margin:4px 0 16px;font-size:20px;line-height:1.35;color:#111827;">${escapeHtml(block.text)}</h1>`;
    case 'notice':
      return (
        `<div style="margin:0 0 16px;padding:12px 16px;background:#fef9c3;border-left:4px solid #ca8a04;">` +
        `<p style="margin:0 0 6px;"><strong>${escapeHtml(block.heading)}</strong></p>` +
        `<ul style="margin:0;padding-left:20px;">${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul></div>`
      );
    case 'details':
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;">` +
        block.rows
          .map((row) => {
            const value = row.href && row.lines.length === 1 ? linkHtml({ label: row.lines[0], href: row.href }, 'color:#1d4ed8;') : row.lines.map(escapeHtml).join('<br>');
            return (
              `<tr><td style="padding:4px 12px 4px 0;vertical-align:top;width:170px;color:#4b5563;">${escapeHtml(row.label)}</td>` +
              `<td style="padding:4px 0;vertical-align:top;">${value}</td></tr>`
            );
          })
          .join('') +
        `</table>`
      );
    case 'actions':
      return (
        `<p style="margin:0 0 8px;">` +
        block.buttons
          .map((b) => linkHtml(b, `display:inline-block;margin:0 8px 8px 0;padding:10px 16px;background:${b.color};color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;`))
          .join(' ') +
        `</p>` +
        (block.links.length ? `<p style="margin:0 0 16px;">${block.links.map((l) => linkHtml(l, 'color:#1d4ed8;')).join(' &nbsp;·&nbsp; ')}</p>` : '')
      );
    case 'agenda':
      return (
        `<h2 style="margin:16px 0 8px;font-size:16px;color:#111827;">${escapeHtml(block.heading)}</h2>` +
        `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;">` +
        block.items
          .map(
            (i) =>
              `<tr><td style="padding:4px 12px 4px 0;vertical-align:top;width:110px;color:#4b5563;white-space:nowrap;">${escapeHtml(i.time ?? '')}</td>` +
              `<td style="padding:4px 0;vertical-align:top;">${escapeHtml(i.title)}${i.speaker ? `<br><span style="color:#4b5563;">${escapeHtml(i.speaker)}</span>` : ''}</td></tr>`,
          )
          .join('') +
        `</table>`
      );
    case 'section':
      return `<h2 style="margin:16px 0 8px;font-size:16px;color:#111827;">${escapeHtml(block.heading)}</h2><p style="margin:0 0 12px;">${multiline(block.text)}</p>`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'p':
    case 'title':
      return block.text;
    case 'notice':
      return [`${block.heading}:`, ...block.items.map((i) => `- ${i}`)].join('\n');
    case 'details':
      return block.rows
        .map((row) => (row.list && row.lines.length > 1 ? [`${row.label}:`, ...row.lines.map((l) => `  - ${l}`)].join('\n') : `${row.label}: ${row.lines.join(', ')}`))
        .join('\n');
    case 'actions':
      return [...block.buttons, ...block.links].map((l) => `${l.label}: ${l.href}`).join('\n');
    case 'agenda':
      return [`${block.heading}:`, ...block.items.map((i) => `- ${i.time ? `${i.time} ` : ''}${i.title}${i.speaker ? `\n  ${i.speaker}` : ''}`)].join('\n');
    case 'section':
      return `${block.heading}:\n${block.text}`;
  }
}

interface Doc {
  locale: Locale;
  subject: string;
  host: string;
  blocks: Block[];
  footer: string;
}

function render(doc: Doc): MailContent {
  const subject = doc.subject.replace(/\s+/g, ' ').trim();
  const html =
    `<!doctype html><html lang="${doc.locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:16px 8px;">` +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #e5e7eb;${FONT}font-size:15px;line-height:1.5;color:#111827;">` +
    `<tr><td style="padding:12px 24px;background:#1e3a8a;color:#ffffff;font-size:13px;font-weight:bold;">${escapeHtml(doc.host)}</td></tr>` +
    `<tr><td style="padding:24px;">${doc.blocks.map(blockHtml).join('\n')}</td></tr>` +
    `<tr><td style="padding:12px 24px;border-top:1px solid #e5e7eb;color:#6b7280;font-size:12px;">${escapeHtml(doc.footer)}</td></tr>` +
    `</table></td></tr></table></body></html>`;
  const text = `${doc.blocks.map(blockText).join('\n\n')}\n\n-- \n${doc.footer}\n`;
  return { subject, text, html };
}

// ---------------------------------------------------------------------------------------------
// The mails

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
  return render({ locale: input.locale, subject, host: input.event.hostName, blocks: [...blocks, ...closing(t, input.event)], footer: t('footer.auto') });
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
    ...eventTail(t, event),
  ]);
}

function changeText(t: T, change: EventChange, input: UpdateMailInput): string {
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
  return doc(t, input, t('subject.nomination', { title: event.title, date: subjectDate(event) }), blocks);
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
  }
}
