import type { EventView } from '../../events/dto/event.dto';
import type { ParticipantRole, ParticipantStatus } from '../participants/participant.entity';
import { ATTENDEE_PLACEHOLDER, buildCalendar, type IcsAttendee, type IcsEvent, personalize } from './ics';

const ICS_ROLE: Record<ParticipantRole, IcsAttendee['role']> = {
  chair: 'CHAIR', speaker: 'REQ-PARTICIPANT', delegate: 'REQ-PARTICIPANT', trainee: 'REQ-PARTICIPANT', trainer: 'REQ-PARTICIPANT', technician: 'REQ-PARTICIPANT', guest: 'OPT-PARTICIPANT',
};
const PARTSTAT: Partial<Record<ParticipantStatus, IcsAttendee['partstat']>> = { accepted: 'ACCEPTED', declined: 'DECLINED', tentative: 'TENTATIVE', delegated: 'DELEGATED' };
/** How long a built calendar text serves (its DTSTAMP ages by at most this). */
const TEMPLATE_TTL_MS = 10_000;

/** What a participant's calendar entry needs. */
export interface CalendarSubject {
  /** `sequenceBump`: the attendee's own SEQUENCE on top of the event's (participant-lifecycle). */
  participant: { role: ParticipantRole; status: ParticipantStatus; sequenceBump: number };
  event: EventView;
  hostName: string;
  recipient: { name: string; email: string };
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

  /**
   * `sequence`: the attendee's SEQUENCE (default: the event's plus their own bump). `delegation`: the
   * e-mail this attendee passed the invitation to (their CANCEL says DELEGATED-TO) or got it from (a
   * substitute's REQUEST says DELEGATED-FROM), RFC 5545 §3.2.4/3.2.5.
   */
  forParticipant(
    method: 'REQUEST' | 'CANCEL',
    s: CalendarSubject,
    sequence = s.event.sequence + s.participant.sequenceBump,
    delegation: { to?: string | null; from?: string | null } = {},
  ): string {
    const role = ICS_ROLE[s.participant.role];
    const partstat = PARTSTAT[s.participant.status] ?? 'NEEDS-ACTION';
    const e = s.event;
    if (delegation.to || delegation.from) {
      // Rare (substitutes and those who sent one): written whole, not from the shared template.
      const attendee: IcsAttendee = { name: s.recipient.name, email: s.recipient.email, role, partstat, rsvp: method === 'REQUEST', delegatedTo: delegation.to, delegatedFrom: delegation.from };
      return buildCalendar(method, [this.icsEvent(e, s.hostName, [attendee], method === 'CANCEL' ? 'CANCELLED' : undefined, sequence)], { dtstamp: this.now() });
    }
    const key = `${e.id}:${e.sequence}:${e.status}:${new Date(e.updatedAt).getTime()}:${s.hostName}:${method}:${sequence}:${role}:${partstat}`;
    let hit = this.templates.get(key);
    if (!hit || hit.until <= Date.now()) {
      const attendee: IcsAttendee = { ...ATTENDEE_PLACEHOLDER, role, partstat, rsvp: method === 'REQUEST' };
      const template = buildCalendar(method, [this.icsEvent(e, s.hostName, [attendee], method === 'CANCEL' ? 'CANCELLED' : undefined, sequence)], { dtstamp: this.now() });
      hit = { until: Date.now() + TEMPLATE_TTL_MS, template };
      this.templates.set(key, hit);
      if (this.templates.size > 200) this.templates.delete(this.templates.keys().next().value!);
    }
    return personalize(hit.template, s.recipient.name, s.recipient.email);
  }

  /** PUBLISH calendars: one event's download, or a person's feed. */
  publish(events: { event: EventView; hostName: string }[], calendarName: string): string {
    return buildCalendar('PUBLISH', events.map((x) => this.icsEvent(x.event, x.hostName, [])), { dtstamp: this.now(), calendarName });
  }

  private icsEvent(e: EventView, hostName: string, attendees: IcsAttendee[], status?: IcsEvent['status'], sequence = e.sequence): IcsEvent {
    const place = [e.venueName, e.venueAddress].filter(Boolean).join(', ');
    return {
      uid: e.icalUid,
      sequence,
      status: status ?? (e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'),
      title: e.title,
      description: [e.description, e.publicSummary].filter(Boolean).join('\n\n') || null,
      location: place || null,
      url: e.onlineUrl,
      sessions: (e.sessions ?? []).map((x) => ({ startsAt: new Date(x.startsAt), endsAt: new Date(x.endsAt), title: x.title })),
      organizer: { name: hostName, email: this.organizerEmail },
      attendees,
      lastModified: new Date(e.updatedAt),
    };
  }
}
