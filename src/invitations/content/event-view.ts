import { translator, type Locale, type Translator } from '../../common/i18n/i18n';
import type { AgendaLine, DetailRow } from '../../common/html/blocks';
import { safeHref } from '../../common/html/escape';
import { formatLocal, toLocalIso } from '../../common/time/time';
import type { AgendaType } from '../../events/agenda/agenda-item.entity';
import type { EventFormat, EventKind } from '../../events/event.entity';
import { invitationMessages, type InvitationMessages } from './messages';

/*
 * The event as invitations show it (mails and the public pages): the view model, and its labelled
 * details, sessions, agenda lines and contact in the reader's language. Pure: no database, no
 * clock, no configuration. Times are shown in Asia/Ho_Chi_Minh (common/time).
 */

export type { AgendaLine, DetailRow };

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
  /** The point's own join details (its video system), shown instead of the event's link. */
  joinUrl?: string | null;
  dialString?: string | null;
  meetingId?: string | null;
  /** Only ever given to the point's own participants. */
  passcode?: string | null;
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
  /**
   * The personal check-in link (`/checkin/<token>`, attendance): the mail shows it as a QR code, an
   * inline image attached under CHECKIN_QR_CID, and the text part as the link.
   */
  checkin?: string;
}

/** The Content-ID of the check-in QR image attached to a mail that shows `links.checkin`. */
export const CHECKIN_QR_CID = 'checkin-qr@hoinghi';

export type T = Translator<InvitationMessages>;
type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A Hà Nội wall-clock reading of an instant: `10/04/2015`, `14:00`, weekday 5 (Friday). */
export function local(date: Date): { day: string; time: string; weekday: Weekday } {
  const [day, time] = formatLocal(date).split(' ');
  const weekday = new Date(`${toLocalIso(date).slice(0, 10)}T00:00:00Z`).getUTCDay() as Weekday;
  return { day, time, weekday };
}

const weekdayName = (t: T, weekday: Weekday) => t(`weekday.${weekday}`);

export function sessionText(t: T, session: SessionView): string {
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

export function momentText(t: T, date: Date): string {
  const m = local(date);
  return t('moment', { time: m.time, weekday: weekdayName(t, m.weekday), date: m.day });
}

/** "14:00, thứ Sáu, ngày 10/04/2015". */
export function formatMoment(locale: Locale, date: Date): string {
  return momentText(translator(invitationMessages, locale), date);
}

export function sortedSessions(event: EventView): SessionView[] {
  if (event.sessions.length === 0) throw new Error(`Event "${event.title}" has no sessions; an invitation needs at least one`);
  return [...event.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export const joinPresent = (parts: readonly (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join(', ');

export interface DetailOptions {
  role?: ParticipantRoleView | null;
  bridgePoint?: BridgePointView | null;
  /** "Thời gian dự kiến" instead of "Thời gian" (cancellations). */
  plannedTime?: boolean;
}

export function detailRows(t: T, event: EventView, options: DetailOptions = {}): DetailRow[] {
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
  const bp = options.bridgePoint;
  const joinUrl = bp?.joinUrl || event.onlineUrl;
  if (joinUrl && event.format !== 'in_person') {
    const href = safeHref(joinUrl);
    rows.push({ label: t('label.onlineUrl'), lines: [joinUrl], ...(href ? { href } : {}) });
  }
  if (bp?.dialString) rows.push({ label: t('label.dialString'), lines: [bp.dialString] });
  if (bp?.meetingId) rows.push({ label: t('label.meetingId'), lines: [bp.meetingId] });
  if (bp?.passcode) rows.push({ label: t('label.passcode'), lines: [bp.passcode] });
  rows.push({ label: t('label.host'), lines: [event.hostName] });
  if (options.role) rows.push({ label: t('label.role'), lines: [t(`role.${options.role}`)] });
  return rows;
}

/** The labelled event details shown in mails and on the RSVP and nomination pages. */
export function eventDetailRows(locale: Locale, event: EventView, options: DetailOptions = {}): DetailRow[] {
  return detailRows(translator(invitationMessages, locale), event, options);
}

export function agendaLinesOf(t: T, event: EventView): AgendaLine[] {
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

export function contactText(t: T, contact: ContactView): string {
  return contact.phone ? t('contact.withPhone', { name: contact.name, phone: contact.phone, email: contact.email }) : t('contact.noPhone', { name: contact.name, email: contact.email });
}

/** "Nguyễn Văn A, điện thoại: …, e-mail: …" (the contact may be a person or an office, so no "đồng chí"). */
export function contactLine(locale: Locale, contact: ContactView): string {
  return contactText(translator(invitationMessages, locale), contact);
}
