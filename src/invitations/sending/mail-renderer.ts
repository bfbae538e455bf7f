import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SYSTEM_PRINCIPAL } from '../../common/auth/principal';
import type { Locale } from '../../common/i18n/i18n';
import type { AppConfig } from '../../config/env';
import { AgendaService } from '../../events/agenda/agenda.service';
import type { EventView } from '../../events/dto/event.dto';
import type { EventFormat } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import type { EventChangeSignal } from '../../events/signals';
import type { OutgoingMail } from '../../mail/mail.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import { ATTENDEE_PLACEHOLDER, buildCalendar, type IcsAttendee, type IcsEvent, personalize } from '../calendar/ics';
import { type EventChange, type EventView as MailEventView, type MailContent, renderMail, type RsvpLinks } from '../content/mail-content';
import type { Participant, ParticipantRole, ParticipantStatus } from '../participants/participant.entity';
import { Participant as ParticipantEntity } from '../participants/participant.entity';
import { LinkTokens } from '../public/tokens';

/** A mail job's payload (outbox row): who, what kind of mail, for which version of the event. */
export interface MailJob {
  participantId: string;
  type: 'request' | 'cancel' | 'nomination' | 'reminder';
  /** The participant's invitation round when the job was written; a job of an earlier round is stale. */
  round: number;
  sequence: number;
  offsetMinutes?: number;
  startsAt?: string;
  /** For an update: what changed, with the values before. */
  changes?: EventChangeSignal[];
}

/** The events module's change signal as the update mail words it. */
function mailChanges(changes: EventChangeSignal[] = []): EventChange[] {
  return changes.map((c): EventChange => {
    switch (c.field) {
      case 'time':
        return { field: 'time', before: c.before.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), title: s.title })) };
      case 'venue':
        return { field: 'venue', before: c.before };
      case 'onlineUrl':
        return { field: 'onlineUrl', before: c.before };
      case 'format':
        return { field: 'format', before: c.before as EventFormat };
    }
  });
}

const ICS_ROLE: Record<ParticipantRole, IcsAttendee['role']> = {
  chair: 'CHAIR', speaker: 'REQ-PARTICIPANT', delegate: 'REQ-PARTICIPANT', trainee: 'REQ-PARTICIPANT', trainer: 'REQ-PARTICIPANT', technician: 'REQ-PARTICIPANT', guest: 'OPT-PARTICIPANT',
};
const PARTSTAT: Partial<Record<ParticipantStatus, IcsAttendee['partstat']>> = { accepted: 'ACCEPTED', declined: 'DECLINED', tentative: 'TENTATIVE', delegated: 'DELEGATED' };
const VISIBLE = new Set(['scheduled', 'in_progress']);
/** How long an event's rendered part may serve mails before it is read again even if unchanged (its agenda may have moved). */
const EVENT_PART_TTL_MS = 10_000;

/** Everything needed to write one participant's calendar entry and mail, read fresh from the modules. */
export interface InvitationContext {
  participant: Participant;
  event: EventView;
  recipient: { name: string; title: string | null; email: string };
  hostName: string;
  mailEvent: MailEventView;
}

/**
 * Renders a mail job against the current state (participant, event, sessions, agenda) — never
 * from what the job was written with — and returns null when the job has become stale: an
 * invitation for an older SEQUENCE, a reminder for a start time that moved, a participant removed.
 */
@Injectable()
export class InvitationMailer {
  readonly tokens: LinkTokens;
  private readonly eventParts = new Map<string, { version: string; at: number; value: Promise<Pick<InvitationContext, 'event' | 'hostName' | 'mailEvent'>> }>();
  private readonly base: string;
  private readonly from: string;

  constructor(
    @InjectRepository(ParticipantEntity) private readonly participants: Repository<Participant>,
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.tokens = new LinkTokens(config.get('jwtSecret', { infer: true }));
    this.base = config.get('publicBaseUrl', { infer: true });
    this.from = config.get('mailFrom', { infer: true });
  }

  links(participantId: string): RsvpLinks {
    const page = `${this.base}/rsvp/${this.tokens.issue('rsvp', participantId)}`;
    return { page, accept: `${page}?answer=accepted`, decline: `${page}?answer=declined`, tentative: `${page}?answer=tentative`, substitute: `${page}?answer=delegated`, ics: `${page}/event.ics` };
  }

  nominateUrl(participantId: string): string {
    return `${this.base}/nominate/${this.tokens.issue('nominate', participantId)}`;
  }

  feedUrl(personId: string): string {
    return `${this.base}/calendar/${this.tokens.issue('feed', personId)}.ics`;
  }

  async render(job: MailJob, locale: Locale = 'vi'): Promise<OutgoingMail | null> {
    const ctx = await this.context(job.participantId);
    if (!ctx) return null;
    // Retried and then shown to the organizer as the participant's delivery error.
    if (!ctx.recipient.email) throw new Error('No e-mail address for this participant (or the agency has no contact with one)');
    const { participant: p, event } = ctx;
    const live = VISIBLE.has(event.status);
    if ((job.round ?? 0) !== p.invitationRound) return null; // the invitation started over since
    let content: MailContent;
    let calendar: OutgoingMail['calendar'];
    switch (job.type) {
      case 'request': {
        if (!live || job.sequence !== event.sequence || ['removed', 'declined', 'delegated'].includes(p.status)) return null;
        const common = { locale, recipient: { name: ctx.recipient.name, title: ctx.recipient.title }, event: ctx.mailEvent, role: p.role, links: this.links(p.id) };
        const firstMail = p.invitedAt === null;
        if (firstMail && p.delegatedFromId) {
          const [original] = await this.participants.find({ where: { id: p.delegatedFromId }, take: 1 });
          const by = original?.personId ? (await this.people.byIds([original.personId])).get(original.personId) : undefined;
          content = renderMail({ type: 'substituteInvitation', ...common, delegatedBy: { name: by?.fullName ?? '', title: by?.title } });
        } else {
          // A participant added after the first send gets a plain invitation, not an "update".
          content = renderMail(firstMail ? { type: 'invitation', ...common } : { type: 'update', ...common, changes: mailChanges(job.changes) });
        }
        calendar = { method: 'REQUEST', content: this.calendar('REQUEST', ctx) };
        break;
      }
      case 'cancel': {
        // Only while it still holds: not for someone invited again meanwhile.
        if (event.status !== 'cancelled' && !['removed', 'declined', 'delegated'].includes(p.status)) return null;
        const scope = event.status === 'cancelled' ? 'event' : 'participant';
        content = renderMail({ type: 'cancellation', locale, recipient: { name: ctx.recipient.name, title: ctx.recipient.title }, event: ctx.mailEvent, scope });
        calendar = { method: 'CANCEL', content: this.calendar('CANCEL', ctx, job.sequence) };
        break;
      }
      case 'nomination': {
        if (!live || p.status === 'removed' || p.kind !== 'agency') return null;
        const nominated = await this.participants.count({ where: { nominatedById: p.id } });
        content = renderMail({
          type: 'nominationRequest', locale, recipient: { name: ctx.recipient.name, title: ctx.recipient.title }, event: ctx.mailEvent,
          agency: { name: (await this.organizations.namesByIds([p.organizationId!])).get(p.organizationId!) ?? '' },
          quota: p.quota ?? 1, nominatedCount: nominated, links: { nominate: this.nominateUrl(p.id) },
        });
        break;
      }
      case 'reminder': {
        const answer = p.status;
        if (!live || (answer !== 'accepted' && answer !== 'tentative') || job.startsAt !== new Date(event.startsAt).toISOString() || Date.now() >= new Date(event.startsAt).getTime()) return null;
        content = renderMail({ type: 'reminder', locale, recipient: { name: ctx.recipient.name, title: ctx.recipient.title }, event: ctx.mailEvent, role: p.role, links: this.links(p.id), answer });
        break;
      }
    }
    return {
      to: { name: ctx.recipient.name, address: ctx.recipient.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      ...(calendar ? { calendar } : {}),
      references: `<${event.icalUid}>`,
      headers: { 'X-Hoinghi-Participant': p.id, 'X-Hoinghi-Event-Sequence': String(job.sequence) },
    };
  }

  /** The participant's own iCalendar object: the event with this participant as the attendee. */
  calendar(method: 'REQUEST' | 'CANCEL', ctx: InvitationContext, sequence = ctx.event.sequence): string {
    const p = ctx.participant;
    const role = ICS_ROLE[p.role];
    const partstat = PARTSTAT[p.status] ?? 'NEEDS-ACTION';
    const e = ctx.event;
    // Built with ics once per event version, method, role and answer (at most EVENT_PART_TTL_MS old, for DTSTAMP), then written per participant.
    const key = `${e.id}:${e.sequence}:${e.status}:${new Date(e.updatedAt).getTime()}:${ctx.hostName}:${method}:${sequence}:${role}:${partstat}`;
    let hit = this.calendars.get(key);
    if (!hit || hit.until <= Date.now()) {
      const attendee: IcsAttendee = { ...ATTENDEE_PLACEHOLDER, role, partstat, rsvp: method === 'REQUEST' };
      const template = buildCalendar(method, [this.icsEvent(e, ctx.hostName, [attendee], method === 'CANCEL' ? 'CANCELLED' : undefined, sequence)], { dtstamp: new Date() });
      hit = { until: Date.now() + EVENT_PART_TTL_MS, template };
      this.calendars.set(key, hit);
      if (this.calendars.size > 200) this.calendars.delete(this.calendars.keys().next().value!);
    }
    return personalize(hit.template, ctx.recipient.name, ctx.recipient.email);
  }
  private readonly calendars = new Map<string, { until: number; template: string }>();

  icsEvent(e: EventView, hostName: string, attendees: IcsAttendee[], status?: IcsEvent['status'], sequence = e.sequence): IcsEvent {
    const place = [e.venueName, e.venueAddress].filter(Boolean).join(', ');
    return {
      uid: e.icalUid,
      sequence,
      status: status ?? (e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'),
      title: e.title,
      description: [e.description, e.publicSummary].filter(Boolean).join('\n\n') || null,
      location: place || null,
      url: e.onlineUrl,
      sessions: (e.sessions ?? []).map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), title: s.title })),
      organizer: { name: hostName, email: this.from },
      attendees,
      lastModified: new Date(e.updatedAt),
    };
  }

  /**
   * The participant (any kind) with the event and the person its mail goes to (an agency's contact),
   * or null when the participant is gone. `recipient.email` is empty when there is no address: the
   * links still work, only mail cannot go out.
   */
  async context(participantId: string): Promise<InvitationContext | null> {
    // One plain query per mail (the hot path of a 10,000-invitation send): the participant, the
    // person its mail goes to (an agency's contact) and its event's version, which says whether the
    // cached part of the event is current.
    const [row]: (Participant & { toName: string | null; toTitle: string | null; toEmail: string | null; eventVersion: string })[] = await this.participants.query(
      `SELECT p.id, p.event_id AS "eventId", p.kind, p.person_id AS "personId", p.organization_id AS "organizationId", p.quota,
              p.contact_person_id AS "contactPersonId", p.role, p.status, p.nominated_by_id AS "nominatedById", p.delegated_from_id AS "delegatedFromId",
              p.last_sent_sequence AS "lastSentSequence", p.invitation_round AS "invitationRound", p.invited_at AS "invitedAt",
              p.responded_at AS "respondedAt", p.response_note AS "responseNote", p.last_error AS "lastError", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
              to_p.full_name AS "toName", to_p.title AS "toTitle", to_p.email AS "toEmail",
              e.updated_at::text || ':' || e.sequence || ':' || e.status AS "eventVersion"
         FROM participants p
         JOIN events e ON e.id = p.event_id
         LEFT JOIN people to_p ON to_p.id = CASE WHEN p.kind = 'person' THEN p.person_id ELSE p.contact_person_id END
        WHERE p.id = $1`,
      [participantId],
    );
    if (!row) return null;
    const { toName, toTitle, toEmail, eventVersion, ...p } = row;
    const leader = p.kind === 'agency' && !p.contactPersonId ? (await this.people.leadersWithEmail([p.organizationId!])).get(p.organizationId!) : undefined;
    const part = await this.eventPart(p.eventId, eventVersion);
    const recipient = leader ? { name: leader.fullName, title: leader.title, email: leader.email ?? '' } : { name: toName ?? '', title: toTitle, email: toEmail ?? '' };
    return { participant: p as Participant, ...part, recipient };
  }


  /**
   * The event as every invitation of it shows it, built once per version: 10,000 mails of one event
   * read it once, not 10,000 times. The version is the event row's `updated_at` and `sequence` (a
   * change of time, place or sessions moves both, in the transaction that makes it), checked with
   * one indexed read per mail; the agenda, which lives in its own table, is at most EVENT_PART_TTL_MS old.
   */
  private async eventPart(eventId: string, version: string): Promise<Pick<InvitationContext, 'event' | 'hostName' | 'mailEvent'>> {
    const cached = this.eventParts.get(eventId);
    if (cached && cached.version === version && Date.now() - cached.at < EVENT_PART_TTL_MS) return cached.value;
    const value = this.buildEventPart(eventId);
    if (this.eventParts.size >= 200) this.eventParts.delete(this.eventParts.keys().next().value!);
    this.eventParts.set(eventId, { version, at: Date.now(), value });
    value.catch(() => this.eventParts.delete(eventId));
    return value;
  }

  private async buildEventPart(eventId: string): Promise<Pick<InvitationContext, 'event' | 'hostName' | 'mailEvent'>> {
    const event = await this.events.get(SYSTEM_PRINCIPAL, eventId);
    const [hosts, agenda] = await Promise.all([this.organizations.namesByIds([event.hostOrganizationId]), this.agenda.get(SYSTEM_PRINCIPAL, event.id)]);
    const speakers = await this.people.byIds(agenda.items.flatMap((i) => (i.speakerPersonId ? [i.speakerPersonId] : [])));
    const hostName = hosts.get(event.hostOrganizationId) ?? '';
    const mailEvent: MailEventView = {
      title: event.title,
      kind: event.kind,
      format: event.format,
      sessions: (event.sessions ?? []).map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), title: s.title })),
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      onlineUrl: event.onlineUrl,
      hostName,
      organizerContact: { name: hostName, email: this.from },
      agenda: agenda.items.map((i) => {
        const sp = i.speakerPersonId ? speakers.get(i.speakerPersonId) : undefined;
        return { startsAt: i.startsAt ? new Date(i.startsAt) : null, title: i.title, type: i.type, speaker: sp ? [sp.fullName, sp.title].filter(Boolean).join(' – ') : i.speakerName };
      }),
      description: event.description,
    };
    return { event, hostName, mailEvent };
  }

}
