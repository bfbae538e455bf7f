import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ApiError, type ErrorDetail, notFound } from '../../common/errors/api-error';
import { EventsService } from '../../events/events.service';
import { JobsService } from '../../jobs/jobs.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import type { NominateDto, RsvpDto } from '../participants/dto/participant.dto';
import { InvitationJobs } from '../participants/invitation-outbox';
import { type InvitationContext, InvitationMailer } from '../sending/mail-renderer';
import { Participant, SEAT_SQL, SEAT_STATUSES } from '../participants/participant.entity';
import { ParticipantsService } from '../participants/participants.service';

/** What the public RSVP page and `GET /api/rsvp/:token` show. */
export interface RsvpView {
  participantId: string;
  status: Participant['status'];
  role: Participant['role'];
  fullName: string;
  responseNote: string | null;
  /** Answers can change until the first session starts. */
  canAnswer: boolean;
  substitute: { fullName: string; email: string | null } | null;
  event: InvitationContext['event'];
  hostName: string;
  mailEvent: InvitationContext['mailEvent'];
}

export interface NominationView {
  participantId: string;
  agencyName: string;
  quota: number;
  nominees: { participantId: string; fullName: string; email: string | null; status: string }[];
  canNominate: boolean;
  event: InvitationContext['event'];
  mailEvent: InvitationContext['mailEvent'];
}

const unknownLink = () => notFound('Invitation link (unknown or expired)');

/** Why a public answer was refused, as the pages tell it apart (the `message` of the 409's first detail). */
export const REFUSAL = { alreadyParticipant: 'is already a participant', quotaFull: 'no seat left', closed: 'closed' } as const;

/** The REFUSAL of a 409 from this service, if it is one. */
export function refusalOf(e: unknown): (typeof REFUSAL)[keyof typeof REFUSAL] | null {
  if (!(e instanceof ApiError) || e.getStatus() !== 409) return null;
  const message = (e.getResponse() as { details?: ErrorDetail[] }).details?.[0]?.message;
  return (Object.values(REFUSAL) as string[]).includes(message ?? '') ? (message as (typeof REFUSAL)[keyof typeof REFUSAL]) : null;
}
/** Substitutes one invitation may name in all (each is mailed): enough for honest changes of mind, not a mail cannon. */
const MAX_SUBSTITUTES = 5;
/** Still part of the invitation: holding a seat, or having passed it on. */
const ACTIVE = [...SEAT_STATUSES, 'delegated'] as const;

/**
 * The public side: an official answering with their personal link (accept, decline, tentative,
 * or a substitute), and an agency naming who will attend. Links are valid until the event ends;
 * answers can change until it starts. Every answer is idempotent.
 */
@Injectable()
export class RsvpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: InvitationMailer,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly jobs: JobsService,
    private readonly invitationJobs: InvitationJobs,
    private readonly participants: ParticipantsService,
  ) {}

  /** The participant and event behind a link, or 404 when the link is unknown, withdrawn or past the event. */
  private async open(purpose: 'rsvp' | 'nominate', token: string): Promise<InvitationContext> {
    const id = this.mailer.tokens.verify(purpose, token);
    const ctx = id ? await this.mailer.context(id) : null;
    if (!ctx || ctx.participant.status === 'removed' || (purpose === 'nominate') !== (ctx.participant.kind === 'agency')) throw unknownLink();
    if (Date.now() > new Date(ctx.event.endsAt).getTime() || ctx.event.status === 'draft') throw unknownLink();
    return ctx;
  }

  private canAnswer(ctx: InvitationContext): boolean {
    return (ctx.event.status === 'scheduled' || ctx.event.status === 'in_progress') && Date.now() < new Date(ctx.event.startsAt).getTime();
  }

  async view(token: string): Promise<RsvpView> {
    const ctx = await this.open('rsvp', token);
    const p = ctx.participant;
    const [sub] = await this.db.getRepository(Participant).find({ where: { delegatedFromId: p.id, status: In([...ACTIVE]) }, take: 1 });
    const subPerson = sub?.personId ? (await this.people.byIds([sub.personId])).get(sub.personId) : undefined;
    return {
      participantId: p.id,
      status: p.status,
      role: p.role,
      fullName: ctx.recipient.name,
      responseNote: p.responseNote,
      canAnswer: this.canAnswer(ctx),
      substitute: subPerson ? { fullName: subPerson.fullName, email: subPerson.email } : null,
      event: ctx.event,
      hostName: ctx.hostName,
      mailEvent: ctx.mailEvent,
    };
  }

  /** The participant's own calendar entry (REQUEST, as in the invitation). */
  async ics(token: string): Promise<string> {
    return this.mailer.calendar('REQUEST', await this.open('rsvp', token));
  }

  async answer(token: string, dto: RsvpDto): Promise<RsvpView> {
    const ctx = await this.open('rsvp', token);
    if (!this.canAnswer(ctx)) {
      throw new ApiError(409, ctx.event.status === 'cancelled' ? 'The event is cancelled' : 'The event has started; answers can no longer change', [{ field: 'answer', message: REFUSAL.closed }]);
    }
    const cancelled = await this.db.transaction(async (m) => {
      const p = await m.getRepository(Participant).findOne({ where: { id: ctx.participant.id }, lock: { mode: 'pessimistic_write' } });
      if (!p || p.status === 'removed') throw unknownLink();
      const [event] = await this.events.findByIds([p.eventId], m);
      const dropped: string[] = [];
      const current = await m.getRepository(Participant).findOne({ where: { delegatedFromId: p.id, status: In([...ACTIVE]) } });
      if (dto.answer === 'delegated') {
        const sub = dto.substitute!;
        if (current) {
          const curPerson = (await this.people.byIds([current.personId!])).get(current.personId!);
          if (curPerson?.email === sub.email) return dropped; // the same answer again
          dropped.push(...(await this.participants.removeIn(m, current)));
        }
        const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM participants WHERE delegated_from_id = $1`, [p.id]);
        if (n >= MAX_SUBSTITUTES) {
          throw new ApiError(409, 'Too many substitutes named for this invitation; please contact the organizer', [{ field: 'substitute', message: `at most ${MAX_SUBSTITUTES} changes` }]);
        }
        // A substitute new to the directory joins the organization of the official they stand in for.
        const original = (await this.people.byIds([p.personId!])).get(p.personId!)!;
        const person = await this.people.findOrCreateByEmail(m, { ...sub, organizationId: original.organizationId });
        if (person.id === p.personId) throw new ApiError(400, 'A substitute is someone else', [{ field: 'substitute.email', message: 'is your own address' }]);
        const existing = await m.getRepository(Participant).findOne({ where: { eventId: p.eventId, personId: person.id } });
        if (existing && existing.status !== 'removed') throw new ApiError(409, `${sub.email} is already invited to this event`, [{ field: 'substitute.email', message: REFUSAL.alreadyParticipant }]);
        let subId: string;
        if (existing) {
          await m.update(Participant, { id: existing.id }, { status: 'pending', role: p.role, delegatedFromId: p.id, nominatedById: p.nominatedById, lastSentSequence: null, invitedAt: null, respondedAt: null, lastError: null, invitationRound: () => 'invitation_round + 1' });
          subId = existing.id;
        } else {
          const r = await m.insert(Participant, { eventId: p.eventId, kind: 'person', personId: person.id, role: p.role, delegatedFromId: p.id, nominatedById: p.nominatedById });
          subId = r.identifiers[0].id as string;
        }
        await this.invitationJobs.enqueueInvitations(m, event, [subId]);
      } else if (current) {
        dropped.push(...(await this.participants.removeIn(m, current)));
      }
      if (p.status !== dto.answer || (dto.note ?? null) !== p.responseNote) {
        await m.update(Participant, { id: p.id }, { status: dto.answer, respondedAt: new Date(), responseNote: dto.note ?? null });
      }
      const hadInvitation = p.invitedAt !== null;
      if (dto.answer === 'delegated' && p.status !== 'delegated' && hadInvitation) {
        // The substitute attends: the event leaves the original's calendar.
        await this.invitationJobs.enqueueCancel(m, event, [p.id]);
      } else if (p.status === 'delegated' && (dto.answer === 'accepted' || dto.answer === 'tentative') && hadInvitation) {
        // Taking it back after passing it on: the calendar entry the CANCEL removed comes back.
        await m.update(Participant, { id: p.id }, { lastSentSequence: null, invitationRound: () => 'invitation_round + 1' });
        await this.invitationJobs.enqueueInvitations(m, event, [p.id]);
      }
      dropped.push(...(await this.invitationJobs.syncReminders(m, event, [p.id])));
      return dropped;
    });
    this.jobs.afterCommit(cancelled);
    return this.view(token);
  }

  async nominationView(token: string): Promise<NominationView> {
    const ctx = await this.open('nominate', token);
    const p = ctx.participant;
    const rows = await this.db.getRepository(Participant).find({ where: { nominatedById: p.id, status: In([...ACTIVE, 'declined']) }, order: { createdAt: 'ASC' } });
    const people = await this.people.byIds(rows.map((r) => r.personId!));
    const names = await this.organizations.namesByIds([p.organizationId!]);
    return {
      participantId: p.id,
      agencyName: names.get(p.organizationId!) ?? '',
      quota: p.quota!,
      nominees: rows.map((r) => ({ participantId: r.id, fullName: people.get(r.personId!)?.fullName ?? '', email: people.get(r.personId!)?.email ?? null, status: r.status })),
      canNominate: this.canAnswer(ctx),
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
    const ctx = await this.open('nominate', token);
    if (!this.canAnswer(ctx)) throw new ApiError(409, 'Nominations are closed: the event has started or is cancelled', [{ field: 'nominees', message: REFUSAL.closed }]);
    await this.db.transaction(async (m) => {
      const agency = await m.getRepository(Participant).findOne({ where: { id: ctx.participant.id }, lock: { mode: 'pessimistic_write' } });
      if (!agency || agency.status === 'removed') throw unknownLink();
      const [event] = await this.events.findByIds([agency.eventId], m);
      const seen = new Set<string>();
      const fresh: string[] = [];
      for (const [i, n] of dto.nominees.entries()) {
        if (seen.has(n.email)) throw new ApiError(400, 'The same person twice', [{ field: `nominees.${i}.email`, message: 'appears twice' }]);
        seen.add(n.email);
        const person = await this.people.findOrCreateByEmail(m, { ...n, organizationId: agency.organizationId! });
        const existing = await m.getRepository(Participant).findOne({ where: { eventId: agency.eventId, personId: person.id } });
        if (existing && existing.status !== 'removed') {
          if (existing.nominatedById === agency.id) continue;
          throw new ApiError(409, `${n.email} is already invited to this event`, [{ field: `nominees.${i}.email`, message: REFUSAL.alreadyParticipant }]);
        }
        if (existing) {
          await m.update(Participant, { id: existing.id }, { status: 'pending', role: agency.role, nominatedById: agency.id, delegatedFromId: null, lastSentSequence: null, invitedAt: null, respondedAt: null, lastError: null, invitationRound: () => 'invitation_round + 1' });
          fresh.push(existing.id);
        } else {
          const r = await m.insert(Participant, { eventId: agency.eventId, kind: 'person', personId: person.id, role: agency.role, nominatedById: agency.id });
          fresh.push(r.identifiers[0].id as string);
        }
      }
      const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM participants WHERE nominated_by_id = $1 AND ${SEAT_SQL}`, [agency.id]);
      if (n > agency.quota!) {
        // (How many are still free is in the message; the detail says why, for the page.)
        throw new ApiError(409, `The agency may name ${agency.quota} attendees; this would make ${n} (at most ${agency.quota! - (n - fresh.length)} more)`, [{ field: 'nominees', message: REFUSAL.quotaFull }]);
      }
      if (fresh.length) {
        await m.update(Participant, { id: agency.id }, { status: 'accepted', respondedAt: new Date() });
        await this.invitationJobs.enqueueInvitations(m, event, fresh);
      }
    });
    this.jobs.afterCommit();
    return this.nominationView(token);
  }

}
