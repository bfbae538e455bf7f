import { translator } from '../../common/i18n/i18n';
import type { EventView } from '../../events/dto/event.dto';
import type { BridgePointView } from '../content/event-view';
import { invitationMessages } from '../content/messages';
import type { ParticipantRole, ParticipantStatus } from '../participants/participant.entity';
import { type CalendarEntry, calendarEntries, entryUid, type IcsSession, type UntitledSession } from './entries';
import { ATTENDEE_PLACEHOLDER, buildCalendar, type IcsAttendee, type IcsEvent, personalize } from './ics';

const ICS_ROLE: Record<ParticipantRole, IcsAttendee['role']> = {
  chair: 'CHAIR', speaker: 'REQ-PARTICIPANT', delegate: 'REQ-PARTICIPANT', trainee: 'REQ-PARTICIPANT', trainer: 'REQ-PARTICIPANT', technician: 'REQ-PARTICIPANT', guest: 'OPT-PARTICIPANT',
};
const PARTSTAT: Partial<Record<ParticipantStatus, IcsAttendee['partstat']>> = { accepted: 'ACCEPTED', declined: 'DECLINED', tentative: 'TENTATIVE', delegated: 'DELEGATED' };
/** How long a built calendar text serves (its DTSTAMP ages by at most this). */
const TEMPLATE_TTL_MS = 10_000;
/** SUMMARY of an untitled session's own entry: "… – buổi 2/3" (calendar entries are written in Vietnamese). */
const t = translator(invitationMessages, 'vi');
const untitled: UntitledSession = (position, count) => t('session.untitled', { position, count });

/**
 * Which entry of the event a message carries: its position (1 = the first, the event's own UID), or
 * an entry the event no longer has (its session dropped): position, count and session as the attendee had them.
 */
export type EntryRef = number | { position: number; count: number; session: IcsSession };

export interface ParticipantCalendarOptions {
  /** The attendee's SEQUENCE (default: the event's plus their own bump). */
  sequence?: number;
  /**
   * The e-mail this attendee passed the invitation to (their CANCEL says DELEGATED-TO) or got it from
   * (a substitute's REQUEST says DELEGATED-FROM), RFC 5545 §3.2.4/3.2.5.
   */
  delegation?: { to?: string | null; from?: string | null };
  entry?: EntryRef;
}

/** What a participant's calendar entry needs. */
export interface CalendarSubject {
  /** `sequenceBump`: the attendee's own SEQUENCE on top of the event's (participant-lifecycle). */
  participant: { role: ParticipantRole; status: ParticipantStatus; sequenceBump: number };
  event: EventView;
  hostName: string;
  recipient: { name: string; email: string };
  /** The attendee's bridge point: their LOCATION, join link and meeting details instead of the event's. */
  site?: BridgePointView | null;
}

/**
 * A participant's own iCalendar object (the event with them as the attendee), and the plain event
 * for downloads and feeds. No database: built from the event view; the text is cut once per event
 * version, method, role and answer and then personalized per recipient (the hot path of a send).
 */
export class ParticipantCalendar {
  private readonly templates = new Map<string, { until: number; template: string }>();

  /** `organizerEmail`: MAIL_FROM, where iTIP replies would go; `now`: DTSTAMP. */
  constructor(
    private readonly organizerEmail: string,
    private readonly now: () => Date,
  ) {}

  /** The event's calendar entries (entries.ts): one, or one per session. */
  entries(e: Pick<EventView, 'icalUid' | 'title' | 'sessions'>): CalendarEntry[] {
    return calendarEntries({ uid: e.icalUid, title: e.title, sessions: sessionsOf(e) }, untitled);
  }

  /**
   * One calendar entry of the event (the first unless `entry` says), with this participant as the
   * attendee, for an iTIP REQUEST or CANCEL; null when the event has no such entry.
   */
  forParticipant(method: 'REQUEST' | 'CANCEL', s: CalendarSubject, options: ParticipantCalendarOptions = {}): string | null {
    const { sequence = s.event.sequence + s.participant.sequenceBump, delegation = {}, entry: ref = 1 } = options;
    const entry = this.entry(s.event, ref);
    if (!entry) return null;
    const role = ICS_ROLE[s.participant.role];
    const partstat = PARTSTAT[s.participant.status] ?? 'NEEDS-ACTION';
    const e = s.event;
    const status = method === 'CANCEL' ? 'CANCELLED' : undefined;
    if (delegation.to || delegation.from) {
      // Rare (substitutes and those who sent one): written whole, not from the shared template.
      const attendee: IcsAttendee = { name: s.recipient.name, email: s.recipient.email, role, partstat, rsvp: method === 'REQUEST', delegatedTo: delegation.to, delegatedFrom: delegation.from };
      return buildCalendar(method, [this.icsEvent(e, s.hostName, [attendee], entry, status, sequence, s.site)], { dtstamp: this.now() });
    }
    const site = s.site ? JSON.stringify(s.site) : '';
    const key = `${e.id}:${e.sequence}:${e.status}:${new Date(e.updatedAt).getTime()}:${s.hostName}:${method}:${sequence}:${role}:${partstat}:${entry.uid}:${entry.sessions[0].startsAt.getTime()}:${site}`;
    let hit = this.templates.get(key);
    if (!hit || hit.until <= Date.now()) {
      const attendee: IcsAttendee = { ...ATTENDEE_PLACEHOLDER, role, partstat, rsvp: method === 'REQUEST' };
      const template = buildCalendar(method, [this.icsEvent(e, s.hostName, [attendee], entry, status, sequence, s.site)], { dtstamp: this.now() });
      hit = { until: Date.now() + TEMPLATE_TTL_MS, template };
      this.templates.set(key, hit);
      if (this.templates.size > 200) this.templates.delete(this.templates.keys().next().value!);
    }
    return personalize(hit.template, s.recipient.name, s.recipient.email);
  }

  /** PUBLISH calendars (one event's download, or a person's feed): every entry of every event, without attendees. */
  publish(events: { event: EventView; hostName: string }[], calendarName: string): string {
    const vevents = events.flatMap((x) => this.entries(x.event).map((entry) => this.icsEvent(x.event, x.hostName, [], entry)));
    return buildCalendar('PUBLISH', vevents, { dtstamp: this.now(), calendarName });
  }

  private entry(e: EventView, ref: EntryRef): CalendarEntry | undefined {
    if (typeof ref === 'number') return this.entries(e)[ref - 1];
    const { position, count, session } = ref;
    return { position, count, uid: entryUid(e.icalUid, position), title: `${e.title} – ${session.title?.trim() || untitled(position, count)}`, sessions: [session] };
  }

  private icsEvent(e: EventView, hostName: string, attendees: IcsAttendee[], entry: CalendarEntry, status?: IcsEvent['status'], sequence = e.sequence, site?: BridgePointView | null): IcsEvent {
    const place = site ? [site.name, site.address].filter(Boolean).join(', ') : [e.venueName, e.venueAddress].filter(Boolean).join(', ');
    const join = site ? siteDetails(site) : null;
    return {
      uid: entry.uid,
      sequence,
      status: status ?? (e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'),
      title: entry.title,
      description: [join, e.description, e.publicSummary].filter(Boolean).join('\n\n') || null,
      location: place || null,
      url: site?.joinUrl || e.onlineUrl,
      sessions: entry.sessions,
      organizer: { name: hostName, email: this.organizerEmail },
      attendees,
      lastModified: new Date(e.updatedAt),
    };
  }
}

function sessionsOf(e: Pick<EventView, 'sessions'>): IcsSession[] {
  return (e.sessions ?? []).map((x) => ({ startsAt: new Date(x.startsAt), endsAt: new Date(x.endsAt), title: x.title }));
}

/** The point's join details as the calendar entry's description opens with them (Vietnamese, like all calendar text). */
function siteDetails(site: BridgePointView): string {
  return [
    `${t('label.bridgePoint')}: ${[site.name, site.address].filter(Boolean).join(', ')}`,
    site.joinUrl ? `${t('label.onlineUrl')}: ${site.joinUrl}` : null,
    site.dialString ? `${t('label.dialString')}: ${site.dialString}` : null,
    site.meetingId ? `${t('label.meetingId')}: ${site.meetingId}` : null,
    site.passcode ? `${t('label.passcode')}: ${site.passcode}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}
