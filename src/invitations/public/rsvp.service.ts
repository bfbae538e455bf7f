import { Injectable } from '@nestjs/common';
import { InvitationsError } from '../invitations.errors';
import { ApiError, notFound } from '../../common/errors/api-error';
import { Clock } from '../../common/time/clock';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';
import type { Actor } from '../../events/audit.service';
import { AuditService } from '../../events/audit.service';
import { EventsService } from '../../events/events.service';
import { PeopleService } from '../../people/people.service';
import { ParticipantCalendar } from '../calendar/participant-calendar';
import type { RsvpDto } from '../participants/dto/participant.dto';
import { type InvitationContext, InvitationContexts } from '../participants/invitation-context';
import { InvitationOutbox } from '../participants/invitation-outbox';
import { answerTransition, canAnswer, linkOpen, nextRound, nextSequence, requestWritten, startOver } from '../participants/participant-lifecycle';
import type { Participant } from '../participants/participant.entity';
import { ParticipantsRepository } from '../participants/participants.repository';
import { ParticipantsService } from '../participants/participants.service';
import { InvitationLinks } from './links';

/** What the public RSVP page and `GET /api/rsvp/:token` show. */
export interface RsvpView {
  participantId: string;
  status: Participant['status'];
  role: Participant['role'];
  fullName: string;
  responseNote: string | null;
  /** Answers can change until the first session starts. */
  canAnswer: boolean;
  /** Who attends instead, by the address the official typed (never the directory's record of that address). */
  substitute: { email: string | null } | null;
  event: InvitationContext['event'];
  hostName: string;
  mailEvent: InvitationContext['mailEvent'];
}

export const unknownLink = () => notFound('Invitation link (unknown or expired)', undefined, InvitationsError.LinkUnknown);

/** The detail messages of public refusals (their `code`s are in invitations.errors.ts; pages branch on those). */
export const REFUSAL = { alreadyParticipant: 'is already a participant', quotaFull: 'no seat left', closed: 'closed' } as const;
/** Substitutes one invitation may name in all (each is mailed): enough for honest changes of mind, not a mail cannon. */
const MAX_SUBSTITUTES = 5;

/** The holder of a personal link, as the audit trail names them. */
export const linkActor = (ctx: InvitationContext): Actor => ({ userId: null, email: ctx.recipient.email || `participant:${ctx.participant.id}` });
/** SQL twin of linkActor's e-mail, from the recipient's e-mail and the participant's id as SQL expressions. */
export const LINK_ACTOR_EMAIL_SQL = (email: string, participantId: string) => `coalesce(nullif(${email}, ''), 'participant:' || ${participantId})`;

/**
 * The public side of an invitation: an official answering with their personal link (accept,
 * decline, tentative, or a substitute). Links are valid until the event ends; answers can change
 * until it starts. Every answer is idempotent and audited.
 */
@Injectable()
export class RsvpService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ParticipantsRepository,
    private readonly contexts: InvitationContexts,
    private readonly links: InvitationLinks,
    private readonly calendar: ParticipantCalendar,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly outbox: InvitationOutbox,
    private readonly participants: ParticipantsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The participant and event behind a link, or 404 when the link is unknown, withdrawn or past the event. */
  async open(purpose: 'rsvp' | 'nominate', token: string): Promise<InvitationContext> {
    const id = this.links.verify(purpose, token);
    const ctx = id ? await this.contexts.get(id) : null;
    if (!ctx || ctx.participant.status === 'removed' || (purpose === 'nominate') !== (ctx.participant.kind === 'agency')) throw unknownLink();
    if (!linkOpen(ctx.event, this.clock.now())) throw unknownLink();
    return ctx;
  }

  canAnswer(ctx: InvitationContext): boolean {
    return canAnswer(ctx.event, this.clock.now());
  }

  async view(token: string): Promise<RsvpView> {
    const ctx = await this.open('rsvp', token);
    const p = ctx.participant;
    const sub = await this.repo.activeSubstitute(p.id);
    const subPerson = sub?.personId ? (await this.people.byIds([sub.personId])).get(sub.personId) : undefined;
    return this.viewOf(ctx, { status: p.status, responseNote: p.responseNote, substituteEmail: subPerson?.email ?? null });
  }

  /** The page's view of an invitation in the state `answer` left it (no second read of what it just wrote). */
  private viewOf(ctx: InvitationContext, now: { status: Participant['status']; responseNote: string | null; substituteEmail: string | null }): RsvpView {
    return {
      participantId: ctx.participant.id,
      status: now.status,
      role: ctx.participant.role,
      fullName: ctx.recipient.name,
      responseNote: now.responseNote,
      canAnswer: this.canAnswer(ctx),
      substitute: now.substituteEmail ? { email: now.substituteEmail } : null,
      event: ctx.event,
      hostName: ctx.hostName,
      mailEvent: ctx.mailEvent,
    };
  }

  /**
   * The event as a file to import (PUBLISH, not an iTIP message: a REQUEST carries one UID, and an
   * event of several sessions is one calendar entry per session, all in this one file).
   */
  async ics(token: string): Promise<string> {
    const ctx = await this.open('rsvp', token);
    return this.calendar.publish([{ event: ctx.event, hostName: ctx.hostName }], ctx.event.title);
  }

  async answer(token: string, dto: RsvpDto): Promise<RsvpView> {
    if (dto.answer !== 'delegated') {
      // The common answer in one statement; any other case (and any refusal) takes the general path below.
      const id = this.links.verify('rsvp', token);
      const done = id ? await this.answerAtOnce(id, dto) : null;
      if (done) return done;
    }
    const ctx = await this.open('rsvp', token);
    if (!this.canAnswer(ctx)) {
      throw new ApiError(409, ctx.event.status === 'cancelled' ? 'The event is cancelled' : 'The event has started; answers can no longer change', [{ field: 'answer', message: REFUSAL.closed }], InvitationsError.AnswersClosed);
    }
    const actor = linkActor(ctx);
    const after = await this.uow.run(async () => {
      const p = await this.repo.lock(ctx.participant.id);
      if (!p || p.status === 'removed') throw unknownLink();
      const [event] = await this.events.findByIds([p.eventId]);
      const current = await this.repo.activeSubstitute(p.id);
      const effects = answerTransition(p.status, dto.answer, requestWritten(p), current !== null);
      if (dto.answer === 'delegated') {
        const sub = dto.substitute!;
        if (current) {
          const curPerson = (await this.people.byIds([current.personId!])).get(current.personId!);
          // The same answer again (addresses are kept in lower case).
          if (curPerson?.email && curPerson.email === sub.email.toLowerCase()) return { status: p.status, responseNote: p.responseNote, substituteEmail: curPerson.email };
          await this.participants.withdraw(current, actor, 'substitute_replaced');
        }
        await this.nameSubstitute(p, sub, event, actor);
      } else if (effects.dropSubstitute) {
        await this.participants.withdraw(current!, actor, 'substitute_withdrawn');
      }
      if (p.status !== dto.answer || (dto.note ?? null) !== p.responseNote) {
        await this.repo.update(p.id, { status: effects.status, respondedAt: this.clock.now(), responseNote: dto.note ?? null });
        await this.audit.record(actor, {
          entityType: 'participant', entityId: p.id, eventId: p.eventId, action: 'answered',
          changes: { status: { from: p.status, to: dto.answer }, ...(dto.note ? { note: dto.note } : {}) },
        });
      }
      // The substitute attends: the event leaves the original's calendar.
      if (effects.cancelOwnInvitation) await this.outbox.cancels(event, [p.id], true);
      if (effects.reinvite) {
        // Taking it back after passing it on: the calendar entry the CANCEL removed comes back.
        await this.repo.update(p.id, { lastSentSequence: null, invitationRound: nextRound, sequenceBump: nextSequence });
        await this.outbox.invitations(event, [p.id], [], { fresh: true });
      }
      return { status: effects.status, responseNote: dto.note ?? null, substituteEmail: dto.answer === 'delegated' ? dto.substitute!.email.toLowerCase() : null };
    });
    return this.viewOf(ctx, after);
  }

  /**
   * The common answer — accepted, declined or tentative, by a person whose invitation is neither
   * removed nor passed on, while answers are open — in one statement: lock, answer, audit entry
   * (ParticipantsRepository.answerAtOnce, with the SQL twins of the rules: canAnswer, linkActor). The
   * reminders need nothing: the event's reminder rounds read the answers when they run. In that state the general path's rules (answerTransition) do nothing
   * besides the status: no CANCEL of one's own, no re-invitation, no substitute to drop. The page is
   * built from what the statement returned and the event as invitations show it at the version the
   * statement read. Null when the invitation is not in that state: the general path decides.
   */
  private async answerAtOnce(participantId: string, dto: RsvpDto): Promise<RsvpView | null> {
    const answer = dto.answer;
    const note = dto.note ?? null;
    const row = await this.uow.runStatement(() =>
      this.repo.answerAtOnce({ id: participantId, answer, note, at: this.clock.now() }, (answered, sql) => {
        const audit = this.audit.recordSql({ emailSql: LINK_ACTOR_EMAIL_SQL('a.to_email', 'a.id') }, {
          entityType: 'participant', action: 'answered', entityIdSql: 'a.id', eventIdSql: 'a.event_id', from: `${answered} a WHERE a.changed`,
          changesSql: `jsonb_build_object('status', jsonb_build_object('from', a.before, 'to', ${sql.add(answer, 'text')})) || ${sql.add(note ? { note } : {}, 'jsonb')}`,
        }, sql);
        return { ctes: [`answer_audit AS (${audit})`] };
      }),
    );
    if (!row) return null;
    const part = await this.contexts.eventPartOf(row.eventId, row.eventVersion);
    return {
      participantId: row.id, status: answer, role: row.role, fullName: row.toName ?? '', responseNote: note, canAnswer: canAnswer(part.event, this.clock.now()),
      substitute: null, event: part.event, hostName: part.hostName, mailEvent: part.mailEvent,
    };
  }

  /** A substitute for `p`: an existing person by e-mail or a new one in the original's organization; mailed an invitation. */
  private async nameSubstitute(p: Participant, sub: NonNullable<RsvpDto['substitute']>, event: Parameters<InvitationOutbox['invitations']>[0], actor: Actor) {
    if ((await this.repo.countSubstitutes(p.id)) >= MAX_SUBSTITUTES) {
      throw new ApiError(409, 'Too many substitutes named for this invitation; please contact the organizer', [{ field: 'substitute', message: `at most ${MAX_SUBSTITUTES} changes` }], InvitationsError.TooManySubstitutes);
    }
    const original = (await this.people.byIds([p.personId!])).get(p.personId!)!;
    const person = await this.people.findOrCreateByEmail({ ...sub, organizationId: original.organizationId });
    if (person.id === p.personId) throw new ApiError(400, 'A substitute is someone else', [{ field: 'substitute.email', message: 'is your own address' }], InvitationsError.SubstituteIsSelf);
    const existing = await this.repo.findOne({ eventId: p.eventId, personId: person.id });
    if (existing && existing.status !== 'removed') throw new ApiError(409, `${sub.email} is already invited to this event`, [{ field: 'substitute.email', message: REFUSAL.alreadyParticipant }], InvitationsError.AlreadyParticipant);
    let subId: string;
    if (existing) {
      await this.repo.update(existing.id, { ...startOver(), role: p.role, delegatedFromId: p.id, nominatedById: p.nominatedById });
      subId = existing.id;
    } else {
      [subId] = await this.repo.insert([{ eventId: p.eventId, kind: 'person', personId: person.id, role: p.role, delegatedFromId: p.id, nominatedById: p.nominatedById }]);
    }
    await this.audit.record(actor, { entityType: 'participant', entityId: subId, eventId: p.eventId, action: 'substitute_named', changes: { delegatedFrom: p.id, email: person.email } });
    await this.outbox.invitations(event, [subId]);
  }
}
