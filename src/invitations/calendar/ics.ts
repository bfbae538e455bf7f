/**
 * iCalendar objects for invitations (iMIP REQUEST / CANCEL, RFC 5546 + 6047) and for
 * subscription feeds (PUBLISH). Pure: the same input gives the same bytes.
 *
 * `ics` builds the objects; `postProcess` is the one place that corrects or extends its output:
 * - refolds every line at 75 octets (ics folds at 75 characters; see fold.ts);
 * - unquotes ROLE/PARTSTAT (ics writes ROLE="CHAIR"; legal, but token values are what
 *   clients compare) and writes `mailto:` in one case for ORGANIZER and ATTENDEE;
 * - adds what ics has no attribute for: DELEGATED-TO / DELEGATED-FROM and the RFC 7986
 *   CONFERENCE property;
 * - drops ics's X-PUBLISHED-TTL outside feeds.
 * What ics already does right is left to it: TEXT escaping of `\ ; ,` and newlines in SUMMARY,
 * DESCRIPTION and LOCATION (so we pass raw text and never escape twice), quoted CN, UTC times.
 *
 * All times are UTC (`...Z`): unambiguous in every client, no VTIMEZONE needed. A daily RRULE
 * over UTC times keeps the same local time because Asia/Ho_Chi_Minh has no daylight saving.
 */
import { createEvents, type Attendee, type EventAttributes } from 'ics';
import { dailyRule, type IcsSession, sortSessions } from './entries';
import { foldLine, unfold } from './fold';

export type { IcsSession } from './entries';

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface IcsAttendee {
  name: string;
  email: string;
  role: 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'NON-PARTICIPANT';
  partstat: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'DELEGATED';
  rsvp: boolean;
  /** E-mail of the substitute this attendee delegated to (with partstat DELEGATED). */
  delegatedTo?: string | null;
  /** E-mail of the attendee this one substitutes for. */
  delegatedFrom?: string | null;
}

export interface IcsEvent {
  /** Stable per event: every REQUEST, update and CANCEL of the event carries the same UID. */
  uid: string;
  sequence: number;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  title: string;
  description?: string | null;
  /** The hall; when absent, the join link stands in as LOCATION. */
  location?: string | null;
  /** Join link of an online event. */
  url?: string | null;
  /** Label of the join link (CONFERENCE;LABEL=...), e.g. from the i18n catalog. */
  urlLabel?: string | null;
  /** At least one; several only as a regular daily series (one calendar entry, see entries.ts). */
  sessions: IcsSession[];
  organizer: { name: string; email: string };
  attendees: IcsAttendee[];
  lastModified?: Date | null;
}

export interface BuildCalendarOptions {
  dtstamp: Date;
  /** X-WR-CALNAME, the name a subscribed feed gets in Outlook, Google and Apple Calendar. */
  calendarName?: string;
  productId?: string;
}

export const DEFAULT_PRODUCT_ID = '-//hoinghi//hoinghi calendar//VI';

const CRLF = '\r\n';

/** One VEVENT to hand to ics, with the source event and the lines ics cannot write. */
interface Component {
  attributes: EventAttributes & { timestamp: number };
  event: IcsEvent;
  extraLines: string[];
}

/**
 * Builds a VCALENDAR. REQUEST and CANCEL take exactly one event (iTIP: one UID per message);
 * PUBLISH takes any number (a person's feed). CANCEL always says STATUS:CANCELLED; the caller
 * passes the raised SEQUENCE. PUBLISH carries no ATTENDEE (RFC 5546 §3.2.1: "Attendees MUST
 * NOT be present"), which also keeps guest lists out of feeds; RSVP is written only in REQUEST.
 */
export function buildCalendar(method: IcsMethod, events: IcsEvent[], opts: BuildCalendarOptions): string {
  if (method !== 'PUBLISH' && events.length !== 1) {
    throw new Error(`METHOD:${method} carries exactly one event, got ${events.length}`);
  }
  const components = events.flatMap((event) => componentsOf(method, event, opts.dtstamp));
  const { error, value } = createEvents(
    components.map((c) => c.attributes),
    { method, productId: opts.productId ?? DEFAULT_PRODUCT_ID, calName: opts.calendarName },
  );
  if (error || !value) throw new Error(`ics could not build the calendar: ${describeError(error)}`);
  return postProcess(value, method, components);
}

/**
 * The VEVENT of one calendar entry (entries.ts): one session, or a regular daily series as one
 * VEVENT with RRULE:FREQ=DAILY;INTERVAL=k;COUNT=n (its instances share the event's SUMMARY).
 * Any other set of sessions is one entry per session, split by the caller (calendarEntries):
 * this refuses it rather than write an RDATE set that Outlook and khal do not show in full.
 */
function componentsOf(method: IcsMethod, event: IcsEvent, dtstamp: Date): Component[] {
  if (!event.uid) throw new Error('an event needs a UID');
  const sessions = sortSessions(event.sessions);
  if (sessions.length === 0) throw new Error(`event ${event.uid} has no session`);
  for (const [i, s] of sessions.entries()) {
    if (!(s.endsAt.getTime() > s.startsAt.getTime())) throw new Error(`event ${event.uid}: a session must end after it starts`);
    if (i > 0 && utc(s.startsAt) === utc(sessions[i - 1].startsAt)) throw new Error(`event ${event.uid}: two sessions start at the same time`);
  }
  const rule = dailyRule(sessions);
  if (sessions.length > 1 && !rule) throw new Error(`event ${event.uid}: sessions that are not a daily series are one calendar entry each (calendarEntries)`);

  const url = event.url || undefined;
  const attributes = {
    uid: event.uid,
    sequence: event.sequence,
    timestamp: dtstamp.getTime(),
    status: method === 'CANCEL' ? 'CANCELLED' : event.status,
    description: withLink(event.description, url),
    location: event.location || url,
    url,
    organizer: { name: paramText(event.organizer.name) || event.organizer.email, email: event.organizer.email },
    attendees: method === 'PUBLISH' ? undefined : event.attendees.map((a) => attendeeOf(a, method)),
    lastModified: event.lastModified?.getTime(),
    ...times(sessions[0]),
    title: event.title,
    recurrenceRule: rule,
  } satisfies Component['attributes'];
  return [{ attributes, event, extraLines: url ? [conferenceLine(url, event.urlLabel)] : [] }];
}

function times(s: IcsSession) {
  return {
    start: s.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: s.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
  } as const;
}

/** The join link is also written into the description, where Google and Outlook show it (they ignore URL). */
function withLink(description: string | null | undefined, url: string | undefined): string | undefined {
  // ics escapes LF but would pass a lone CR through raw.
  const text = description ? description.replace(/\r\n?/g, '\n') : undefined;
  if (!url || text?.includes(url)) return text;
  return text ? `${text}\n\n${url}` : url;
}

function attendeeOf(a: IcsAttendee, method: IcsMethod): Attendee {
  return {
    name: paramText(a.name) || a.email,
    email: a.email,
    role: a.role,
    partstat: a.partstat,
    // RSVP asks for a REPLY; a CANCEL expects none.
    rsvp: method === 'REQUEST' ? a.rsvp : undefined,
  };
}

/**
 * A parameter value such as CN: ics quotes it but writes an inner `"` as `\"`, which RFC 5545
 * does not allow (ical.js cuts the name there). RFC 6868's ^' is not understood by Outlook, so
 * an apostrophe stands in. Control characters (newlines) become spaces.
 */
function paramText(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').replace(/"/g, "'").trim();
}

function conferenceLine(url: string, label: string | null | undefined): string {
  const labelParam = label && paramText(label) ? `;LABEL="${paramText(label)}"` : '';
  return `CONFERENCE;VALUE=URI;FEATURE=VIDEO${labelParam}:${url}`;
}

function utc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}

/** The one place ics's output is corrected; see the header comment. */
function postProcess(raw: string, method: IcsMethod, components: Component[]): string {
  const lines: string[] = [];
  let component: Component | undefined;
  let attendeeIndex = 0;
  let index = -1;
  for (const line of unfold(raw).split(CRLF)) {
    if (line === '') continue;
    if (line === 'BEGIN:VEVENT') {
      component = components[++index];
      attendeeIndex = 0;
    } else if (line === 'END:VEVENT') {
      lines.push(...component!.extraLines);
    } else if (line.startsWith('X-PUBLISHED-TTL:') && method !== 'PUBLISH') {
      continue;
    } else if (line.startsWith('X-WR-CALNAME:')) {
      // ics writes the name raw; it is TEXT like SUMMARY (a comma or semicolon in a title must not cut it).
      lines.push(`X-WR-CALNAME:${escapeText(line.slice('X-WR-CALNAME:'.length))}`);
      continue;
    } else if (line === 'END:VCALENDAR' && components.length === 0) {
      // RFC 5545 wants at least one component: an empty feed carries Hà Nội's time zone.
      lines.push(...EMPTY_CALENDAR_COMPONENT);
    } else if (line.startsWith('ORGANIZER;')) {
      lines.push(addressLine(line, ''));
      continue;
    } else if (line.startsWith('ATTENDEE;')) {
      const attendee = component!.event.attendees[attendeeIndex++];
      const delegation =
        (attendee.delegatedTo ? `;DELEGATED-TO="mailto:${attendee.delegatedTo}"` : '') +
        (attendee.delegatedFrom ? `;DELEGATED-FROM="mailto:${attendee.delegatedFrom}"` : '');
      lines.push(addressLine(line, delegation));
      continue;
    }
    lines.push(line);
  }
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped. */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** The component of a calendar with no event (a person's feed before any invitation): Asia/Ho_Chi_Minh, UTC+7 since 1975. */
const EMPTY_CALENDAR_COMPONENT = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Ho_Chi_Minh',
  'BEGIN:STANDARD',
  'DTSTART:19750613T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** ORGANIZER/ATTENDEE: token parameters unquoted, extra parameters added, `mailto:` lower-case. */
function addressLine(line: string, extraParams: string): string {
  // Greedy: the value is after the last ":mailto:", since a quoted CN may itself contain ':'.
  const match = /^(.*):mailto:(.*)$/i.exec(line);
  if (!match) throw new Error(`unexpected line from ics: ${line}`);
  const params = match[1].replace(/;(ROLE|PARTSTAT|CUTYPE)="([A-Z-]+)"/g, ';$1=$2');
  return `${params}${extraParams}:mailto:${match[2]}`;
}

function describeError(error: unknown): string {
  const e = error as { errors?: unknown[]; message?: string } | null;
  return e?.errors?.join('; ') || e?.message || String(error);
}

/** Stand-ins for the one attendee of a calendar built once and then written for each participant (personalize). */
export const ATTENDEE_PLACEHOLDER = { name: 'HOINGHI-ATTENDEE-NAME', email: 'hoinghi-attendee@placeholder.invalid' } as const;

/**
 * A calendar built with ATTENDEE_PLACEHOLDER as its only attendee, for this attendee: the same
 * bytes buildCalendar would write for them (ics quotes CN as is, after paramText).
 */
export function personalize(template: string, name: string, email: string): string {
  const from = `CN="${ATTENDEE_PLACEHOLDER.name}":mailto:${ATTENDEE_PLACEHOLDER.email}`;
  const to = `CN="${paramText(name) || email}":mailto:${email}`;
  const { before, attendee, after } = splitTemplate(template, from);
  return attendee === null ? template : before + foldLine(attendee.replace(from, () => to)) + after;
}

/** A template cut around its (unfolded) attendee line, remembered for the few templates in use. */
const templateParts = new Map<string, { before: string; attendee: string | null; after: string }>();
function splitTemplate(template: string, marker: string) {
  let parts = templateParts.get(template);
  if (!parts) {
    const lines = unfold(template).split(CRLF);
    const i = lines.findIndex((l) => l.includes(marker));
    parts = i < 0
      ? { before: template, attendee: null, after: '' }
      : { before: lines.slice(0, i).map(foldLine).join(CRLF) + CRLF, attendee: lines[i], after: CRLF + lines.slice(i + 1).map(foldLine).join(CRLF) };
    if (templateParts.size >= 200) templateParts.delete(templateParts.keys().next().value!);
    templateParts.set(template, parts);
  }
  return parts;
}
