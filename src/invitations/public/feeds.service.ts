import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { notFound } from '../../common/errors/api-error';
import { Clock } from '../../common/time/clock';
import { EventsService } from '../../events/events.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import { ParticipantCalendar } from '../calendar/participant-calendar';
import { ParticipantsRepository } from '../participants/participants.repository';
import { InvitationLinks } from './links';

/** Calendar files: an event's `.ics` download, and a person's subscription feed of every event they are invited to. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly repo: ParticipantsRepository,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly calendar: ParticipantCalendar,
    private readonly links: InvitationLinks,
    private readonly clock: Clock,
  ) {}

  /** The event as a PUBLISH calendar (for organizers and anyone who may read it). */
  async eventIcs(principal: Principal, eventId: string): Promise<string> {
    const event = await this.events.get(principal, eventId);
    const hosts = await this.organizations.namesByIds([event.hostOrganizationId]);
    return this.calendar.publish([{ event, hostName: hosts.get(event.hostOrganizationId) ?? '' }], event.title);
  }

  /** The subscription URL of a person's feed (shown to organizers, who pass it on). */
  async feedUrl(principal: Principal, personId: string): Promise<{ url: string }> {
    await this.people.getInScope(principal, personId);
    return { url: this.links.feed(personId) };
  }

  /**
   * A person's feed: every event they are invited to and have not declined, withdrawn or passed on,
   * from a year back; cancelled ones stay listed as CANCELLED so subscribed calendars drop them.
   */
  async personFeed(token: string): Promise<string> {
    const personId = this.links.verify('feed', token);
    const person = personId ? (await this.people.byIds([personId])).get(personId) : undefined;
    if (!person) throw notFound('Calendar feed');
    const events = await this.events.viewsByIds(await this.repo.feedEventIds(person.id, this.clock.now()));
    const hosts = await this.organizations.namesByIds(events.map((e) => e.hostOrganizationId));
    return this.calendar.publish(events.map((event) => ({ event, hostName: hosts.get(event.hostOrganizationId) ?? '' })), `hoinghi – ${person.fullName}`);
  }
}
