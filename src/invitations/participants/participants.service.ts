import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { ApiError, badRequest, type ErrorDetail, notFound } from '../../common/errors/api-error';
import type { Page } from '../../common/pagination/page';
import { EventsService } from '../../events/events.service';
import { JobsService } from '../../jobs/jobs.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import type { AddParticipantDto, ListParticipantsQuery, ParticipantView, UpdateParticipantDto } from './dto/participant.dto';
import { InvitationJobs } from './invitation-outbox';
import { Participant, SEAT_SQL, SEAT_STATUSES } from './participant.entity';

/** Participants of an event: who is invited, as what, and how far their invitation has got. */
@Injectable()
export class ParticipantsService {
  constructor(
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly jobs: JobsService,
    private readonly invitationJobs: InvitationJobs,
  ) {}

  async list(principal: Principal, eventId: string, q: ListParticipantsQuery): Promise<Page<ParticipantView>> {
    await this.events.getInScope(principal, eventId);
    const where = { eventId, ...(q.status ? { status: q.status } : {}), ...(q.role ? { role: q.role } : {}), ...(q.kind ? { kind: q.kind } : {}) };
    const [rows, total] = await this.participants.findAndCount({ where, order: { createdAt: 'ASC', id: 'ASC' }, take: q.limit, skip: q.offset });
    return { items: await this.views(rows), total, limit: q.limit, offset: q.offset };
  }

  async get(principal: Principal, eventId: string, id: string): Promise<ParticipantView> {
    await this.events.getInScope(principal, eventId);
    return (await this.views([await this.find(eventId, id)]))[0];
  }

  /**
   * Adds persons and agencies. All or nothing: an unknown person or agency, or one already invited
   * to the event (or twice in the request), rejects the whole request naming each entry.
   */
  async add(principal: Principal, eventId: string, list: AddParticipantDto[]): Promise<ParticipantView[]> {
    const event = await this.events.getInScope(principal, eventId);
    if (event.status === 'cancelled' || event.status === 'completed') {
      throw new ApiError(409, `The event is ${event.status}; nobody can be invited any more`, [{ field: 'status', message: `is ${event.status}` }]);
    }
    const problems: ErrorDetail[] = [];
    list.forEach((p, i) => {
      if (p.personId && p.organizationId) problems.push({ field: `participants.${i}`, message: 'give personId or organizationId, not both' });
      if (p.personId && p.quota !== undefined) problems.push({ field: `participants.${i}.quota`, message: 'is for agencies only' });
    });
    const personIds = list.flatMap((p) => (p.personId ? [p.personId] : []));
    const orgIds = list.flatMap((p) => (p.organizationId ? [p.organizationId] : []));
    const contactIds = list.flatMap((p) => (p.contactPersonId ? [p.contactPersonId] : []));
    const [people, orgs, contacts] = await Promise.all([this.people.byIds(personIds), this.organizations.namesByIds(orgIds), this.people.byIds(contactIds)]);
    const seen = new Map<string, number>();
    list.forEach((p, i) => {
      const key = p.personId ?? p.organizationId!;
      if (seen.has(key)) problems.push({ field: `participants.${i}`, message: `appears again (first at participants.${seen.get(key)})` });
      else seen.set(key, i);
      if (p.personId && !people.has(p.personId)) problems.push({ field: `participants.${i}.personId`, message: `person ${p.personId} does not exist` });
      if (p.organizationId && !orgs.has(p.organizationId)) problems.push({ field: `participants.${i}.organizationId`, message: `organization ${p.organizationId} does not exist` });
      if (p.contactPersonId && !contacts.get(p.contactPersonId)?.email) problems.push({ field: `participants.${i}.contactPersonId`, message: 'must be a person with an e-mail' });
    });
    if (problems.length) throw badRequest('Invalid participants', problems);

    const ids = await this.db.transaction(async (m) => {
      // Re-adding someone removed earlier brings their row back rather than failing on the unique key.
      const targets = [...(personIds.length ? [{ eventId, personId: In(personIds) }] : []), ...(orgIds.length ? [{ eventId, organizationId: In(orgIds) }] : [])];
      const existing = targets.length ? await m.getRepository(Participant).find({ where: targets }) : [];
      const byKey = new Map(existing.map((e) => [e.personId ?? e.organizationId!, e]));
      const dup: ErrorDetail[] = [];
      list.forEach((p, i) => {
        const e = byKey.get(p.personId ?? p.organizationId!);
        if (e && e.status !== 'removed') dup.push({ field: `participants.${i}`, message: `${p.personId ? 'person' : 'agency'} is already invited (participant ${e.id}, ${e.status})` });
      });
      if (dup.length) throw new ApiError(409, 'Already invited', dup);
      const out: string[] = [];
      const revive = list.filter((p) => byKey.has(p.personId ?? p.organizationId!));
      for (const p of revive) {
        const e = byKey.get(p.personId ?? p.organizationId!)!;
        await m.update(Participant, { id: e.id }, {
          status: 'pending', role: p.role, quota: p.quota ?? e.quota, contactPersonId: p.contactPersonId ?? e.contactPersonId,
          lastSentSequence: null, lastError: null, respondedAt: null, responseNote: null, invitedAt: null, delegatedFromId: null, nominatedById: null,
          invitationRound: () => 'invitation_round + 1',
        });
        out.push(e.id);
      }
      const fresh = list.filter((p) => !byKey.has(p.personId ?? p.organizationId!));
      for (let i = 0; i < fresh.length; i += 5000) {
        const part = fresh.slice(i, i + 5000);
        const result = await m.insert(
          Participant,
          part.map((p) => ({
            eventId,
            kind: p.personId ? ('person' as const) : ('agency' as const),
            personId: p.personId ?? null,
            organizationId: p.organizationId ?? null,
            quota: p.organizationId ? p.quota! : null,
            contactPersonId: p.contactPersonId ?? null,
            role: p.role,
          })),
        );
        out.push(...result.identifiers.map((x) => x.id as string));
      }
      return out;
    });
    return this.views(await this.participants.find({ where: { id: In(ids) }, order: { createdAt: 'ASC' } }));
  }

  async update(principal: Principal, eventId: string, id: string, dto: UpdateParticipantDto): Promise<ParticipantView> {
    await this.events.getInScope(principal, eventId);
    const p = await this.find(eventId, id);
    if (dto.quota !== undefined && p.kind !== 'agency') throw badRequest('Only agencies have a quota', [{ field: 'quota', message: 'is for agencies only' }]);
    if (dto.contactPersonId && !(await this.people.byIds([dto.contactPersonId])).get(dto.contactPersonId)?.email) {
      throw badRequest('Contact not found', [{ field: 'contactPersonId', message: 'must be a person with an e-mail' }]);
    }
    if (dto.quota !== undefined) {
      const nominated = await this.participants.count({ where: { nominatedById: id, status: In([...SEAT_STATUSES]) } });
      if (dto.quota < nominated) throw new ApiError(409, `The agency has nominated ${nominated} already`, [{ field: 'quota', message: `must be at least ${nominated}` }]);
    }
    if (p.status === 'removed') throw notFound('Participant', id);
    // A new contact gets the nomination request afresh on the next send.
    const newContact = dto.contactPersonId !== undefined && dto.contactPersonId !== p.contactPersonId;
    await this.participants.update({ id }, { ...dto, ...(newContact ? { lastSentSequence: null, invitedAt: null, invitationRound: () => 'invitation_round + 1' } : {}) });
    return (await this.views([await this.find(eventId, id)]))[0];
  }

  /** Removes a participant: the row stays as `removed`, and whoever got an invitation gets a CANCEL. */
  async remove(principal: Principal, eventId: string, id: string): Promise<void> {
    await this.events.getInScope(principal, eventId);
    const cancelled = await this.db.transaction(async (m) => {
      const p = await m.getRepository(Participant).findOne({ where: { id, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!p || p.status === 'removed') throw notFound('Participant', id);
      return this.removeIn(m, p);
    });
    this.jobs.afterCommit(cancelled);
  }

  /**
   * Marks removed, mails a CANCEL if an invitation reached them, drops reminders; an agency takes
   * its nominees with it. Returns cancelled job ids (for `afterCommit`).
   */
  async removeIn(m: EntityManager, p: Participant): Promise<string[]> {
    await m.update(Participant, { id: p.id }, { status: 'removed' });
    const [event] = await this.events.findByIds([p.eventId], m);
    // (A request still queued for them does nothing now: its handler sees `removed`.)
    if (p.invitedAt !== null && p.kind === 'person') await this.invitationJobs.enqueueCancel(m, event, [p.id]);
    const dropped = await this.invitationJobs.syncReminders(m, event, [p.id]);
    if (p.kind === 'agency') {
      const nominees = await m.getRepository(Participant).find({ where: { nominatedById: p.id, status: In([...SEAT_STATUSES, 'declined', 'delegated']) } });
      for (const n of nominees) dropped.push(...(await this.removeIn(m, n)));
    }
    return dropped;
  }

  private async find(eventId: string, id: string): Promise<Participant> {
    const p = await this.participants.findOne({ where: { id, eventId } });
    if (!p) throw notFound('Participant', id);
    return p;
  }

  async views(rows: Participant[]): Promise<ParticipantView[]> {
    const [people, orgs] = await Promise.all([
      this.people.byIds(rows.flatMap((r) => (r.personId ? [r.personId] : []))),
      this.organizations.namesByIds(rows.flatMap((r) => (r.organizationId ? [r.organizationId] : []))),
    ]);
    const agencies = rows.filter((r) => r.kind === 'agency').map((r) => r.id);
    const counts: { id: string; n: number }[] = agencies.length
      ? await this.db.query(`SELECT nominated_by_id AS id, count(*)::int AS n FROM participants WHERE nominated_by_id = ANY($1) AND ${SEAT_SQL} GROUP BY 1`, [agencies])
      : [];
    const nominated = new Map(counts.map((c) => [c.id, c.n]));
    return rows.map((r) => {
      const person = r.personId ? people.get(r.personId) : undefined;
      return {
        id: r.id,
        eventId: r.eventId,
        kind: r.kind,
        personId: r.personId,
        fullName: person?.fullName ?? null,
        email: person?.email ?? null,
        organizationId: r.organizationId ?? person?.organizationId ?? null,
        organizationName: r.organizationId ? (orgs.get(r.organizationId) ?? null) : null,
        quota: r.quota,
        ...(r.kind === 'agency' ? { nominated: nominated.get(r.id) ?? 0 } : {}),
        contactPersonId: r.contactPersonId,
        role: r.role,
        status: r.status,
        nominatedById: r.nominatedById,
        delegatedFromId: r.delegatedFromId,
        lastSentSequence: r.lastSentSequence,
        invitedAt: r.invitedAt,
        respondedAt: r.respondedAt,
        responseNote: r.responseNote,
        lastError: r.lastError,
      };
    });
  }
}
