import { BridgePointsService } from '../../src/bridge-points/bridge-points.service';
import { InvitationLinks } from '../../src/invitations/public/links';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { clockOf, hn, nonce, rowsOf } from './support';

/** Attendance with bridge points: counted and named together, coordinators' QR scans, names ticked in a headcount. */
describe('attendance at bridge points', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let eventId: string;
  let sessionIds: string[];
  let points: { main: string; a: string; b: string };
  let pa: string[];
  let pb: string[];
  let elsewhere: string;
  const token = (pointId: string) => ctx.app.get(BridgePointsService).coordinatorUrl(pointId).split('/bridge/')[1];

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    const province = await f.province('UBND tỉnh Lào Cai');
    const bx = await f.org({ name: 'UBND huyện Bát Xát', kind: 'district', level: 'district', parentId: province.id });
    const sp = await f.org({ name: 'UBND huyện Sa Pa', kind: 'district', level: 'district', parentId: province.id });
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị trực tuyến sơ kết 7 tháng', format: 'online', hostOrganizationId: province.id,
      sessions: [{ startsAt: '2030-08-05T08:00', endsAt: '2030-08-05T11:30' }],
    }).expect(201);
    eventId = ev.body.id;
    sessionIds = ev.body.sessions.map((s: { id: string }) => s.id);
    const add = async (body: object) => (await ctx.http().post(`/api/events/${eventId}/bridge-points`).set(bearer(admin)).send({ videoProvider: 'vnpt_cvc', ...body }).expect(201)).body.id as string;
    points = {
      main: await add({ isMain: true, hostOrganizationId: province.id, roomName: 'Hội trường UBND tỉnh' }),
      a: await add({ hostOrganizationId: bx.id, roomName: 'Phòng họp UBND huyện Bát Xát' }),
      b: await add({ hostOrganizationId: sp.id, roomName: 'Phòng họp UBND huyện Sa Pa' }),
    };
    const people = [...(await Promise.all([0, 1, 2].map(() => f.person(bx.id)))), ...(await Promise.all([0, 1].map(() => f.person(sp.id)))), await f.person(province.id)];
    const added = (await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: people.map((p) => ({ personId: p.id, role: 'delegate' })) }).expect(201)).body.map((p: { id: string }) => p.id);
    pa = added.slice(0, 3);
    pb = added.slice(3, 5);
    elsewhere = added[5];
    await ctx.http().put(`/api/events/${eventId}/bridge-points/${points.a}/participants`).set(bearer(admin)).send({ participantIds: pa }).expect(200);
    await ctx.http().put(`/api/events/${eventId}/bridge-points/${points.b}/participants`).set(bearer(admin)).send({ participantIds: pb }).expect(200);
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
    for (const to of ['rehearsed', 'ready']) await ctx.http().post(`/api/events/${eventId}/bridge-points/${points.a}/readiness`).set(bearer(admin)).send({ readiness: to }).expect(204);
    clockOf(ctx).set(hn('2030-08-05T08:20:00'));
  });
  afterAll(async () => {
    clockOf(ctx).set(null);
    await ctx.close();
  });

  it('a coordinator scans the QR codes of their own point’s participants only', async () => {
    const qr = (pid: string) => ctx.app.get(InvitationLinks).issue('checkin', pid);
    const scan = (pointId: string, pid: string, header = token(pointId)) => ctx.http().post(`/api/bridge/${pointId}/checkin/${qr(pid)}`).set('x-bridge-token', header).send({ nonce: nonce() });
    const ok = await scan(points.b, pb[0]).expect(201);
    expect(ok.body).toMatchObject({ result: 'checked_in', sessionId: sessionIds[0], method: 'qr' });
    const other = await scan(points.b, pa[0]).expect(403);
    expect(other.body).toMatchObject({ code: 'auth.forbidden', message: 'Not a participant of your bridge point' });
    expect(await rowsOf(ctx, pa[0])).toEqual([]);
    // Point A's token on point B's route is refused before anything is read.
    const cross = await scan(points.b, pb[1], token(points.a)).expect(403);
    expect(cross.body.code).toBe('bridge_points.wrong_point');
    await ctx.http().post(`/api/bridge/${points.b}/checkin/${qr(pb[1])}`).send({ nonce: nonce() }).expect(401);
  });

  it('names ticked in a headcount are recorded as present (site_report) in the running session, inside the count', async () => {
    await ctx.http().post(`/api/bridge/${points.a}/headcount`).set('x-bridge-token', token(points.a)).send({ present: 10, participantIds: [pa[0], pa[1]] }).expect(201);
    for (const pid of [pa[0], pa[1]]) expect(await rowsOf(ctx, pid)).toEqual([expect.objectContaining({ status: 'present', method: 'site_report' })]);
    expect(await rowsOf(ctx, pa[2])).toEqual([]);
  });

  it('the summary counts named and counted together without counting anyone twice', async () => {
    // Someone at no point, checked in by the organizer.
    await ctx.http().post(`/api/checkin/${ctx.app.get(InvitationLinks).issue('checkin', elsewhere)}`).set(bearer(admin)).send({ nonce: nonce() }).expect(201);
    const s = (await ctx.http().get(`/api/events/${eventId}/attendance/summary`).set(bearer(admin)).expect(200)).body;
    const byId = new Map(s.perPoint.map((p: { pointId: string }) => [p.pointId, p]));
    // A: 10 counted, 2 of them named → 10; B: no count, 1 named by QR → 1; the main hall: nothing.
    expect(byId.get(points.a)).toMatchObject({ countedHeadcount: 10, named: 2, total: 10, readiness: 'ready' });
    expect(byId.get(points.b)).toMatchObject({ countedHeadcount: null, named: 1, total: 1, readiness: 'untested' });
    expect(byId.get(points.main)).toMatchObject({ main: true, total: 0 });
    expect(s.combinedTotal).toBe(10 + 1 + 1);
    expect(s.pointsByReadiness).toEqual({ ready: 1, untested: 2 });
    // A new headcount replaces the old one in the summary too.
    await ctx.http().post(`/api/bridge/${points.a}/headcount`).set('x-bridge-token', token(points.a)).send({ present: 7 }).expect(201);
    const again = (await ctx.http().get(`/api/events/${eventId}/attendance/summary`).set(bearer(admin)).expect(200)).body;
    expect(again.combinedTotal).toBe(7 + 1 + 1);
  });
});
