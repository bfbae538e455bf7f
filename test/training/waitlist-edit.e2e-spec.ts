import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AttendanceHooks } from '../../src/attendance/attendance-hooks';
import { Clock } from '../../src/common/time/clock';
import { InvitationLinks } from '../../src/invitations/public/links';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

const hn = (local: string) => new Date(`${local}+07:00`);
type Enrollment = { id: string; personId: string; participantId: string | null; status: string; certificate: { number: string; revoked: boolean } | null };

/** Issue 17, what was left: waitlist promotion, PATCH of programs and classes, the hall-code check-in's completion in its own transaction. */
describe('training: waitlist promotion, editing programs and classes, hall-code completion in one transaction', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let hostId: string;
  let programId: string;
  let db: DataSource;
  let clock: Clock;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    db = ctx.app.get(DataSource);
    clock = ctx.app.get(Clock);
    hostId = (await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', code: `STTTT${randomUUID().slice(0, 6)}` })).id;
    programId = (await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code: newCode('TH-W'), name: 'Kế hoạch tập huấn CNTT năm 2030', year: 2030, organizerOrganizationId: hostId }).expect(201)).body.id;
  });
  afterAll(async () => {
    clock.set(null);
    await ctx.close();
  });
  afterEach(() => clock.set(null));

  function newCode(prefix: string) {
    return `${prefix}${randomUUID().slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`;
  }
  async function newClass(sessions: [string, string][], o: Record<string, unknown> = {}) {
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'training_class', title: `Lớp tập huấn ${randomUUID().slice(0, 6)}`, format: 'in_person', hostOrganizationId: hostId,
      venueName: `Phòng học ${randomUUID().slice(0, 8)}`, sessions: sessions.map(([startsAt, endsAt]) => ({ startsAt, endsAt })),
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/training/programs/${programId}/classes`).set(bearer(admin)).send({ eventId: ev.body.id, ...o }).expect(201);
    return { eventId: ev.body.id as string, sessionIds: ev.body.sessions.map((s: { id: string }) => s.id) as string[] };
  }
  const enroll = (eventId: string, personId: string, extra: object = {}) => ctx.http().post(`/api/events/${eventId}/enrollments`).set(bearer(admin)).send({ personId, ...extra });
  const list = async (eventId: string) => (await ctx.http().get(`/api/events/${eventId}/enrollments`).set(bearer(admin)).expect(200)).body as Enrollment[];
  const byId = async (eventId: string) => new Map((await list(eventId)).map((e) => [e.id, e]));
  const mark = (eventId: string, sessionId: string, records: object[]) => ctx.http().put(`/api/training/classes/${eventId}/attendance?sessionId=${sessionId}`).set(bearer(admin)).send({ records });
  const patchClass = (eventId: string, body: object) => ctx.http().patch(`/api/training/classes/${eventId}`).set(bearer(admin)).send(body);

  /** A class of `capacity` seats, filled, with `waiting` more on the waitlist (in this order). */
  async function fullClass(capacity: number, waiting: number) {
    const c = await newClass([['2031-03-02T08:00', '2031-03-02T11:00']], { capacity });
    const seated: Enrollment[] = [];
    for (let i = 0; i < capacity; i++) seated.push((await enroll(c.eventId, (await f.person(hostId)).id).expect(201)).body);
    const queue: Enrollment[] = [];
    for (let i = 0; i < waiting; i++) queue.push((await enroll(c.eventId, (await f.person(hostId)).id, { waitlist: true }).expect(201)).body);
    expect(queue.every((q) => q.status === 'waitlisted' && q.participantId === null)).toBe(true);
    return { ...c, seated, queue };
  }
  const seatsTaken = async (eventId: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM training_enrollments WHERE class_event_id = $1 AND status NOT IN ('waitlisted', 'withdrawn')`, [eventId]))[0].n as number;

  describe('waitlist promotion', () => {
    it('two withdrawals at once promote the first two of the waitlist — each once — and never pass the capacity', async () => {
      const c = await fullClass(2, 3);
      const res = await Promise.all(c.seated.map((s) => ctx.http().post(`/api/training/enrollments/${s.id}/withdraw`).set(bearer(admin))));
      expect(res.map((r) => r.status)).toEqual([200, 200]);
      const after = await byId(c.eventId);
      expect(c.seated.map((s) => after.get(s.id)!.status)).toEqual(['withdrawn', 'withdrawn']);
      expect(c.queue.map((q) => after.get(q.id)!.status)).toEqual(['enrolled', 'enrolled', 'waitlisted']);
      expect(await seatsTaken(c.eventId)).toBe(2);
      // Promoted trainees are the event's participants of role trainee, like any trainee (their invitation follows).
      const parts = (await ctx.http().get(`/api/events/${c.eventId}/participants?limit=100`).set(bearer(admin)).expect(200)).body.items as { id: string; personId: string; role: string; status: string }[];
      for (const q of c.queue.slice(0, 2)) {
        const e = after.get(q.id)!;
        expect(parts.find((p) => p.id === e.participantId)).toMatchObject({ personId: q.personId, role: 'trainee', status: 'pending' });
      }
      const audits: { changes: { enrollmentIds: string[] } }[] = await db.query(`SELECT changes FROM audit_entries WHERE event_id = $1 AND action = 'trainees_promoted'`, [c.eventId]);
      expect(audits.map((a) => a.changes.enrollmentIds.length)).toEqual([1, 1]);
      expect(audits.flatMap((a) => a.changes.enrollmentIds).sort()).toEqual([c.queue[0].id, c.queue[1].id].sort());
    });

    it('many concurrent withdrawals and removals: each freed seat to a different trainee, in queue order', async () => {
      const c = await fullClass(6, 8);
      // Half through the training API, half by taking the trainee off the event's list (invitations API).
      const res = await Promise.all(
        c.seated.map((s, i) =>
          i % 2 === 0
            ? ctx.http().post(`/api/training/enrollments/${s.id}/withdraw`).set(bearer(admin))
            : ctx.http().delete(`/api/events/${c.eventId}/participants/${s.participantId}`).set(bearer(admin)),
        ),
      );
      expect(res.map((r) => r.status < 300)).toEqual(c.seated.map(() => true));
      const after = await byId(c.eventId);
      expect(c.seated.map((s) => after.get(s.id)!.status)).toEqual(c.seated.map(() => 'withdrawn'));
      expect(c.queue.map((q) => after.get(q.id)!.status)).toEqual([...Array(6).fill('enrolled'), 'waitlisted', 'waitlisted']);
      expect(await seatsTaken(c.eventId)).toBe(6);
      const promotedParticipants = c.queue.slice(0, 6).map((q) => after.get(q.id)!.participantId);
      expect(new Set(promotedParticipants).size).toBe(6);
    });

    it('raising the capacity promotes as many as the new seats; lifting it promotes everyone; lowering below the seats taken is 409', async () => {
      const c = await fullClass(1, 4);
      const low = await patchClass(c.eventId, { capacity: 0 }).expect(400);
      expect(low.body.details[0].field).toBe('capacity');
      const r = await patchClass(c.eventId, { capacity: 3 }).expect(200);
      expect(r.body).toMatchObject({ capacity: 3, enrolled: 3, waitlisted: 2 });
      const after = await byId(c.eventId);
      expect(c.queue.map((q) => after.get(q.id)!.status)).toEqual(['enrolled', 'enrolled', 'waitlisted', 'waitlisted']);
      const below = await patchClass(c.eventId, { capacity: 2 }).expect(409);
      expect(below.body).toMatchObject({ code: 'training.capacity_below_enrolled', details: [{ field: 'capacity' }] });
      expect((await patchClass(c.eventId, { capacity: null }).expect(200)).body).toMatchObject({ capacity: null, enrolled: 5, waitlisted: 0 });
    });

    it('a waitlisted trainee can be withdrawn, and frees nobody else’s seat', async () => {
      const c = await fullClass(1, 2);
      const r = await ctx.http().post(`/api/training/enrollments/${c.queue[0].id}/withdraw`).set(bearer(admin)).expect(200);
      expect(r.body).toMatchObject({ status: 'withdrawn', participantId: null });
      const after = await byId(c.eventId);
      expect(after.get(c.queue[1].id)!.status).toBe('waitlisted');
      expect(after.get(c.seated[0].id)!.status).toBe('enrolled');
    });
  });

  describe('PATCH programs and classes', () => {
    it('changes a program with validation and audit; code and year stay once certificates are issued', async () => {
      const code = newCode('TH-P');
      const p = (await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code, name: 'Chương trình cũ', year: 2031, organizerOrganizationId: hostId, targetTrainees: 10 }).expect(201)).body;
      const patch = (body: object) => ctx.http().patch(`/api/training/programs/${p.id}`).set(bearer(admin)).send(body);
      const bad = await patch({ year: 1800, name: '', targetHeadcountPercent: 101 }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'targetHeadcountPercent', 'year']);
      expect((await patch({ name: null }).expect(400)).body.details).toEqual([{ field: 'name', message: 'may not be null' }]);
      const ok = await patch({ name: 'Kế hoạch tập huấn CNTT năm 2031', targetTrainees: null, topics: ['An toàn thông tin'] }).expect(200);
      expect(ok.body).toMatchObject({ code, name: 'Kế hoạch tập huấn CNTT năm 2031', targetTrainees: null, topics: ['An toàn thông tin'], year: 2031 });
      const [audit] = await db.query(`SELECT changes FROM audit_entries WHERE entity_id = $1 AND action = 'program_updated'`, [p.id]);
      expect(audit.changes).toEqual({ name: { from: 'Chương trình cũ', to: 'Kế hoạch tập huấn CNTT năm 2031' }, targetTrainees: { from: 10, to: null }, topics: { from: [], to: ['An toàn thông tin'] } });
      expect((await ctx.http().patch(`/api/training/programs/${randomUUID()}`).set(bearer(admin)).send({ name: 'x' }).expect(404)).body.code).toBe('training.program_not_found');
      await db.query('UPDATE training_programs SET certificate_seq = 1 WHERE id = $1', [p.id]); // as if one were issued
      const locked = await patch({ year: 2032 }).expect(409);
      expect(locked.body).toMatchObject({ code: 'training.certificates_issued', details: [{ field: 'year' }] });
      await patch({ year: 2031, code }).expect(200); // unchanged values are no change
    });

    it('changing the completion rule recomputes every trainee in the same request; a certificate keeps its number (revoked, then reinstated)', async () => {
      clock.set(hn('2031-04-01T09:00'));
      const days = ['2031-04-06', '2031-04-07', '2031-04-08', '2031-04-09', '2031-04-10'];
      const c = await newClass(days.map((d) => [`${d}T08:00`, `${d}T11:00`] as [string, string]));
      const four = (await enroll(c.eventId, (await f.person(hostId)).id).expect(201)).body as Enrollment;
      const three = (await enroll(c.eventId, (await f.person(hostId)).id).expect(201)).body as Enrollment;
      clock.set(hn('2031-04-10T12:00'));
      const plan = [['present', 'present', 'present', 'present', 'absent'], ['present', 'present', 'present', 'absent', 'absent']];
      for (let i = 0; i < 5; i++) await mark(c.eventId, c.sessionIds[i], [four, three].map((e, j) => ({ participantId: e.participantId, status: plan[j][i] }))).expect(200);
      let now = await byId(c.eventId);
      expect(now.get(four.id)).toMatchObject({ status: 'completed', certificate: { revoked: false } });
      expect(now.get(three.id)).toMatchObject({ status: 'incomplete', certificate: null });
      const number = now.get(four.id)!.certificate!.number;

      await patchClass(c.eventId, { minAttendancePercent: 60 }).expect(200);
      now = await byId(c.eventId);
      expect(now.get(three.id)).toMatchObject({ status: 'completed', certificate: { revoked: false } });
      const number3 = now.get(three.id)!.certificate!.number;

      await patchClass(c.eventId, { minAttendancePercent: 100 }).expect(200);
      now = await byId(c.eventId);
      expect(now.get(four.id)).toMatchObject({ status: 'incomplete', certificate: { number, revoked: true } });
      expect(now.get(three.id)).toMatchObject({ status: 'incomplete', certificate: { number: number3, revoked: true } });

      // A pass score is part of the rule too: back to 80 % with a pass score nobody has yet → enrolled (waiting for the score).
      await patchClass(c.eventId, { minAttendancePercent: 80, passScore: 5 }).expect(200);
      now = await byId(c.eventId);
      expect(now.get(four.id)).toMatchObject({ status: 'enrolled', certificate: { number, revoked: true } });
      await patchClass(c.eventId, { passScore: null }).expect(200);
      expect((await byId(c.eventId)).get(four.id)).toMatchObject({ status: 'completed', certificate: { number, revoked: false } });
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM training_certificates ce JOIN training_enrollments e ON e.id = ce.enrollment_id WHERE e.class_event_id = $1', [c.eventId]);
      expect(n).toBe(2);
      const audits = await db.query(`SELECT changes FROM audit_entries WHERE event_id = $1 AND action = 'training_class_updated' ORDER BY at`, [c.eventId]);
      expect(audits[0].changes).toEqual({ minAttendancePercent: { from: 80, to: 60 } });
      // The program stays while certificates carry its numbers.
      const other = (await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code: newCode('TH-O'), name: 'Chương trình khác', year: 2031, organizerOrganizationId: hostId }).expect(201)).body;
      expect((await patchClass(c.eventId, { programId: other.id }).expect(409)).body.code).toBe('training.certificates_issued');
    });

    it('sets the trainers (the missing join as trainer, the others leave), moves a class without certificates, refuses nonsense', async () => {
      const [t1, t2] = [await f.person(hostId), await f.person(hostId)];
      const c = await newClass([['2031-05-02T08:00', '2031-05-02T11:00']], { trainerPersonIds: [t1.id] });
      const r = await patchClass(c.eventId, { trainerPersonIds: [t2.id], externalTrainers: ['TS. Phạm Minh Đức'], hours: 3.5 }).expect(200);
      expect(r.body).toMatchObject({ trainers: [{ personId: t2.id }], externalTrainers: ['TS. Phạm Minh Đức'], hours: 3.5 });
      const bad = await patchClass(c.eventId, { minAttendancePercent: 0, passScore: 101, trainerPersonIds: ['x'] }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['minAttendancePercent', 'passScore', 'trainerPersonIds']);
      expect((await patchClass(c.eventId, { minAttendancePercent: null }).expect(400)).body.details[0]).toEqual({ field: 'minAttendancePercent', message: 'may not be null' });
      const unknown = await patchClass(c.eventId, { trainerPersonIds: [randomUUID()] }).expect(400);
      expect(unknown.body.details[0].field).toBe('trainerPersonIds.0');
      const other = (await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code: newCode('TH-M'), name: 'Chương trình mới', year: 2031, organizerOrganizationId: hostId }).expect(201)).body;
      const trainee = (await enroll(c.eventId, (await f.person(hostId)).id).expect(201)).body;
      expect((await patchClass(c.eventId, { programId: other.id }).expect(200)).body).toMatchObject({ programId: other.id });
      expect((await list(c.eventId)).find((e) => e.id === trainee.id)).toMatchObject({ programId: other.id });
    });
  });

  describe('hall-code check-in: completion in the same transaction as the mark', () => {
    async function checkInSetup() {
      clock.set(hn('2031-06-02T07:50'));
      const c = await newClass([['2031-06-02T08:00', '2031-06-02T11:00']]);
      const e = (await enroll(c.eventId, (await f.person(hostId)).id).expect(201)).body as Enrollment;
      await ctx.http().put(`/api/events/${c.eventId}/attendance/window`).set(bearer(admin)).send({ sessionId: c.sessionIds[0] }).expect(200);
      const code = (await ctx.http().get(`/api/events/${c.eventId}/attendance/code?sessionId=${c.sessionIds[0]}`).set(bearer(admin)).expect(200)).body.code as string;
      const byCode = () => ctx.http().post(`/api/rsvp/${ctx.app.get(InvitationLinks).issue('rsvp', e.participantId!)}/checkin`).send({ nonce: randomUUID(), code });
      return { ...c, e, byCode };
    }

    it('a hall-code check-in on the only session completes the trainee and issues the certificate in that request', async () => {
      const s = await checkInSetup();
      await s.byCode().expect(201);
      expect((await byId(s.eventId)).get(s.e.id)).toMatchObject({ status: 'completed', certificate: { revoked: false } });
    });

    it('a failure after the attendance write leaves neither the mark nor the completion written', async () => {
      const s = await checkInSetup();
      let failFor: string | null = s.e.participantId;
      ctx.app.get(AttendanceHooks).onRecorded(async (_eventId, participantIds) => {
        if (failFor && participantIds.includes(failFor)) throw new Error('injected failure after the attendance write');
      });
      const res = await s.byCode();
      expect(res.status).toBe(500);
      const rows = await db.query('SELECT status FROM attendance_records WHERE participant_id = $1', [s.e.participantId]);
      expect(rows).toEqual([]);
      expect((await byId(s.eventId)).get(s.e.id)).toMatchObject({ status: 'enrolled', certificate: null });
      failFor = null;
      await s.byCode().expect(201); // nothing half-written stands in the way
      expect((await byId(s.eventId)).get(s.e.id)).toMatchObject({ status: 'completed' });
    });
  });
});
