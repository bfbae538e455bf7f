import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SYSTEM_PRINCIPAL } from '../../common/auth/principal';
import type { AppConfig } from '../../config/env';
import { AgendaService } from '../../events/agenda/agenda.service';
import type { EventView } from '../../events/dto/event.dto';
import { EventsService } from '../../events/events.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import type { EventView as MailEventView } from '../content/mail-content';
import type { Participant } from './participant.entity';
import { type ParticipantSite, ParticipantSites } from './participant-sites';
import { ParticipantsRepository } from './participants.repository';

/** How long an event's part may serve before it is read again even if unchanged (its agenda, in its own table, may have moved). */
const EVENT_PART_TTL_MS = 10_000;

export type EventPart = Pick<InvitationContext, 'event' | 'hostName' | 'mailEvent'>;

/** Everything needed to write one participant's calendar entry, mail or page, read fresh from the modules. */
export interface InvitationContext {
  participant: Participant;
  event: EventView;
  recipient: { name: string; title: string | null; email: string };
  hostName: string;
  mailEvent: MailEventView;
  /** The bridge point this participant attends from (online and hybrid events), with its join details. */
  site: ParticipantSite | null;
}

/**
 * Reads a participant's invitation context: the participant, the person its mail goes to (an
 * agency's contact or leader) and the event as invitations show it. Used by the mail handlers and
 * the public pages alike.
 */
@Injectable()
export class InvitationContexts {
  private readonly eventParts = new Map<string, { version: string; at: number; value: Promise<EventPart> }>();
  private readonly from: string;

  constructor(
    private readonly repo: ParticipantsRepository,
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly sites: ParticipantSites,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.from = config.get('mailFrom', { infer: true });
  }

  /**
   * The participant (any kind) with the event and its recipient, or null when the participant is
   * gone. `recipient.email` is empty when there is no address: the links still work, only mail cannot go out.
   */
  async get(participantId: string): Promise<InvitationContext | null> {
    const row = await this.repo.context(participantId, this.sites.hasSiteSql('p.id'));
    if (!row) return null;
    const { toName, toTitle, toEmail, eventVersion, hasSite, ...p } = row;
    const leader = p.kind === 'agency' && !p.contactPersonId ? (await this.people.leadersWithEmail([p.organizationId!])).get(p.organizationId!) : undefined;
    const part = await this.eventPart(p.eventId, eventVersion);
    const recipient = leader ? { name: leader.fullName, title: leader.title, email: leader.email ?? '' } : { name: toName ?? '', title: toTitle, email: toEmail ?? '' };
    // (Asked only of a participant at a point: none of an event without points costs a query.)
    const site = hasSite && part.event.format !== 'in_person' && p.kind === 'person' ? await this.sites.of(participantId) : null;
    return { participant: p as Participant, ...part, recipient, site };
  }

  /** The event as invitations show it at `version` (the version a statement of this request read), from the cache when it has it. */
  eventPartOf(eventId: string, version: string): Promise<EventPart> {
    return this.eventPart(eventId, version);
  }

  /**
   * The event as every invitation of it shows it, built once per version: 10,000 mails of one event
   * read it once, not 10,000 times. The version (the event's `updated_at`, `sequence` and status,
   * which every change of time, place or sessions moves) comes with the participant's row; the
   * agenda is at most EVENT_PART_TTL_MS old.
   */
  private async eventPart(eventId: string, version: string): Promise<EventPart> {
    const cached = this.eventParts.get(eventId);
    if (cached && cached.version === version && Date.now() - cached.at < EVENT_PART_TTL_MS) return cached.value;
    const value = this.buildEventPart(eventId);
    if (this.eventParts.size >= 200) this.eventParts.delete(this.eventParts.keys().next().value!);
    this.eventParts.set(eventId, { version, at: Date.now(), value });
    value.catch(() => this.eventParts.delete(eventId));
    return value;
  }

  private async buildEventPart(eventId: string): Promise<EventPart> {
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
