import { Injectable } from '@nestjs/common';
import { InvitationsError } from '../invitations.errors';
import { ApiError } from '../../common/errors/api-error';
import { Clock } from '../../common/time/clock';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';
import { AuditService } from '../../events/audit.service';
import { EventsService } from '../../events/events.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import type { NominateDto } from '../participants/dto/participant.dto';
import type { InvitationContext } from '../participants/invitation-context';
import { InvitationOutbox } from '../participants/invitation-outbox';
import { ACTIVE_STATUSES, startOver } from '../participants/participant-lifecycle';
import { ParticipantsRepository } from '../participants/participants.repository';
import { linkActor, REFUSAL, RsvpService, unknownLink } from './rsvp.service';

export interface NominationView {
  participantId: string;
  agencyName: string;
  quota: number;
  nominees: { participantId: string; fullName: string; email: string | null; status: string }[];
  canNominate: boolean;
  event: InvitationContext['event'];
  mailEvent: InvitationContext['mailEvent'];
}

/** An agency's contact naming who will attend for it (`/nominate/:token`), up to its quota. */
@Injectable()
export class NominationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ParticipantsRepository,
    private readonly rsvp: RsvpService,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly outbox: InvitationOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<NominationView> {
    const ctx = await this.rsvp.open('nominate', token);
    const p = ctx.participant;
    const rows = await this.repo.nomineesOf(p.id, [...ACTIVE_STATUSES, 'declined']);
    const people = await this.people.byIds(rows.map((r) => r.personId!));
    const names = await this.organizations.namesByIds([p.organizationId!]);
    return {
      participantId: p.id,
      agencyName: names.get(p.organizationId!) ?? '',
      quota: p.quota!,
      nominees: rows.map((r) => ({ participantId: r.id, fullName: people.get(r.personId!)?.fullName ?? '', email: people.get(r.personId!)?.email ?? null, status: r.status })),
      canNominate: this.rsvp.canAnswer(ctx),
      event: ctx.event,
      mailEvent: ctx.mailEvent,
    };
  }

  /**
   * Names attendees for an agency, up to its quota, all or nothing. Each nominee (an existing
   * person by e-mail, or a new one in the agency) becomes a participant and gets an invitation.
   * Naming someone already nominated again changes nothing.
   */
  async nominate(token: string, dto: NominateDto): Promise<NominationView> {
    const ctx = await this.rsvp.open('nominate', token);
    if (!this.rsvp.canAnswer(ctx)) throw new ApiError(409, 'Nominations are closed: the event has started or is cancelled', [{ field: 'nominees', message: REFUSAL.closed }], InvitationsError.AnswersClosed);
    const actor = linkActor(ctx);
    await this.uow.run(async () => {
      const agency = await this.repo.lock(ctx.participant.id);
      if (!agency || agency.status === 'removed') throw unknownLink();
      const [event] = await this.events.findByIds([agency.eventId]);
      const seen = new Set<string>();
      const fresh: string[] = [];
      for (const [i, n] of dto.nominees.entries()) {
        if (seen.has(n.email)) throw new ApiError(400, 'The same person twice', [{ field: `nominees.${i}.email`, message: 'appears twice' }]);
        seen.add(n.email);
        const person = await this.people.findOrCreateByEmail({ ...n, organizationId: agency.organizationId! });
        const existing = await this.repo.findOne({ eventId: agency.eventId, personId: person.id });
        if (existing && existing.status !== 'removed') {
          if (existing.nominatedById === agency.id) continue;
          throw new ApiError(409, `${n.email} is already invited to this event`, [{ field: `nominees.${i}.email`, message: REFUSAL.alreadyParticipant }], InvitationsError.AlreadyParticipant);
        }
        if (existing) {
          await this.repo.update(existing.id, { ...startOver(), role: agency.role, nominatedById: agency.id, delegatedFromId: null });
          fresh.push(existing.id);
        } else {
          fresh.push(...(await this.repo.insert([{ eventId: agency.eventId, kind: 'person', personId: person.id, role: agency.role, nominatedById: agency.id }])));
        }
      }
      const n = (await this.repo.seatsTaken([agency.id])).get(agency.id) ?? 0;
      if (n > agency.quota!) {
        // (How many are still free is in the message; the detail says why, for the page.)
        throw new ApiError(409, `The agency may name ${agency.quota} attendees; this would make ${n} (at most ${agency.quota! - (n - fresh.length)} more)`, [{ field: 'nominees', message: REFUSAL.quotaFull }], InvitationsError.QuotaFull);
      }
      if (fresh.length) {
        await this.repo.update(agency.id, { status: 'accepted', respondedAt: this.clock.now() });
        for (const id of fresh) await this.audit.record(actor, { entityType: 'participant', entityId: id, eventId: agency.eventId, action: 'nominated', changes: { nominatedBy: agency.id } });
        await this.outbox.invitations(event, fresh);
      }
    });
    return this.view(token);
  }
}
