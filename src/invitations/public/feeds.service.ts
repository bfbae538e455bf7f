import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { notFound } from '../../common/errors/api-error';
import { EventsService } from '../../events/events.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import { buildCalendar } from '../calendar/ics';
import { InvitationMailer } from '../sending/mail-renderer';

/** Calendar files: an event's `.ics` download, and a person's subscription feed of every event they are invited to. */
@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly mailer: InvitationMailer,
  ) {}

  /** The event as a PUBLISH calendar (for organizers and anyone who may read it). */
  async eventIcs(principal: Principal, eventId: string): Promise<string> {
    const event = await this.events.get(principal, eventId);
    const hosts = await this.organizations.namesByIds([event.hostOrganizationId]);
    return buildCalendar('PUBLISH', [this.mailer.icsEvent(event, hosts.get(event.hostOrganizationId) ?? '', [])], { dtstamp: new Date(), calendarName: event.title });
  }

  /** The subscription URL of a person's feed (shown to organizers, who pass it on). */
  async feedUrl(principal: Principal, personId: string): Promise<{ url: string }> {
    await this.people.getInScope(principal, personId);
    return { url: this.mailer.feedUrl(personId) };
  }

  /**
   * A person's feed: every event they are invited to and have not declined, withdrawn or passed on,
   * from a year back; cancelled ones stay listed as CANCELLED so subscribed calendars drop them.
   */
  async personFeed(token: string): Promise<string> {
    const personId = this.mailer.tokens.verify('feed', token);
    const person = personId ? (await this.people.byIds([personId])).get(personId) : undefined;
    if (!person) throw notFound('Calendar feed');
    const rows: { event_id: string }[] = await this.db.query(
      `SELECT p.event_id FROM participants p JOIN events e ON e.id = p.event_id
        WHERE p.person_id = $1 AND p.status NOT IN ('removed', 'declined', 'delegated') AND e.status <> 'draft' AND e.ends_at > now() - interval '1 year'
        ORDER BY e.starts_at LIMIT 500`,
      [person.id],
    );
    const events = await this.events.viewsByIds(rows.map((r) => r.event_id));
    const hosts = await this.organizations.namesByIds(events.map((e) => e.hostOrganizationId));
    return buildCalendar('PUBLISH', events.map((e) => this.mailer.icsEvent(e, hosts.get(e.hostOrganizationId) ?? '', [])), {
      dtstamp: new Date(),
      calendarName: `hoinghi – ${person.fullName}`,
    });
  }
}
