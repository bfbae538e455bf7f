import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { attendanceEvent, clockOf, hn, nonce, rowsOf } from './support';

/** Self check-in by the hall code and by the personal QR code: every refusal with its reason, idempotency, the window, the rotating code. */
describe('attendance: check-in by code and by QR', () => {
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

  describe('each refusal answers its reason, is logged for the organizer, and writes no row', () => {
    type Ev = Awaited<ReturnType<typeof attendanceEvent>>;
    let ev: Ev;
    let other: Ev;
    beforeAll(async () => {
      ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-04-10T14:00', '2030-04-10T17:00']], people: 8 });
      other = await attendanceEvent(ctx, admin, f, { sessions: [['2030-04-11T08:00', '2030-04-11T11:00']], people: 1 });
      await ev.openWindow(ev.sessionIds[0]);
      // P[1] is withdrawn by the organizer; P[2] checks in first; P[3] types wrong codes.
      await ctx.http().delete(`/api/events/${ev.eventId}/participants/${ev.participantIds[1]}`).set(bearer(admin)).expect(204);
      clockOf(ctx).set(hn('2030-04-10T13:50:00'));
      await ev.byCode(ev.participantIds[2], { code: await ev.hallCode(ev.sessionIds[0]) }).expect(201);
    });

    const cases: [reason: string, status: number, run: () => Promise<{ status: number; body: { code: string; details: { field: string; message: string }[] } }>, pid: () => string][] = [
      ['not_invited', 403, async () => ev.byCode(ev.participantIds[1], { code: await ev.hallCode(ev.sessionIds[0]) }), () => ev.participantIds[1]],
      ['wrong_session', 409, async () => ev.byCode(ev.participantIds[4], { code: await ev.hallCode(ev.sessionIds[0]), sessionId: other.sessionIds[0] }), () => ev.participantIds[4]],
      ['outside_window', 409, async () => other.byCode(other.participantIds[0], { code: '123456' }), () => other.participantIds[0]],
      ['already_checked_in', 409, async () => ev.byCode(ev.participantIds[2], { code: await ev.hallCode(ev.sessionIds[0]) }), () => ev.participantIds[2]],
      ['bad_code', 400, async () => ev.byCode(ev.participantIds[5], { code: (Number(await ev.hallCode(ev.sessionIds[0])) + 1).toString().padStart(6, '0').slice(-6) }), () => ev.participantIds[5]],
      [
        'throttled', 429,
        async () => {
          for (let i = 0; i < 5; i++) await ev.byCode(ev.participantIds[3], { code: '000000' === (await ev.hallCode(ev.sessionIds[0])) ? '111111' : '000000' }).expect(400);
          // now even the right code is refused
          return ev.byCode(ev.participantIds[3], { code: await ev.hallCode(ev.sessionIds[0]) });
        },
        () => ev.participantIds[3],
      ],
      [
        'token_expired', 410,
        async () => {
          clockOf(ctx).set(hn('2030-04-10T17:00:01'));
          try {
            return await ev.byCode(ev.participantIds[6], { code: '123456' });
          } finally {
            clockOf(ctx).set(hn('2030-04-10T13:50:00'));
          }
        },
        () => ev.participantIds[6],
      ],
    ];

    it.each(cases)('%s → %i with that reason as its code, logged, no new row', async (reason, status, run, pid) => {
      const before = await rowsOf(ctx, pid());
      const res = await run();
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(`attendance.${reason}`);
      expect((await rowsOf(ctx, pid())).length).toBe(before.length);
      const log = [...(await ev.refusals()).items, ...(await other.refusals()).items] as { reason: string; participantId: string }[];
      expect(log.some((r) => r.reason === reason && r.participantId === pid())).toBe(true);
    });

    it('names the original time of an earlier check-in', async () => {
      const [row] = await rowsOf(ctx, ev.participantIds[2]);
      const res = await ev.byCode(ev.participantIds[2], { code: await ev.hallCode(ev.sessionIds[0]) }).expect(409);
      expect(res.body.details[0]).toEqual({ field: 'checkedInAt', message: new Date(row.recorded_at).toISOString() });
    });

    it('refuses a forged link with 404 and a malformed code with 400 naming the field', async () => {
      await ctx.http().post('/api/rsvp/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB/checkin').send({ nonce: nonce(), code: '123456' }).expect(404);
      const res = await ev.byCode(ev.participantIds[7], { code: '12ab' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['code']);
      const bad = await ev.byCode(ev.participantIds[7], { code: '123456', nonce: 'x' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['nonce']);
    });
  });

  it('is idempotent: the same request five times, or five at once, writes one row; replays answer already_checked_in with the original time', async () => {
    const ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-05-10T08:00', '2030-05-10T11:00']], people: 2 });
    await ev.openWindow(ev.sessionIds[0]);
    clockOf(ctx).set(hn('2030-05-10T07:55:00'));
    const code = await ev.hallCode(ev.sessionIds[0]);

    const n1 = nonce();
    const serial = [];
    for (let i = 0; i < 5; i++) serial.push(await ev.byCode(ev.participantIds[0], { code, nonce: n1 }));
    expect(serial.map((r) => r.status)).toEqual([201, 200, 200, 200, 200]);
    expect(serial.map((r) => r.body.result)).toEqual(['checked_in', 'already_checked_in', 'already_checked_in', 'already_checked_in', 'already_checked_in']);
    expect(new Set(serial.map((r) => r.body.checkedInAt)).size).toBe(1);
    expect(await rowsOf(ctx, ev.participantIds[0])).toHaveLength(1);

    const n2 = nonce();
    const together = await Promise.all(Array.from({ length: 5 }, () => ev.byCode(ev.participantIds[1], { code, nonce: n2 })));
    expect(together.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(together.map((r) => r.body.checkedInAt)).size).toBe(1);
    const rows = await rowsOf(ctx, ev.participantIds[1]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'present', nonce: n2, method: 'code' });
    expect(new Date(rows[0].recorded_at).toISOString()).toBe(together[0].body.checkedInAt);
  });

  it('opens the window N minutes early, marks late arrivals, and closes M minutes after the start', async () => {
    const ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-06-10T14:00', '2030-06-10T17:00']], people: 4 });
    await ev.openWindow(ev.sessionIds[0], { opensBeforeMinutes: 45, closesAfterMinutes: 20, lateAfterMinutes: 10 });
    const at = async (local: string, i: number) => {
      clockOf(ctx).set(hn(local));
      return ev.byCode(ev.participantIds[i], { code: await ev.hallCode(ev.sessionIds[0]) });
    };
    expect((await at('2030-06-10T13:14:59', 0)).body.code).toBe('attendance.outside_window');
    expect((await at('2030-06-10T13:15:00', 0)).body).toMatchObject({ result: 'checked_in', status: 'present' });
    expect((await at('2030-06-10T14:10:01', 1)).body).toMatchObject({ result: 'checked_in', status: 'late' });
    expect((await at('2030-06-10T14:20:00', 2)).status).toBe(201);
    expect((await at('2030-06-10T14:20:01', 3)).body.code).toBe('attendance.outside_window');
  });

  it('accepts the rotating code one interval old and refuses it two intervals old with bad_code', async () => {
    const ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-07-10T08:00', '2030-07-10T11:00']], people: 2 });
    await ev.openWindow(ev.sessionIds[0], { rotateSeconds: 60 });
    clockOf(ctx).set(hn('2030-07-10T07:50:10'));
    const shown = await ev.hallCode(ev.sessionIds[0]);
    clockOf(ctx).set(hn('2030-07-10T07:51:10')); // the next interval: the screen shows a new code
    expect(await ev.hallCode(ev.sessionIds[0])).not.toBe(shown);
    await ev.byCode(ev.participantIds[0], { code: shown }).expect(201);
    clockOf(ctx).set(hn('2030-07-10T07:52:10')); // two intervals later
    const res = await ev.byCode(ev.participantIds[1], { code: shown }).expect(400);
    expect(res.body.code).toBe('attendance.bad_code');
  });

  describe('QR scanned by an authorized and an unauthorized user', () => {
    let ev: Awaited<ReturnType<typeof attendanceEvent>>;
    beforeAll(async () => {
      ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-08-05T08:00', '2030-08-05T11:30'], ['2030-08-05T14:00', '2030-08-05T17:00']], people: 6 });
      clockOf(ctx).set(hn('2030-08-05T14:05:00'));
    });
    const scan = (token: string, pid: string, body: Record<string, unknown> = {}) => ctx.http().post(`/api/checkin/${ev.qrToken(pid)}`).set(bearer(token)).send({ nonce: nonce(), ...body });

    it('an organizer of the host marks the current session', async () => {
      const organizer = await ctx.tokenFor('organizer', ev.orgId);
      const res = await scan(organizer, ev.participantIds[0]).expect(201);
      expect(res.body).toMatchObject({ result: 'checked_in', sessionId: ev.sessionIds[1], status: 'present', method: 'qr' });
      const roster = await ev.roster(ev.sessionIds[1]);
      expect(roster.items.find((i: { participantId: string }) => i.participantId === ev.participantIds[0]).attendance).toMatchObject({ status: 'present', method: 'qr' });
    });

    it('a trainer on the event’s list may scan; another trainer, a viewer and an organizer of another agency may not', async () => {
      const trainerPerson = await f.person(ev.orgId, { fullName: 'Lê Đức Điện' });
      await ctx.http().post(`/api/events/${ev.eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: trainerPerson.id, role: 'trainer' }] }).expect(201);
      await ctx.app.get(AccountsService).ensureUser({ email: trainerPerson.email!, password: 'test-password-1', role: 'trainer', displayName: 'Lê Đức Điện', scopeOrganizationId: null });
      const login = await ctx.http().post('/api/auth/login').send({ email: trainerPerson.email, password: 'test-password-1' }).expect(200);
      await scan(login.body.accessToken, ev.participantIds[1]).expect(201);

      const elsewhere = await f.org();
      for (const token of [await ctx.tokenFor('trainer'), await ctx.tokenFor('viewer'), await ctx.tokenFor('organizer', elsewhere.id)]) {
        const res = await scan(token, ev.participantIds[2]).expect(403);
        expect(res.body.code).toBe('auth.forbidden');
      }
      expect(await rowsOf(ctx, ev.participantIds[2])).toHaveLength(0);
      await ctx.http().post(`/api/checkin/${ev.qrToken(ev.participantIds[2])}`).send({ nonce: nonce() }).expect(401);
    });

    it('refuses with reasons too: another event’s scan, an RSVP token used as a QR, the time between sessions', async () => {
      const res = await scan(admin, ev.participantIds[3], { eventId: (await f.org()).id }).expect(409);
      expect(res.body.code).toBe('attendance.wrong_session');
      await ctx.http().post(`/api/checkin/${ev.rsvpToken(ev.participantIds[3])}`).set(bearer(admin)).send({ nonce: nonce() }).expect(404);
      clockOf(ctx).set(hn('2030-08-05T12:30:00'));
      expect((await scan(admin, ev.participantIds[3]).expect(409)).body.code).toBe('attendance.outside_window');
      // an offline phone uploads a scan made during the morning session
      const late = await scan(admin, ev.participantIds[3], { offline: true, scannedAt: '2030-08-05T08:20' }).expect(201);
      expect(late.body).toMatchObject({ sessionId: ev.sessionIds[0], status: 'late' });
      const row = (await ev.roster(ev.sessionIds[0])).items.find((i: { participantId: string }) => i.participantId === ev.participantIds[3]).attendance;
      expect(row).toMatchObject({ offline: true, scannedAt: hn('2030-08-05T08:20:00').toISOString() });
      expect(row.recordedAt).toBe(hn('2030-08-05T12:30:00').toISOString());
      clockOf(ctx).set(hn('2030-08-05T14:05:00'));
    });
  });
});
