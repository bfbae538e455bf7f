import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../src/common/unit-of-work/unit-of-work';
import { InvitationLinks } from '../../src/invitations/public/links';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { attendanceEvent, clockOf, hn, nonce } from './support';

/**
 * A self check-in by code is one statement; it says itself whether attendance's listeners have work
 * (training's completion on save, for a trainee of a class), so a conference delegate's check-in
 * opens no transaction, while a trainee's still recomputes the completion.
 */
describe('attendance: a check-in by code runs the listeners only when they have work', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
  });
  afterAll(async () => {
    clockOf(ctx).set(null);
    await ctx.close();
  });

  it('a conference delegate: checked in with no unit of work; a trainee: the completion counts the session', async () => {
    const units = jest.spyOn(ctx.app.get(UnitOfWork), 'run');
    try {
      // A conference: the delegate checks in, no listener has work, no transaction.
      const ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-05-10T08:00', '2030-05-10T11:00']], people: 1 });
      await ev.openWindow(ev.sessionIds[0]);
      clockOf(ctx).set(hn('2030-05-10T07:50:00'));
      units.mockClear();
      await ev.byCode(ev.participantIds[0], { code: await ev.hallCode(ev.sessionIds[0]) }).expect(201);
      expect(units).not.toHaveBeenCalled();

      // A training class: the trainee's check-in recomputes the enrolment (one session of one attended).
      const hostId = (await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', code: `STTTT${randomUUID().slice(0, 6)}` })).id;
      const program = await ctx.http().post('/api/training/programs').set(bearer(admin)).send({
        code: `TH-HK${randomUUID().slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`, name: 'Kế hoạch tập huấn CNTT năm 2030', year: 2030, organizerOrganizationId: hostId,
        topics: ['An toàn thông tin'], targetClasses: 1, targetTrainees: 10,
      }).expect(201);
      const cls = await ctx.http().post('/api/events').set(bearer(admin)).send({
        kind: 'training_class', title: 'Lớp tập huấn an toàn thông tin', format: 'in_person', hostOrganizationId: hostId,
        venueName: `Phòng học ${randomUUID().slice(0, 8)}`, sessions: [{ startsAt: '2030-05-11T08:00', endsAt: '2030-05-11T11:00' }],
      }).expect(201);
      const eventId: string = cls.body.id;
      const sessionId: string = cls.body.sessions[0].id;
      await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
      await ctx.http().post(`/api/training/programs/${program.body.id}/classes`).set(bearer(admin)).send({ eventId }).expect(201);
      const trainee = await f.person(hostId);
      const enrolled = await ctx.http().post(`/api/events/${eventId}/enrollments`).set(bearer(admin)).send({ personId: trainee.id }).expect(201);
      const participantId: string = enrolled.body.participantId;
      await ctx.http().put(`/api/events/${eventId}/attendance/window`).set(bearer(admin)).send({ sessionId }).expect(200);
      clockOf(ctx).set(hn('2030-05-11T07:55:00'));
      const code = (await ctx.http().get(`/api/events/${eventId}/attendance/code?sessionId=${sessionId}`).set(bearer(admin)).expect(200)).body.code as string;
      units.mockClear();
      const token = ctx.app.get(InvitationLinks).issue('rsvp', participantId);
      await ctx.http().post(`/api/rsvp/${token}/checkin`).send({ nonce: nonce(), code }).expect(201);
      expect(units).toHaveBeenCalled();
      const [row] = await ctx.app.get(DataSource).query('SELECT sessions_attended, sessions_counted FROM training_enrollments WHERE participant_id = $1', [participantId]);
      expect(row).toEqual({ sessions_attended: 1, sessions_counted: 1 });
    } finally {
      units.mockRestore();
    }
  });
});
