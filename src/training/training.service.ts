import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isXlsx, xlsxToCsv } from '../common/csv/xlsx';
import { AttendanceHooks } from '../attendance/attendance-hooks';
import { isReadOnly, type Principal } from '../common/auth/principal';
import { parseCsv, RowErrors, utf8Bytes } from '../common/csv/csv-import';
import { ApiError, badRequest, type ErrorDetail, forbidden, notFound } from '../common/errors/api-error';
import { foldVietnamese } from '../common/text/vietnamese';
import { Clock } from '../common/time/clock';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import type { AppConfig, CsvLimits } from '../config/env';
import { AuditService } from '../events/audit.service';
import { EventsService } from '../events/events.service';
import { ParticipantHooks } from '../invitations/participants/participant-hooks';
import { ParticipantsService } from '../invitations/participants/participants.service';
import { InvitationLinks } from '../invitations/public/links';
import { OrganizationsService } from '../organizations/organizations.service';
import { PeopleService } from '../people/people.service';
import { certificateNumber, completionOf, type Mark } from './completion';
import { ROSTER_CSV, type RosterCsvRow } from './dto/roster-csv';
import { type AttachClassDto, CLASS_REQUIRED, type CreateProgramDto, type EnrollDto, PROGRAM_REQUIRED, type UpdateClassDto, type UpdateProgramDto } from './dto/training.dto';
import { TrainingError } from './training.errors';
import type { EnrollmentSource, EnrollmentStatus } from './training.entity';
import { type ClassRow, type CompletionRow, type EnrollmentRow, TrainingRepository } from './training.repository';

/** Enrolment statuses that hold a seat. */
const SEATED: EnrollmentStatus[] = ['enrolled', 'completed', 'incomplete'];

/**
 * Programs, classes, enrolment (one by one, by agency nominations, roster import), completion on
 * save and certificates. Every write runs in one unit of work with its audit entry.
 */
@Injectable()
export class TrainingService implements OnModuleInit {
  private readonly csvLimits: CsvLimits;

  constructor(
    private readonly repo: TrainingRepository,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly participants: ParticipantsService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly hooks: AttendanceHooks,
    private readonly clock: Clock,
    private readonly links: InvitationLinks,
    private readonly participantHooks: ParticipantHooks,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.csvLimits = config.get('csvLimits', { infer: true });
    this.base = config.get('publicBaseUrl', { infer: true });
  }

  private readonly base: string;

  /** Completion on save: attendance calls back inside the transaction of every write of marks. */
  onModuleInit(): void {
    // Only a trainee's row has a completion to recompute: the check-in's own statement asks this.
    this.hooks.onRecorded(
      async (eventId, participantIds) => {
        await this.recompute({ eventId, participantIds });
      },
      (eventId, participantId) => `EXISTS (SELECT 1 FROM training_enrollments te WHERE te.participant_id = ${participantId} AND te.class_event_id = ${eventId})`,
    );
    // A trainee taken off the event's list is withdrawn (recompute reads their inactive row) and their seat goes to the waitlist.
    this.participantHooks.onRemoved(async (eventId, participantIds, principal) => {
      if (!(await this.repo.classOf(eventId, true))) return;
      await this.recompute({ eventId, participantIds });
      await this.promote(principal, eventId);
    });
  }

  // ---- programs ----------------------------------------------------------------------------

  async createProgram(principal: Principal, dto: CreateProgramDto) {
    await this.organizations.getInScope(principal, dto.organizerOrganizationId);
    const id = await this.uow.run(async () => {
      const id = await this.repo.insertProgram({ ...dto });
      await this.audit.record(principal, { entityType: 'training_program', entityId: id, action: 'program_created', changes: { ...dto } });
      return id;
    });
    return this.program(principal, id);
  }

  /**
   * Changes a program (fields absent stay, null clears an optional one). Its code and year make the
   * certificate numbers, so they change only while none is issued (409 otherwise); a new organizer
   * must be in the caller's scope too. Audited with each field's before and after.
   */
  async updateProgram(principal: Principal, id: string, dto: UpdateProgramDto) {
    refuseNulls(dto, PROGRAM_REQUIRED);
    const before = await this.program(principal, id);
    if (dto.organizerOrganizationId) await this.organizations.getInScope(principal, dto.organizerOrganizationId);
    await this.uow.run(async () => {
      const locked = await this.repo.lockProgram(id);
      if (!locked) throw notFound('Training program', id, TrainingError.ProgramNotFound);
      const renumbers = (dto.code !== undefined && dto.code !== locked.code) || (dto.year !== undefined && dto.year !== locked.year);
      if (renumbers && locked.certificateSeq > 0) {
        const field = dto.code !== undefined && dto.code !== locked.code ? 'code' : 'year';
        throw new ApiError(409, `${locked.certificateSeq} certificate(s) carry this ${field}`, [{ field, message: `makes the numbers of ${locked.certificateSeq} issued certificate(s); it cannot change any more` }], TrainingError.CertificatesIssued);
      }
      const after = { ...before, ...dto } as Record<string, unknown>;
      for (const k of ['audienceOrganizationIds', 'audienceLevels', 'topics']) after[k] ??= [];
      await this.repo.updateProgram(id, after);
      await this.audit.record(principal, { entityType: 'training_program', entityId: id, action: 'program_updated', changes: changesOf(before as Record<string, unknown>, dto) });
    });
    return this.program(principal, id);
  }

  async listPrograms(principal: Principal, year?: number) {
    const scope = await this.organizations.scopePath(principal);
    const rows = await this.repo.programs(null, year);
    return rows.filter((r) => !scope || String(r.organizerPath).startsWith(scope)).map(programView);
  }

  async program(principal: Principal, id: string) {
    const [row] = await this.repo.programs([id]);
    if (!row) throw notFound('Training program', id, TrainingError.ProgramNotFound);
    const scope = await this.organizations.scopePath(principal);
    if (scope && !String(row.organizerPath).startsWith(scope)) throw forbidden();
    const classes = await this.repo.classIds(id, null);
    return { ...programView(row), classIds: classes.map((c) => c.eventId) };
  }

  // ---- classes -----------------------------------------------------------------------------

  /** Makes a `training_class` event a class of the program; its trainers join the event's list. */
  async attachClass(principal: Principal, programId: string, dto: AttachClassDto) {
    await this.program(principal, programId);
    const event = await this.events.getInScope(principal, dto.eventId);
    if (event.kind !== 'training_class') throw badRequest('Not a training class', [{ field: 'eventId', message: `is a ${event.kind}; create the event with kind training_class` }], TrainingError.NotATrainingClass);
    if (event.status === 'cancelled') throw new ApiError(409, 'The class is cancelled', [{ field: 'status', message: 'is cancelled' }], TrainingError.ClassNotOpen);
    await this.uow.run(async () => {
      await this.repo.insertClass({ ...dto, programId });
      await this.addTrainers(principal, dto.eventId, dto.trainerPersonIds ?? []);
      await this.audit.record(principal, { entityType: 'event', entityId: dto.eventId, eventId: dto.eventId, action: 'training_class_attached', changes: { programId, ...dto } });
    });
    return this.classView(principal, dto.eventId);
  }

  /**
   * Changes a class, in one transaction with its consequences: a capacity raised (or lifted)
   * promotes from the waitlist; a capacity below the seats taken is 409; a new completion rule or
   * pass score recomputes every trainee's status and certificate (issued when they now complete; a
   * certificate already issued keeps its number — marked revoked if its holder no longer completes,
   * reinstated if they complete again); the trainers' list is made the given one; the program
   * changes only while no certificate is issued (its numbers are the program's).
   */
  async updateClass(principal: Principal, eventId: string, dto: UpdateClassDto) {
    refuseNulls(dto, CLASS_REQUIRED);
    if (principal.role === 'viewer' || principal.role === 'trainer') throw forbidden();
    await this.events.getInScope(principal, eventId);
    if (dto.programId) await this.program(principal, dto.programId);
    if (dto.trainerPersonIds?.length) {
      const people = await this.people.byIds(dto.trainerPersonIds);
      const unknown = dto.trainerPersonIds.flatMap((pid, i) => (people.has(pid) ? [] : [{ field: `trainerPersonIds.${i}`, message: `person ${pid} does not exist` }]));
      if (unknown.length) throw badRequest('Unknown trainers', unknown);
    }
    await this.uow.run(async () => {
      const c = await this.repo.classOf(eventId, true);
      if (!c) throw notFound('Training class', eventId, TrainingError.ClassNotFound);
      const next = {
        programId: dto.programId ?? c.programId,
        capacity: dto.capacity === undefined ? c.capacity : dto.capacity,
        minAttendancePercent: dto.minAttendancePercent ?? c.minAttendancePercent,
        passScore: dto.passScore === undefined ? c.passScore : dto.passScore,
        hours: dto.hours === undefined ? c.hours : dto.hours,
        externalTrainers: dto.externalTrainers ?? c.externalTrainers,
      };
      if (next.programId !== c.programId && (await this.repo.certificatesOfClass(eventId)) > 0) {
        throw new ApiError(409, 'Certificates of this class carry its program’s numbers', [{ field: 'programId', message: 'cannot change once a certificate is issued' }], TrainingError.CertificatesIssued);
      }
      const taken = await this.repo.seatsTaken(eventId);
      if (next.capacity !== null && next.capacity < taken) {
        throw new ApiError(409, `${taken} seat(s) are taken`, [{ field: 'capacity', message: `must be at least ${taken} (the seats taken)` }], TrainingError.CapacityBelowEnrolled);
      }
      await this.repo.updateClass(eventId, next);
      if (dto.trainerPersonIds) await this.setTrainers(principal, eventId, dto.trainerPersonIds);
      const before = { programId: c.programId, capacity: c.capacity, minAttendancePercent: c.minAttendancePercent, passScore: c.passScore, hours: c.hours, externalTrainers: c.externalTrainers };
      await this.audit.record(principal, { entityType: 'event', entityId: eventId, eventId, action: 'training_class_updated', changes: changesOf(before, dto) });
      if (next.minAttendancePercent !== c.minAttendancePercent || next.passScore !== c.passScore) await this.recompute({ eventId });
      if (next.capacity === null ? c.capacity !== null : c.capacity !== null && next.capacity > c.capacity) await this.promote(principal, eventId);
    });
    return this.classView(principal, eventId);
  }

  /** Makes the class's trainers from the directory exactly `personIds`: the missing join the list as `trainer`, the others leave it. */
  private async setTrainers(principal: Principal, eventId: string, personIds: string[]) {
    const current = await this.repo.trainerParticipants(eventId);
    for (const t of current.filter((t) => !personIds.includes(t.personId))) await this.participants.remove(principal, eventId, t.id);
    await this.addTrainers(principal, eventId, personIds.filter((pid) => !current.some((t) => t.personId === pid)));
  }

  private async addTrainers(principal: Principal, eventId: string, personIds: string[]) {
    if (personIds.length === 0) return;
    const there = new Set((await this.repo.participantsOfPersons(eventId, personIds)).map((p) => p.personId));
    const fresh = personIds.filter((id) => !there.has(id));
    if (fresh.length) await this.participants.add(principal, eventId, fresh.map((personId) => ({ personId, role: 'trainer' as const })));
  }

  async classRow(eventId: string): Promise<ClassRow> {
    const c = await this.repo.classOf(eventId);
    if (!c) throw notFound('Training class', eventId, TrainingError.ClassNotFound);
    return c;
  }

  /** A class with its rule, trainers and counts. A trainer sees only the classes they teach (403). */
  async classView(principal: Principal, eventId: string) {
    await this.authorizeClass(principal, eventId);
    const c = await this.classRow(eventId);
    const event = principal.role === 'trainer' ? (await this.events.viewsByIds([eventId]))[0] : await this.events.get(principal, eventId);
    const trainers = await this.repo.trainers([eventId]);
    const enrollments = await this.repo.enrollments({ eventId });
    const count = (s: EnrollmentStatus) => enrollments.filter((e) => e.status === s).length;
    return {
      eventId, programId: c.programId, programName: c.programName, title: event.title, status: event.status, startsAt: event.startsAt, endsAt: event.endsAt,
      format: event.format, venueName: event.venueName, onlineUrl: event.onlineUrl, sessions: event.sessions,
      capacity: c.capacity, minAttendancePercent: c.minAttendancePercent, passScore: c.passScore, hours: c.hours,
      trainers: trainers.map((t) => ({ personId: t.personId, fullName: t.fullName })), externalTrainers: c.externalTrainers,
      enrolled: enrollments.filter((e) => SEATED.includes(e.status)).length, waitlisted: count('waitlisted'), completed: count('completed'), incomplete: count('incomplete'), withdrawn: count('withdrawn'),
    };
  }

  /** Classes: of a program, and for a trainer only those they teach. */
  async listClasses(principal: Principal, programId?: string) {
    const rows = await this.repo.classIds(programId ?? null, principal.role === 'trainer' ? principal.email : null);
    const out = [];
    for (const r of rows) out.push(await this.classView(principal, r.eventId));
    return out.sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
  }

  /** Managers of the class's host (scope) and the class's own trainers; any other trainer gets 403. */
  async authorizeClass(principal: Principal, eventId: string, write = false): Promise<void> {
    if (principal.role === 'trainer') {
      if (!(await this.repo.isTrainer(eventId, principal.email))) throw forbidden('Only the trainers of this class', TrainingError.NotTrainerOfClass);
      return;
    }
    if (write && isReadOnly(principal.role)) throw forbidden();
    await this.events.getInScope(principal, eventId);
  }

  // ---- enrolment ---------------------------------------------------------------------------

  /** One person, or every nominee of the agencies invited to the class. */
  async enroll(principal: Principal, eventId: string, dto: EnrollDto) {
    await this.events.getInScope(principal, eventId);
    const c = await this.classRow(eventId);
    if (dto.fromNominations) {
      const nominees = await this.repo.nominees(eventId);
      const already = new Set((await this.repo.enrolledPersons(eventId, nominees.map((n) => n.personId))).map((e) => e.personId));
      const people = await this.people.byIds(nominees.filter((n) => !already.has(n.personId)).map((n) => n.personId));
      const { ids } = await this.enrollPeople(principal, c, [...people.values()].map((p) => ({ personId: p.id, organizationId: p.organizationId })), 'quota', dto.waitlist ?? false);
      return this.repo.enrollments({ ids }).then((rows) => rows.map(enrollmentView));
    }
    const person = (await this.people.byIds([dto.personId!])).get(dto.personId!);
    if (!person) throw badRequest('Unknown person', [{ field: 'personId', message: `person ${dto.personId} does not exist` }]);
    const { ids } = await this.enrollPeople(principal, c, [{ personId: person.id, organizationId: person.organizationId }], 'manual', dto.waitlist ?? false);
    return enrollmentView((await this.repo.enrollments({ ids }))[0]);
  }

  /**
   * Enrols persons (all or nothing): one already enrolled is a 409 naming them; past the capacity is
   * a 409 unless `waitlist`, when the rest wait (without an invitation). Seated trainees become the
   * event's participants of role `trainee` (an active participant already on the list is reused), so
   * they get invitations and calendar entries like everyone else.
   */
  private async enrollPeople(principal: Principal, c: ClassRow, list: { personId: string; organizationId: string; line?: number }[], source: EnrollmentSource, waitlist: boolean, enrolledAt?: Date): Promise<Enrolled> {
    return this.uow.run(async () => {
      await this.repo.classOf(c.eventId, true); // the class row lock: one capacity decision at a time
      const existing = await this.repo.enrolledPersons(c.eventId, list.map((l) => l.personId));
      if (existing.length) {
        const dup = new Set(existing.map((e) => e.personId));
        throw new ApiError(409, 'Already enrolled', list.flatMap((l, i) => (dup.has(l.personId) ? [{ field: l.line ? `row ${l.line}` : `personId`, message: `person ${l.personId} is enrolled in this class already (entry ${i})` }] : [])), TrainingError.AlreadyEnrolled);
      }
      const free = c.capacity === null ? Infinity : Math.max(0, c.capacity - (await this.repo.seatsTaken(c.eventId)));
      if (list.length > free && !waitlist) {
        throw new ApiError(409, `Over capacity: ${list.length} to enrol, ${free} seat(s) left of ${c.capacity}`, [{ field: 'capacity', message: `${free} seat(s) left; ask for the waitlist (waitlist=true) to queue the rest` }], TrainingError.OverCapacity);
      }
      const seated = list.slice(0, Math.min(list.length, free));
      const participantByPerson = await this.seat(principal, c.eventId, seated.map((s) => s.personId));
      const now = enrolledAt ?? this.clock.now();
      const rows = list.map((l, i) => ({
        personId: l.personId, organizationId: l.organizationId,
        participantId: i < seated.length ? participantByPerson.get(l.personId)! : null, status: i < seated.length ? ('enrolled' as const) : ('waitlisted' as const),
      }));
      const ids = await this.repo.insertEnrollments({ classEventId: c.eventId, programId: c.programId, source, enrolledAt: now }, rows);
      // (Rows this transaction just inserted: nobody else sees them, so they need no row lock nor reading back.)
      const seatedRows = ids.slice(0, seated.length).map((id, i) => ({ id, classEventId: c.eventId, programId: c.programId, participantId: rows[i].participantId!, enrolledAt: now }));
      await this.settle(await this.repo.newEnrollmentInputs(seatedRows), true);
      await this.audit.record(principal, { entityType: 'event', entityId: c.eventId, eventId: c.eventId, action: 'trainees_enrolled', changes: { source, enrolled: seated.length, waitlisted: list.length - seated.length } });
      return { ids, seated: seated.length };
    });
  }

  /**
   * The trainees' rows on the event's list (role `trainee`), by person: an active participant
   * already there is reused, the others are added like any invitee (so they get the invitation and
   * calendar entries). In the caller's unit of work.
   */
  private async seat(principal: Principal, eventId: string, personIds: string[]): Promise<Map<string, string>> {
    const participantByPerson = new Map((await this.repo.participantsOfPersons(eventId, personIds)).map((p) => [p.personId, p.id]));
    const toAdd = personIds.filter((id) => !participantByPerson.has(id));
    if (toAdd.length) {
      const added = await this.participants.addPersons(principal, eventId, toAdd.map((personId) => ({ personId, role: 'trainee' as const })));
      for (const [personId, id] of added) participantByPerson.set(personId, id);
    }
    return participantByPerson;
  }

  /**
   * Fills free seats from the waitlist, first come first served, in the caller's unit of work: the
   * class row is locked first, so two withdrawals at once queue here and the second counts the
   * seat the first one filled — each promotes a different trainee and the capacity is never passed.
   * A promoted trainee joins the event's list (their invitation follows as for any trainee) and is
   * enrolled as of now: sessions before that never count. Nothing moves on a cancelled or completed
   * class. Returns the promoted enrolment ids.
   */
  private async promote(principal: Principal, eventId: string): Promise<string[]> {
    return this.uow.run(async () => {
      const c = await this.repo.classOf(eventId, true);
      if (!c) return [];
      const free = c.capacity === null ? null : c.capacity - (await this.repo.seatsTaken(eventId));
      if (free !== null && free <= 0) return [];
      const waiting = await this.repo.waitlisted(eventId, free);
      if (waiting.length === 0) return [];
      const [event] = await this.events.viewsByIds([eventId]);
      if (!event || event.status === 'cancelled' || event.status === 'completed') return [];
      const participantByPerson = await this.seat(principal, eventId, waiting.map((w) => w.personId));
      await this.repo.promote(waiting.map((w) => ({ id: w.id, participantId: participantByPerson.get(w.personId)! })), this.clock.now());
      const ids = waiting.map((w) => w.id);
      await this.recompute({ enrollmentIds: ids });
      await this.audit.record(principal, { entityType: 'event', entityId: eventId, eventId, action: 'trainees_promoted', changes: { enrollmentIds: ids } });
      return ids;
    });
  }

  /**
   * Enrols persons as of a date (a list typed in after the class, the demo's 2013 classes): the date
   * decides which sessions count. Persons already enrolled are skipped. Returns the enrolment ids.
   */
  async enrollAsOf(principal: Principal, eventId: string, personIds: string[], enrolledAt: Date): Promise<string[]> {
    const c = await this.classRow(eventId);
    const already = new Set((await this.repo.enrolledPersons(eventId, personIds)).map((e) => e.personId));
    const people = await this.people.byIds(personIds.filter((id) => !already.has(id)));
    const list = personIds.flatMap((id) => (people.has(id) ? [{ personId: id, organizationId: people.get(id)!.organizationId }] : []));
    return list.length ? (await this.enrollPeople(principal, c, list, 'manual', false, enrolledAt)).ids : [];
  }

  /** Whether the event is a class of a program. */
  async isClass(eventId: string): Promise<boolean> {
    return (await this.repo.classOf(eventId)) !== null;
  }

  /** The program with this code (certificate prefix), or null. */
  async programByCode(code: string): Promise<{ id: string } | null> {
    const rows = await this.repo.programs(null);
    const found = rows.find((r) => r.code === code);
    return found ? { id: String(found.id) } : null;
  }

  /**
   * A roster file (CSV, UTF-8 with or without BOM, or XLSX): Họ tên, Đơn vị, Chức vụ, Email, Điện
   * thoại. A person is matched by e-mail, then by folded name within the agency (named by name,
   * short name or code); an ambiguous match or an unknown agency is a row error, and any row error
   * refuses the whole file with every bad row listed. Names not in the directory are created in
   * their agency. Then enrolled like `enroll` (capacity, waitlist), all in one transaction.
   */
  async importRoster(principal: Principal, eventId: string, body: unknown, contentType: string | undefined, waitlist: boolean) {
    await this.events.getInScope(principal, eventId);
    const c = await this.classRow(eventId);
    const bytes = isXlsx(body, contentType) ? await xlsxToCsv(body as Buffer, TrainingError.ImportRejected) : utf8Bytes(body);
    const errors = new RowErrors();
    const rows = await parseCsv(bytes, ROSTER_CSV, errors, this.csvLimits);
    const scope = await this.organizations.scopePath(principal);
    // Agencies by folded name, short name or code (a roster names a few agencies many times: each folded once).
    const folded = new Map<string, string>();
    const orgKey = (name: string) => folded.get(name) ?? folded.set(name, foldVietnamese(name)).get(name)!;
    const orgKeys = [...new Set(rows.map((r) => orgKey(r.value.organization)))];
    const orgs = new Map<string, { id: string; path: string }[]>();
    for (const o of await this.repo.organizationsByFoldedName(orgKeys)) orgs.set(o.key, [...(orgs.get(o.key) ?? []).filter((x) => x.id !== o.id), { id: o.id, path: o.path }]);
    const orgOf = new Map<number, string>();
    for (const r of rows) {
      const found = orgs.get(orgKey(r.value.organization)) ?? [];
      if (found.length === 0) errors.add(r.line, 'Đơn vị', `no agency named "${r.value.organization}"`);
      else if (found.length > 1) errors.add(r.line, 'Đơn vị', `"${r.value.organization}" names ${found.length} agencies; write its code`);
      else if (scope && !found[0].path.startsWith(scope)) errors.add(r.line, 'Đơn vị', 'is outside your scope');
      else orgOf.set(r.line, found[0].id);
    }
    // People: by e-mail, then by folded name within the agency.
    const byEmail = new Map((await this.repo.peopleByEmail([...new Set(rows.flatMap((r) => (r.value.email ? [r.value.email] : [])))])).map((p) => [p.email, p]));
    // Names are looked up only for the rows an e-mail did not match.
    const nameKeys = [...new Set(rows.filter((r) => !(r.value.email && byEmail.has(r.value.email))).map((r) => foldVietnamese(r.value.fullName)))];
    const byName = new Map<string, string[]>();
    for (const p of nameKeys.length ? await this.repo.peopleByFoldedName([...new Set(orgOf.values())], nameKeys) : []) byName.set(`${p.organizationId}|${p.key}`, [...(byName.get(`${p.organizationId}|${p.key}`) ?? []), p.id]);
    const matched: { line: number; personId: string | null; organizationId: string; row: RosterCsvRow }[] = [];
    const firstLine = new Map<string, number>();
    for (const r of rows) {
      const orgId = orgOf.get(r.line);
      if (!orgId) continue;
      let personId: string | null;
      const viaEmail = r.value.email ? byEmail.get(r.value.email) : undefined;
      if (viaEmail) personId = viaEmail.id;
      else {
        const candidates = byName.get(`${orgId}|${foldVietnamese(r.value.fullName)}`) ?? [];
        if (candidates.length > 1) {
          errors.add(r.line, 'Họ tên', `${candidates.length} people named "${r.value.fullName}" in this agency; add the e-mail to tell them apart`);
          continue;
        }
        personId = candidates[0] ?? null;
      }
      const key = personId ?? `new|${r.value.email ?? `${orgId}|${foldVietnamese(r.value.fullName)}`}`;
      const first = firstLine.get(key);
      if (first) errors.add(r.line, 'Họ tên', `the same person as row ${first}`);
      else firstLine.set(key, r.line);
      matched.push({ line: r.line, personId, organizationId: viaEmail?.organizationId ?? orgId, row: r.value });
    }
    if (matched.length) {
      const already = new Map((await this.repo.enrolledPersons(eventId, matched.flatMap((m) => (m.personId ? [m.personId] : [])))).map((e) => [e.personId, e]));
      for (const m of matched) if (m.personId && already.has(m.personId)) errors.add(m.line, 'Họ tên', `is enrolled in this class already (${already.get(m.personId)!.status})`);
    }
    if (errors.details.length) {
      throw badRequest(`Roster import: ${new Set(errors.details.map((d) => d.field.split(',')[0])).size} bad row(s), nothing was imported`, errors.details, TrainingError.ImportRejected);
    }
    return this.uow.run(async () => {
      const fresh = matched.filter((m) => !m.personId);
      const created = await this.people.createMany(fresh.map((m) => ({ fullName: m.row.fullName, title: m.row.title, email: m.row.email, phone: m.row.phone, organizationId: m.organizationId })));
      fresh.forEach((m, i) => (m.personId = created[i]));
      const { ids, seated } = await this.enrollPeople(principal, c, matched.map((m) => ({ personId: m.personId!, organizationId: m.organizationId, line: m.line })), 'import', waitlist);
      return { rows: rows.length, createdPeople: created.length, enrolled: seated, waitlisted: ids.length - seated };
    });
  }

  async listEnrollments(principal: Principal, eventId: string) {
    await this.authorizeClass(principal, eventId);
    await this.classRow(eventId);
    return (await this.repo.enrollments({ eventId })).map(enrollmentView);
  }

  private async enrollment(principal: Principal, id: string, write: boolean): Promise<EnrollmentRow> {
    const [row] = await this.repo.enrollments({ ids: [id] });
    if (!row) throw notFound('Enrolment', id, TrainingError.EnrollmentNotFound);
    await this.authorizeClass(principal, row.classEventId, write);
    return row;
  }

  /** Records (or clears) a score; the status follows in the same transaction. */
  async setScore(principal: Principal, id: string, score: number | null) {
    await this.enrollment(principal, id, true);
    await this.uow.run(async () => {
      await this.repo.setScore(id, score);
      await this.recompute({ enrollmentIds: [id] });
      await this.audit.record(principal, { entityType: 'training_enrollment', entityId: id, action: 'score_recorded', changes: { score } });
    });
    return enrollmentView((await this.repo.enrollments({ ids: [id] }))[0]);
  }

  /** Withdraws a trainee: off the event's list (a CANCEL if invited), status `withdrawn`, a certificate revoked. */
  async withdraw(principal: Principal, id: string) {
    const row = await this.enrollment(principal, id, true);
    await this.uow.run(async () => {
      await this.repo.classOf(row.classEventId, true); // the class row lock first, as every seat count takes it
      await this.repo.setWithdrawn(id);
      if (row.participantId && row.status !== 'withdrawn') {
        try {
          await this.participants.remove(principal, row.classEventId, row.participantId);
        } catch (e) {
          if (!(e instanceof ApiError && e.getStatus() === 404)) throw e;
        }
      }
      await this.recompute({ enrollmentIds: [id] });
      await this.audit.record(principal, { entityType: 'training_enrollment', entityId: id, eventId: row.classEventId, action: 'trainee_withdrawn', changes: { from: row.status } });
      if (row.status !== 'waitlisted') await this.promote(principal, row.classEventId);
    });
    return enrollmentView((await this.repo.enrollments({ ids: [id] }))[0]);
  }

  // ---- completion on save -----------------------------------------------------------------

  /**
   * Recomputes the status of the given trainees (of a class's participants, or by enrolment id) in
   * the caller's unit of work, and issues, revokes or reinstates their certificates to match:
   * a new completion takes the program's next numbers (consecutive, no gaps: the counter row is
   * locked until this transaction ends); a lost completion marks the certificate revoked, keeping
   * its number; completing again reinstates the same number.
   */
  async recompute(which: { eventId?: string; participantIds?: string[]; enrollmentIds?: string[] }, lock = true): Promise<void> {
    await this.uow.run(async () => this.settle(await this.repo.completionInputs(which.eventId ?? null, which.participantIds ?? null, which.enrollmentIds ?? null, lock), false));
  }

  /**
   * Computes the rows' statuses, writes those whose figures changed and issues, revokes or reinstates
   * their certificates (see `recompute`). `fresh`: rows this transaction has just inserted, which no
   * certificate can name yet.
   */
  private async settle(rows: CompletionRow[], fresh: boolean): Promise<void> {
    if (rows.length === 0) return;
    const classes = new Map<string, ClassRow>();
    const now = this.clock.now();
    const updates = [];
    for (const r of rows) {
      const eventId = r.classEventId;
      if (!classes.has(eventId)) classes.set(eventId, await this.classRow(eventId));
      const c = classes.get(eventId)!;
      const fixed = r.status === 'withdrawn' || r.participantActive === false ? 'withdrawn' : r.status === 'waitlisted' ? 'waitlisted' : null;
      const result = completionOf({
        enrolledAt: new Date(r.enrolledAt), sessions: r.sessions.map((s) => ({ startsAt: new Date(s.startsAt), mark: s.mark as Mark })),
        minAttendancePercent: c.minAttendancePercent, passScore: c.passScore, score: r.score, fixed, now,
      });
      updates.push({ id: r.id, programId: r.programId, was: r.status, status: result.status, counted: result.counted, attended: result.attended, excused: result.excused, completedAt: result.status === 'completed' ? now : null });
    }
    // Only the rows whose figures changed are written (a fresh enrolment before any session: none).
    await this.repo.updateCompletion(updates.filter((u, i) => u.status !== rows[i].status || u.counted !== rows[i].counted || u.attended !== rows[i].attended || u.excused !== rows[i].excused));
    const certs = new Map(fresh ? [] : (await this.repo.certificatesOf(updates.map((u) => u.id))).map((c) => [c.enrollmentId, c]));
    const toIssue = updates.filter((u) => u.status === 'completed' && !certs.has(u.id));
    const toReinstate = updates.filter((u) => u.status === 'completed' && certs.get(u.id)?.revokedReason === AUTO_REVOKED).map((u) => certs.get(u.id)!.id);
    const toRevoke = updates.filter((u) => u.status !== 'completed' && certs.has(u.id) && !certs.get(u.id)!.revokedAt).map((u) => certs.get(u.id)!.id);
    await this.repo.setRevoked(toReinstate, null, null);
    await this.repo.setRevoked(toRevoke, now, AUTO_REVOKED);
    const byProgram = new Map<string, string[]>();
    for (const u of toIssue.sort((a, b) => a.id.localeCompare(b.id))) {
      if (!byProgram.has(u.programId)) byProgram.set(u.programId, []);
      byProgram.get(u.programId)!.push(u.id);
    }
    for (const [programId, ids] of byProgram) {
      const { code, year, last } = await this.repo.allocate(programId, ids.length);
      const first = last - ids.length + 1;
      await this.repo.insertCertificates(ids.map((enrollmentId, i) => ({ programId, enrollmentId, year, seq: first + i, number: certificateNumber(code, year, first + i), issuedAt: now })));
    }
  }

  // ---- certificates ------------------------------------------------------------------------

  async certificate(principal: Principal, where: { id?: string; enrollmentId?: string }) {
    let id = where.id;
    if (where.enrollmentId) {
      const row = await this.enrollment(principal, where.enrollmentId, false);
      if (!row.certificateId) throw notFound('Certificate of enrolment', where.enrollmentId, TrainingError.CertificateNotFound);
      id = row.certificateId;
    }
    const cert = await this.repo.certificate({ id });
    if (!cert) throw notFound('Certificate', id, TrainingError.CertificateNotFound);
    if (!where.enrollmentId) await this.authorizeClass(principal, cert.classEventId);
    return { ...certificateView(cert), printUrl: `${this.base}/certificates/${this.links.issue('certificate', cert.id)}`, verifyUrl: `${this.base}/verify/${cert.number}` };
  }

  /** The printable page's certificate (`/certificates/<token>`: an HMAC link over its id), with its class; null for a forged link. */
  async certificateByToken(token: string) {
    const id = this.links.verify('certificate', token);
    const cert = id ? await this.repo.certificate({ id }) : null;
    if (!cert) return null;
    const [event] = await this.events.viewsByIds([cert.classEventId]);
    return { ...certificateView(cert), className: event?.title ?? '' };
  }

  /** A reprint: the same number, the print count rises. */
  async reprint(principal: Principal, id: string) {
    const cert = await this.certificate(principal, { id });
    await this.uow.run(async () => {
      await this.repo.reprint(id);
      await this.audit.record(principal, { entityType: 'training_certificate', entityId: id, eventId: cert.classEventId, action: 'certificate_reprinted', changes: { number: cert.number } });
    });
    return this.certificate(principal, { id });
  }

  /** Revokes a certificate: it keeps its number, marked revoked (the verify page says so). */
  async revoke(principal: Principal, id: string, reason: string) {
    const cert = await this.certificate(principal, { id });
    if (principal.role === 'trainer' || isReadOnly(principal.role)) throw forbidden();
    await this.uow.run(async () => {
      await this.repo.setRevoked([id], this.clock.now(), reason);
      await this.audit.record(principal, { entityType: 'training_certificate', entityId: id, eventId: cert.classEventId, action: 'certificate_revoked', changes: { number: cert.number, reason } });
    });
    return this.certificate(principal, { id });
  }

  /** The public verify page's answer: holder, program, class, dates and hours — nothing more. Null when unknown. */
  async verify(number: string) {
    const c = await this.repo.certificate({ number });
    if (!c) return null;
    const [event] = await this.events.viewsByIds([c.classEventId]);
    return { number: c.number, holderName: c.holderName, programName: c.programName, className: event?.title ?? '', startsAt: c.startsAt, endsAt: c.endsAt, hours: c.hours ?? c.sessionHours, revoked: c.revokedAt !== null };
  }
}

/** What `enrollPeople` did: the enrolment ids in the list's order, of which the first `seated` have a seat and the rest wait. */
interface Enrolled {
  ids: string[];
  seated: number;
}

/** The reason written when a completion is lost (attendance corrected): completing again reinstates the number. */
export const AUTO_REVOKED = 'completion_lost';

/** 400 for a null given to a field that cannot be cleared. */
function refuseNulls<T extends object>(dto: T, required: (keyof T)[]) {
  const bad = required.filter((k) => (dto as Record<keyof T, unknown>)[k] === null);
  if (bad.length) throw badRequest('These fields cannot be cleared', bad.map((k) => ({ field: String(k), message: 'may not be null' })));
}

/** The audit's `{ field: { from, to } }` for the fields the change names and that differ. */
function changesOf(before: Record<string, unknown>, dto: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(dto)) if (to !== undefined && JSON.stringify(before[k]) !== JSON.stringify(to)) out[k] = { from: before[k] ?? null, to };
  return out;
}

function programView(r: Record<string, unknown>) {
  const { organizerPath: _path, ...rest } = r;
  return rest;
}

export function enrollmentView(e: EnrollmentRow) {
  return {
    id: e.id, classEventId: e.classEventId, programId: e.programId, personId: e.personId, fullName: e.fullName, title: e.title, email: e.email, phone: e.phone,
    organizationId: e.organizationId, organizationName: e.organizationName, participantId: e.participantId, status: e.status, source: e.source, enrolledAt: e.enrolledAt,
    score: e.score, sessionsCounted: e.sessionsCounted, sessionsAttended: e.sessionsAttended, sessionsExcused: e.sessionsExcused, completedAt: e.completedAt,
    certificate: e.certificateId ? { id: e.certificateId, number: e.certificateNumber, revoked: e.certificateRevokedAt !== null } : null,
  };
}

function certificateView(c: NonNullable<Awaited<ReturnType<TrainingRepository['certificate']>>>) {
  return {
    id: c.id, number: c.number, issuedAt: c.issuedAt, revokedAt: c.revokedAt, revokedReason: c.revokedReason, printCount: c.printCount, enrollmentId: c.enrollmentId,
    classEventId: c.classEventId, holderName: c.holderName, holderTitle: c.holderTitle, holderOrganization: c.holderOrganization, programId: c.programId, programName: c.programName,
    startsAt: c.startsAt, endsAt: c.endsAt, hours: c.hours ?? c.sessionHours,
  };
}

export type { ErrorDetail };
