import { Injectable } from '@nestjs/common';
import { InvitationsError } from '../invitations.errors';
import { In } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';
import { type Actor, AuditService } from '../../events/audit.service';
import { ApiError, badRequest, type ErrorDetail, notFound } from '../../common/errors/api-error';
import { type Page, pageWithTotal } from '../../common/pagination/page';
import { EventsService } from '../../events/events.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import type { AddParticipantDto, ListParticipantsQuery, ParticipantView, UpdateParticipantDto } from './dto/participant.dto';
import type { BridgePointView } from '../content/event-view';
import { InvitationOutbox } from './invitation-outbox';
import { ACTIVE_STATUSES, nextRound, requestWritten, startOver } from './participant-lifecycle';
import type { Participant, ParticipantRole } from './participant.entity';
import { ParticipantHooks } from './participant-hooks';
import { ParticipantsRepository } from './participants.repository';

/** Participants of an event: who is invited, as what, and how far their invitation has got. */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly repo: ParticipantsRepository,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly outbox: InvitationOutbox,
    private readonly audit: AuditService,
    private readonly hooks: ParticipantHooks,
  ) {}

  /**
   * For the bridge-points module: these participants now attend from another point (or none). Each
   * one who had an invitation gets an update of their own, in the caller's unit of work; returns how
   * many were mailed.
   */
  async siteChanged(eventId: string, moves: { participantId: string; before: BridgePointView | null }[]): Promise<number> {
    return this.uow.run(async () => {
      const [event] = await this.events.findByIds([eventId]);
      return event ? this.outbox.siteChanged(event, moves) : 0;
    });
  }

  async list(principal: Principal, eventId: string, q: ListParticipantsQuery): Promise<Page<ParticipantView>> {
    await this.events.getInScope(principal, eventId);
    const where = { eventId, ...(q.status ? { status: q.status } : {}), ...(q.role ? { role: q.role } : {}), ...(q.kind ? { kind: q.kind } : {}) };
    const [rows, total] = await this.repo.findAndCount(where, q.limit, q.offset);
    return pageWithTotal(await this.views(rows, principal), total, q);
  }

  async get(principal: Principal, eventId: string, id: string): Promise<ParticipantView> {
    await this.events.getInScope(principal, eventId);
    return (await this.views([await this.find(eventId, id)], principal))[0];
  }

  /**
   * Adds persons and agencies. All or nothing: an unknown person or agency, or one already invited
   * to the event (or twice in the request), rejects the whole request naming each entry.
   */
  async add(principal: Principal, eventId: string, list: AddParticipantDto[]): Promise<ParticipantView[]> {
    return this.views(await this.repo.byIds(await this.addIds(principal, eventId, list)), principal);
  }

  /** `add` without building the views: the participant ids (training's roster import adds thousands and needs only the ids). */
  async addIds(principal: Principal, eventId: string, list: AddParticipantDto[]): Promise<string[]> {
    const event = await this.events.getInScope(principal, eventId);
    if (event.status === 'cancelled' || event.status === 'completed') {
      throw new ApiError(409, `The event is ${event.status}; nobody can be invited any more`, [{ field: 'status', message: `is ${event.status}` }], InvitationsError.EventNotOpen);
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

    const ids = await this.uow.run(async () => {
      // Re-adding someone removed earlier brings their row back rather than failing on the unique key.
      const targets = [...(personIds.length ? [{ eventId, personId: In(personIds) }] : []), ...(orgIds.length ? [{ eventId, organizationId: In(orgIds) }] : [])];
      const existing = targets.length ? await this.repo.find(targets) : [];
      const byKey = new Map(existing.map((e) => [e.personId ?? e.organizationId!, e]));
      const dup: ErrorDetail[] = [];
      list.forEach((p, i) => {
        const e = byKey.get(p.personId ?? p.organizationId!);
        if (e && e.status !== 'removed') dup.push({ field: `participants.${i}`, message: `${p.personId ? 'person' : 'agency'} is already invited (participant ${e.id}, ${e.status})` });
      });
      if (dup.length) throw new ApiError(409, 'Already invited', dup, InvitationsError.PersonAlreadyInvited);
      const out: string[] = [];
      for (const p of list.filter((x) => byKey.has(x.personId ?? x.organizationId!))) {
        const e = byKey.get(p.personId ?? p.organizationId!)!;
        await this.repo.update(e.id, { ...startOver(), role: p.role, quota: p.quota ?? e.quota, contactPersonId: p.contactPersonId ?? e.contactPersonId, delegatedFromId: null, nominatedById: null });
        out.push(e.id);
      }
      const fresh = list.filter((p) => !byKey.has(p.personId ?? p.organizationId!));
      out.push(
        ...(await this.repo.insert(
          fresh.map((p) => ({
            eventId,
            kind: p.personId ? ('person' as const) : ('agency' as const),
            personId: p.personId ?? null,
            organizationId: p.organizationId ?? null,
            quota: p.organizationId ? p.quota! : null,
            contactPersonId: p.contactPersonId ?? null,
            role: p.role,
          })),
        )),
      );
      await this.audit.record(principal, { entityType: 'event', entityId: eventId, eventId, action: 'participants_added', changes: { participants: out.length, revived: out.length - fresh.length } });
      return out;
    });
    return ids;
  }

  /**
   * Persons (by id, each with a role) onto the event's list in one statement per 5,000 — for lists of
   * thousands (training's roster import) where `addIds`'s per-entry checks and entity inserts cost
   * seconds. The same rules: the event open and in scope, a person removed earlier comes back, anyone
   * else already on the list is a 409 naming them, an unknown person is refused by the foreign key.
   * In the caller's unit of work; one audit entry. Returns participant id by person id.
   */
  async addPersons(principal: Principal, eventId: string, people: { personId: string; role: ParticipantRole }[]): Promise<Map<string, string>> {
    const event = await this.events.getInScope(principal, eventId);
    if (event.status === 'cancelled' || event.status === 'completed') {
      throw new ApiError(409, `The event is ${event.status}; nobody can be invited any more`, [{ field: 'status', message: `is ${event.status}` }], InvitationsError.EventNotOpen);
    }
    return this.uow.run(async () => {
      const added = await this.repo.addPersons(eventId, people);
      if (added.size < people.length) {
        const dup = people.flatMap((p, i) => (added.has(p.personId) ? [] : [{ field: `participants.${i}`, message: `person ${p.personId} is already invited` }]));
        throw new ApiError(409, 'Already invited', dup, InvitationsError.PersonAlreadyInvited);
      }
      await this.audit.record(principal, { entityType: 'event', entityId: eventId, eventId, action: 'participants_added', changes: { participants: added.size } });
      return added;
    });
  }

  /**
   * People who are at the event in person and not (or no longer) on its list — walk-ins and names
   * from an attendance sheet (the attendance module). They join as `accepted` with the event's
   * current version counted as sent: they are in the hall, so nothing is mailed to them. Someone
   * on the list already is returned as is (a removed row comes back). Allowed on a completed event
   * (a sheet entered afterwards), not on a cancelled one. Inside the caller's unit of work; audited.
   * Returns participant id by person id.
   */
  async addAttendees(actor: Actor, eventId: string, people: { personId: string; role: ParticipantRole }[]): Promise<Map<string, string>> {
    const [event] = await this.events.findByIds([eventId]);
    if (!event) throw notFound('Event', eventId);
    if (event.status === 'cancelled') throw new ApiError(409, 'The event is cancelled', [{ field: 'status', message: 'is cancelled' }], InvitationsError.EventNotOpen);
    return this.uow.run(async () => {
      const ids = [...new Set(people.map((p) => p.personId))];
      const existing = ids.length ? await this.repo.find({ eventId, personId: In(ids) }) : [];
      const out = new Map(existing.map((e) => [e.personId!, e.id]));
      const revived = existing.filter((e) => e.status === 'removed');
      for (const e of revived) {
        await this.repo.update(e.id, { ...startOver(), status: 'accepted', lastSentSequence: event.sequence, respondedAt: new Date(), delegatedFromId: null, nominatedById: null });
      }
      // The first mention of each person not on the list yet.
      const rows = people.filter((p, i) => !out.has(p.personId) && people.findIndex((q) => q.personId === p.personId) === i);
      const inserted = await this.repo.insert(rows.map((p) => ({ eventId, kind: 'person' as const, personId: p.personId, role: p.role, status: 'accepted' as const, lastSentSequence: event.sequence, respondedAt: new Date() })));
      rows.forEach((p, i) => out.set(p.personId, inserted[i]));
      if (rows.length || revived.length) {
        await this.audit.record(actor, { entityType: 'event', entityId: eventId, eventId, action: 'attendees_added', changes: { participants: rows.length + revived.length, revived: revived.length } });
      }
      return out;
    });
  }

  async update(principal: Principal, eventId: string, id: string, dto: UpdateParticipantDto): Promise<ParticipantView> {
    await this.events.getInScope(principal, eventId);
    const p = await this.find(eventId, id);
    if (dto.quota !== undefined && p.kind !== 'agency') throw badRequest('Only agencies have a quota', [{ field: 'quota', message: 'is for agencies only' }]);
    if (dto.contactPersonId && !(await this.people.byIds([dto.contactPersonId])).get(dto.contactPersonId)?.email) {
      throw badRequest('Contact not found', [{ field: 'contactPersonId', message: 'must be a person with an e-mail' }]);
    }
    if (dto.quota !== undefined) {
      const nominated = (await this.repo.seatsTaken([id])).get(id) ?? 0;
      if (dto.quota < nominated) throw new ApiError(409, `The agency has nominated ${nominated} already`, [{ field: 'quota', message: `must be at least ${nominated}` }], InvitationsError.QuotaBelowNominated);
    }
    if (p.status === 'removed') throw notFound('Participant', id, InvitationsError.ParticipantNotFound);
    // A new contact gets the nomination request afresh on the next send.
    const newContact = dto.contactPersonId !== undefined && dto.contactPersonId !== p.contactPersonId;
    await this.uow.run(async () => {
      await this.repo.update(id, { ...dto, ...(newContact ? { lastSentSequence: null, invitedAt: null, invitationRound: nextRound } : {}) });
      await this.audit.record(principal, { entityType: 'participant', entityId: id, eventId, action: 'participant_updated', changes: { ...dto } });
    });
    return (await this.views([await this.find(eventId, id)], principal))[0];
  }

  /** Removes a participant: the row stays as `removed`, and whoever may have got an invitation gets a CANCEL. */
  async remove(principal: Principal, eventId: string, id: string): Promise<void> {
    await this.events.getInScope(principal, eventId);
    await this.uow.run(async () => {
      const p = await this.repo.lock(id, eventId);
      if (!p || p.status === 'removed') throw notFound('Participant', id, InvitationsError.ParticipantNotFound);
      await this.withdraw(p, principal, 'participant_removed');
      await this.hooks.removed(eventId, [id], principal);
    });
  }

  /**
   * Marks removed, mails a CANCEL if an invitation may have reached them (a reminder finds them removed and
   * is not sent); an agency
   * takes its nominees with it. Inside the caller's unit of work; audited as `action` by `actor`.
   */
  async withdraw(p: Participant, actor: Actor, action: string): Promise<void> {
    await this.repo.update(p.id, { status: 'removed' });
    await this.audit.record(actor, { entityType: 'participant', entityId: p.id, eventId: p.eventId, action, changes: { status: { from: p.status, to: 'removed' } } });
    const [event] = await this.events.findByIds([p.eventId]);
    // A REQUEST still queued for them does nothing now (its handler sees `removed`); one in flight is
    // followed by this CANCEL, whose handler waits for it. Someone who passed the invitation on had
    // their CANCEL then: nothing more to take back.
    if (requestWritten(p) && p.kind === 'person' && p.status !== 'delegated') await this.outbox.cancels(event, [p.id], true);
    if (p.kind === 'agency') {
      for (const n of await this.repo.nomineesOf(p.id, [...ACTIVE_STATUSES, 'declined'])) await this.withdraw(n, actor, action);
    }
  }

  private async find(eventId: string, id: string): Promise<Participant> {
    const p = await this.repo.findOne({ id, eventId });
    if (!p) throw notFound('Participant', id, InvitationsError.ParticipantNotFound);
    return p;
  }

  /**
   * Participants as `principal` may see them. Officials of other agencies (the Ministry, another
   * province) may be invited, but a scoped organizer does not get their directory entry: for a person
   * outside the caller's scope the view gives the name and the agency's name, the e-mail masked
   * (`n***@mic.gov.vn`) and no organization id.
   */
  async views(rows: Participant[], principal: Principal): Promise<ParticipantView[]> {
    const [people, orgs] = await Promise.all([
      this.people.byIds(rows.flatMap((r) => (r.personId ? [r.personId] : []))),
      this.organizations.namesByIds(rows.flatMap((r) => (r.organizationId ? [r.organizationId] : []))),
    ]);
    const nominated = await this.repo.seatsTaken(rows.filter((r) => r.kind === 'agency').map((r) => r.id));
    const scope = await this.organizations.scopePath(principal);
    const outsideOrgs = scope ? [...people.values()].map((p) => p.organizationId) : [];
    const [paths, outsideNames] = await Promise.all([this.organizations.pathsByIds(outsideOrgs), this.organizations.namesByIds(outsideOrgs)]);
    const mask = (email: string | null) => email && email.replace(/^(.)[^@]*@/, '$1***@');
    return rows.map((r) => {
      const person = r.personId ? people.get(r.personId) : undefined;
      const outside = !!scope && !!person && !paths.get(person.organizationId)?.startsWith(scope);
      return {
        id: r.id,
        eventId: r.eventId,
        kind: r.kind,
        personId: r.personId,
        fullName: person?.fullName ?? null,
        email: outside ? mask(person!.email) : (person?.email ?? null),
        organizationId: r.organizationId ?? (outside ? null : (person?.organizationId ?? null)),
        organizationName: r.organizationId ? (orgs.get(r.organizationId) ?? null) : outside ? (outsideNames.get(person!.organizationId) ?? null) : null,
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
