import ICAL from 'ical.js';
import type { DataSource } from 'typeorm';
import { BridgePointsService } from '../../src/bridge-points/bridge-points.service';
import { Clock } from '../../src/common/time/clock';
import { bearer, type TestContext } from '../support/app';
import type { Factories } from '../support/factories';
import { type MailApp, mailSettled, startMailApp, until } from '../support/mail-app';
import type { ReceivedMail, SmtpSink } from '../support/smtp-sink';

const HOUR = 3_600_000;
/** "2031-05-06T14:00" in Hà Nội for an instant. */
const hanoi = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 16);

describe('bridge points (điểm cầu)', () => {
  let app: MailApp;
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let db: DataSource;
  let sink: SmtpSink;
  let province: { id: string };
  let districts: { id: string; name: string }[];
  let adminEmail: string;

  beforeAll(async () => {
    app = await startMailApp();
    ({ ctx, admin, f, db, sink } = app);
    adminEmail = (await ctx.http().get('/api/auth/me').set(bearer(admin)).expect(200)).body.email;
    province = await f.province('UBND tỉnh Hà Giang');
    const names = ['TP Hà Giang', 'Đồng Văn', 'Mèo Vạc', 'Yên Minh', 'Quản Bạ', 'Vị Xuyên', 'Bắc Mê', 'Hoàng Su Phì', 'Xín Mần', 'Bắc Quang', 'Quang Bình'];
    districts = [];
    for (const n of names) districts.push(await f.org({ name: `UBND huyện ${n}`, kind: 'district', level: 'district', parentId: province.id }));
    // A department under the province is not a district point.
    await f.org({ name: 'Sở Nội vụ tỉnh Hà Giang', kind: 'department', level: 'province', parentId: province.id });
  });
  afterAll(() => app.close());

  async function event(opts: { startMs?: number; hours?: number; format?: string; title?: string } = {}) {
    const start = opts.startMs ?? Date.now() + 30 * 24 * HOUR;
    const res = await ctx
      .http()
      .post('/api/events')
      .set(bearer(admin))
      .send({
        kind: 'conference',
        title: opts.title ?? 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT',
        format: opts.format ?? 'online',
        hostOrganizationId: province.id,
        ...(opts.format === 'in_person' || opts.format === 'hybrid' ? { venueName: 'Hội trường lớn UBND tỉnh' } : {}),
        onlineUrl: 'https://hop.hagiang.example.gov.vn/event',
        sessions: [{ startsAt: hanoi(start), endsAt: hanoi(start + (opts.hours ?? 3) * HOUR) }],
      })
      .expect(201);
    return res.body.id as string;
  }
  const points = (eventId: string) => `/api/events/${eventId}/bridge-points`;
  const addPoint = (eventId: string, body: object, status = 201) =>
    ctx.http().post(points(eventId)).set(bearer(admin)).send({ videoProvider: 'vnpt_cvc', ...body }).expect(status);
  const publish = (eventId: string, status = 200) => ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(status);

  it('a 1+11 conference: one main point and one point for every district of the province in one call, 12 in all', async () => {
    const id = await event();
    await addPoint(id, { isMain: true, hostOrganizationId: province.id, roomName: 'Hội trường UBND tỉnh' });
    const res = await ctx.http().post(`${points(id)}/districts`).set(bearer(admin)).send({ organizationId: province.id, videoProvider: 'vnpt_cvc' }).expect(201);
    expect(res.body.points).toHaveLength(12);
    expect(res.body.points[0]).toMatchObject({ isMain: true, readiness: 'untested' });
    expect(new Set(res.body.points.slice(1).map((p: { hostOrganizationId: string }) => p.hostOrganizationId))).toEqual(new Set(districts.map((d) => d.id)));
    expect(res.body.byReadiness).toEqual({ untested: 12, rehearsed: 0, ready: 0, fault: 0 });
    // Again: every district has its point already.
    const again = await ctx.http().post(`${points(id)}/districts`).set(bearer(admin)).send({ organizationId: province.id, videoProvider: 'vnpt_cvc' }).expect(201);
    expect(again.body.points).toHaveLength(12);
    // A second main point, and the same room twice, are refused with their codes.
    const second = await addPoint(id, { isMain: true, hostOrganizationId: districts[0].id, roomName: 'Phòng khác' }, 409);
    expect(second.body).toMatchObject({ code: 'bridge_points.main_taken', details: [{ field: 'isMain' }] });
    const twice = await addPoint(id, { hostOrganizationId: districts[0].id, roomName: 'phong hop truc tuyen' }, 409);
    expect(twice.body.code).toBe('bridge_points.room_taken');
    // The default rehearsal is the working day before.
    expect(new Date(res.body.points[0].rehearsalAt).getTime()).toBeLessThan(Date.now() + 30 * 24 * HOUR);
  });

  it('refuses points on an in-person event and an organization without districts', async () => {
    const inPerson = await event({ format: 'in_person' });
    const res = await addPoint(inPerson, { hostOrganizationId: province.id, roomName: 'Hội trường' }, 409);
    expect(res.body.code).toBe('bridge_points.not_online');
    const id = await event();
    const none = await ctx.http().post(`${points(id)}/districts`).set(bearer(admin)).send({ organizationId: districts[0].id, videoProvider: 'zoom' }).expect(400);
    expect(none.body).toMatchObject({ code: 'bridge_points.no_districts', details: [{ field: 'organizationId' }] });
  });

  it('readiness: untested → rehearsed → ready, fault with its kind and back to rehearsed; every transition audited; skipping is a 409', async () => {
    const id = await event();
    const p = (await addPoint(id, { hostOrganizationId: districts[1].id, roomName: 'Phòng họp UBND huyện Đồng Văn' })).body;
    const url = `${points(id)}/${p.id}/readiness`;
    const skip = await ctx.http().post(url).set(bearer(admin)).send({ readiness: 'ready' }).expect(409);
    expect(skip.body).toMatchObject({ code: 'bridge_points.illegal_readiness', details: [{ field: 'readiness', message: 'is untested' }] });
    await ctx.http().post(url).set(bearer(admin)).send({ readiness: 'rehearsed', note: 'Âm thanh, hình ảnh tốt' }).expect(204);
    const noKind = await ctx.http().post(url).set(bearer(admin)).send({ readiness: 'fault' }).expect(400);
    expect(noKind.body).toMatchObject({ code: 'bridge_points.fault_required', details: [{ field: 'fault' }] });
    await ctx.http().post(url).set(bearer(admin)).send({ readiness: 'fault', fault: 'no_sound', note: 'Mất tiếng' }).expect(204);
    await ctx.http().post(url).set(bearer(admin)).send({ readiness: 'rehearsed', note: 'Đã thay micro' }).expect(204);
    await ctx.http().post(url).set(bearer(admin)).send({ readiness: 'ready' }).expect(204);
    const timeline = (await ctx.http().get(`${points(id)}/${p.id}/timeline`).set(bearer(admin)).expect(200)).body;
    expect(timeline.map((t: { from: string; to: string }) => `${t.from}→${t.to}`)).toEqual(['untested→rehearsed', 'rehearsed→fault', 'fault→rehearsed', 'rehearsed→ready']);
    expect(timeline[1]).toMatchObject({ kind: 'readiness', fault: 'no_sound', note: 'Mất tiếng', actor: adminEmail });
    // Another video system: the test was of something else, the point is untested again.
    const changed = await ctx.http().patch(`${points(id)}/${p.id}`).set(bearer(admin)).send({ videoProvider: 'zoom', meetingId: '845 1234 5678' }).expect(200);
    expect(changed.body.readiness).toBe('untested');
  });

  it('from 60 minutes before the start, points not ready are flagged and the organizer is mailed once', async () => {
    const id = await event({ startMs: Date.now() + 40 * 60_000, title: 'Giao ban trực tuyến sắp diễn ra' });
    const ready = (await addPoint(id, { isMain: true, hostOrganizationId: province.id, roomName: 'Hội trường tầng 3' })).body;
    await addPoint(id, { hostOrganizationId: districts[2].id, roomName: 'Phòng họp UBND huyện Mèo Vạc' });
    for (const to of ['rehearsed', 'ready']) await ctx.http().post(`${points(id)}/${ready.id}/readiness`).set(bearer(admin)).send({ readiness: to }).expect(204);
    await publish(id);
    const list = (await ctx.http().get(points(id)).set(bearer(admin)).expect(200)).body;
    expect(list.notReady).toBe(1);
    expect(list.points.map((p: { flagged: boolean }) => p.flagged)).toEqual([false, true]);
    await until(() => sink.to(adminEmail).some((m) => m.parsed.subject!.startsWith('Cảnh báo')));
    const alert = sink.to(adminEmail).filter((m) => m.parsed.subject!.startsWith('Cảnh báo'));
    expect(alert[0].parsed.subject).toBe('Cảnh báo: 1 điểm cầu chưa sẵn sàng – Giao ban trực tuyến sắp diễn ra');
    expect(alert[0].parsed.text).toContain('Phòng họp UBND huyện Mèo Vạc');
    // More changes (a point edited, another added) do not mail again.
    await addPoint(id, { hostOrganizationId: districts[3].id, roomName: 'Phòng họp UBND huyện Yên Minh' });
    await ctx.http().patch(`${points(id)}/${ready.id}`).set(bearer(admin)).send({ expectedAttendance: 80 }).expect(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.to(adminEmail).filter((m) => m.parsed.subject!.startsWith('Cảnh báo'))).toHaveLength(1);
  });

  it('the T-60 job moves with the event and goes when it is cancelled', async () => {
    const start = Date.now() + 3 * 24 * HOUR;
    const id = await event({ startMs: start });
    await addPoint(id, { hostOrganizationId: districts[4].id, roomName: 'Phòng họp UBND huyện Quản Bạ' });
    await publish(id);
    // Open (pending, or already handed to BullMQ as a delayed job) or cancelled.
    const jobs = () =>
      db.query(`SELECT CASE WHEN status IN ('pending', 'queued') THEN 'open' ELSE status END AS status, run_at FROM outbox WHERE topic = $1 ORDER BY created_at, id`, [`bridge:${id}`]);
    expect(await jobs()).toEqual([{ status: 'open', run_at: new Date(Math.floor(start / 60_000) * 60_000 - HOUR) }]);
    const moved = Math.floor(start / 60_000) * 60_000 + 30 * 60_000;
    await ctx.http().patch(`/api/events/${id}`).set(bearer(admin)).send({ sessions: [{ startsAt: hanoi(moved), endsAt: hanoi(moved + 3 * HOUR) }] }).expect(200);
    expect(await jobs()).toEqual([
      { status: 'cancelled', run_at: new Date(Math.floor(start / 60_000) * 60_000 - HOUR) },
      { status: 'open', run_at: new Date(moved - HOUR) },
    ]);
    await ctx.http().post(`/api/events/${id}/cancel`).set(bearer(admin)).expect(200);
    expect((await jobs()).map((j: { status: string }) => j.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('mails each point’s technician the coordinator link, the join details with the passcode and the rehearsal time', async () => {
    const id = await event({ startMs: Date.now() + 10 * 24 * HOUR, title: 'Hội nghị giao ban CNTT tháng 12' });
    const tech = await f.person(districts[0].id, { fullName: 'Nguyễn Văn Kỹ', email: 'ky.nv@tphagiang.example.gov.vn' });
    await addPoint(id, { hostOrganizationId: districts[0].id, roomName: 'Phòng họp trực tuyến TP Hà Giang', contactPersonId: tech.id, meetingId: '3003', passcode: 'TP-3003' });
    await addPoint(id, { hostOrganizationId: districts[1].id, roomName: 'Phòng họp UBND huyện Đồng Văn (không có kỹ thuật viên)' });
    const res = await ctx.http().post(`${points(id)}/send-links`).set(bearer(admin)).expect(202);
    expect(res.body).toEqual({ queued: 1, withoutContact: 1 });
    await until(() => sink.to(tech.email!).length === 1);
    const mail = sink.to(tech.email!)[0];
    expect(mail.parsed.subject).toBe('Điều phối điểm cầu Phòng họp trực tuyến TP Hà Giang – UBND huyện TP Hà Giang – Hội nghị giao ban CNTT tháng 12');
    expect(mail.parsed.text).toContain('Mật khẩu phòng họp');
    expect(mail.parsed.text).toContain('TP-3003');
    expect(mail.parsed.text).toMatch(/Lịch chạy thử: \d\d\/\d\d\/\d{4} 14:00/);
    const link = /https?:\/\/\S+\/bridge\/[\w.-]+/.exec(mail.parsed.text!)![0];
    const page = await ctx.http().get(new URL(link).pathname).expect(200);
    expect(page.text).toContain('Phòng họp trực tuyến TP Hà Giang');
  });

  describe('clashes are refused before the invitations go out', () => {
    it('the same room of the same organization in two overlapping published events: publish is 409 naming the other event', async () => {
      const start = Date.now() + 60 * 24 * HOUR;
      const first = await event({ startMs: start, title: 'Hội nghị A' });
      await addPoint(first, { hostOrganizationId: districts[5].id, roomName: 'Phòng họp trực tuyến UBND huyện Vị Xuyên' });
      await publish(first);
      const second = await event({ startMs: start + 2 * HOUR, title: 'Hội nghị B' });
      await addPoint(second, { hostOrganizationId: districts[5].id, roomName: 'phòng họp trực tuyến ubnd huyện vị xuyên' });
      const refused = await publish(second, 409);
      expect(refused.body.code).toBe('bridge_points.clash');
      expect(refused.body.message).toContain('Hội nghị A');
      expect(refused.body.details[0].message).toContain(first);
      expect((await ctx.http().get(`/api/events/${second}`).set(bearer(admin))).body.status).toBe('draft');
      // Moved apart, it publishes; moved back onto the other, the move is refused.
      const later = start + 5 * HOUR;
      await ctx.http().patch(`/api/events/${second}`).set(bearer(admin)).send({ sessions: [{ startsAt: hanoi(later), endsAt: hanoi(later + 2 * HOUR) }] }).expect(200);
      await publish(second);
      const back = await ctx.http().patch(`/api/events/${second}`).set(bearer(admin)).send({ sessions: [{ startsAt: hanoi(start + HOUR), endsAt: hanoi(start + 2 * HOUR) }] }).expect(409);
      expect(back.body.code).toBe('bridge_points.clash');
    });

    it('the same MCU meeting id on the same system: adding it to a published event is 409, and sending checks again', async () => {
      const start = Date.now() + 90 * 24 * HOUR;
      const first = await event({ startMs: start });
      await addPoint(first, { isMain: true, hostOrganizationId: province.id, roomName: 'Phòng họp số 1', meetingId: '9001 2222' });
      await publish(first);
      const second = await event({ startMs: start + HOUR });
      await publish(second);
      const refused = await addPoint(second, { isMain: true, hostOrganizationId: districts[6].id, roomName: 'Phòng họp số 2', meetingId: '90012222' }, 409);
      expect(refused.body).toMatchObject({ code: 'bridge_points.clash' });
      // Another system with the same number is another meeting.
      await addPoint(second, { isMain: true, hostOrganizationId: districts[6].id, roomName: 'Phòng họp số 2', meetingId: '90012222', videoProvider: 'zoom' });
      // A clash that got into the data some other way (an import, a race) still stops the invitations.
      await db.query(`UPDATE bridge_points SET video_provider = 'vnpt_cvc' WHERE event_id = $1`, [second]);
      const send = await ctx.http().post(`/api/events/${second}/invitations/send`).set(bearer(admin)).expect(409);
      expect(send.body.code).toBe('bridge_points.clash');
    });
  });

  describe('coordinator links', () => {
    let eventId: string;
    let pts: { id: string; hostOrganizationId: string; coordinatorUrl: string }[];
    const tokenOf = (p: { coordinatorUrl: string }) => p.coordinatorUrl.split('/bridge/')[1];

    beforeAll(async () => {
      eventId = await event({ startMs: Date.now() + 2 * 24 * HOUR });
      await addPoint(eventId, { isMain: true, hostOrganizationId: province.id, roomName: 'Hội trường UBND tỉnh', passcode: '246810' });
      await ctx.http().post(`${points(eventId)}/districts`).set(bearer(admin)).send({ organizationId: province.id, videoProvider: 'vnpt_cvc' }).expect(201);
      await publish(eventId);
      pts = (await ctx.http().get(points(eventId)).set(bearer(admin)).expect(200)).body.points;
    });

    it('opens its own point with the passcode; a forged token is 401 and point X’s token on point Y is 403', async () => {
      const [main, a, b] = pts;
      const view = await ctx.http().get(`/api/bridge/${main.id}`).set('x-bridge-token', tokenOf(main)).expect(200);
      expect(view.body.point).toMatchObject({ id: main.id, passcode: '246810', readiness: 'untested' });
      const forged = await ctx.http().get(`/api/bridge/${a.id}`).set('x-bridge-token', tokenOf(a).slice(0, -2) + 'AA').expect(401);
      expect(forged.body.code).toBe('bridge_points.token_invalid');
      const cross = await ctx.http().post(`/api/bridge/${b.id}/headcount`).set('x-bridge-token', tokenOf(a)).send({ present: 5 }).expect(403);
      expect(cross.body).toMatchObject({ code: 'bridge_points.wrong_point', details: [{ field: 'pointId' }] });
      expect((await ctx.http().get(`${points(eventId)}/${b.id}/headcounts`).set(bearer(admin))).body).toEqual([]);
      // A viewer sees the points without passcodes or links.
      const viewer = await ctx.tokenFor('viewer');
      const seen = (await ctx.http().get(points(eventId)).set(bearer(viewer)).expect(200)).body.points[0];
      expect(seen).not.toHaveProperty('passcode');
      expect(seen).not.toHaveProperty('coordinatorUrl');
    });

    it('a new headcount replaces the previous one (kept in history), never adds to it', async () => {
      const p = pts[1];
      const h = (body: object) => ctx.http().post(`/api/bridge/${p.id}/headcount`).set('x-bridge-token', tokenOf(p)).send(body);
      await h({ present: 12, agencies: [{ organizationId: p.hostOrganizationId, present: 10 }] }).expect(201);
      await h({ present: 15, excused: 2, substitutes: 1, agencies: [{ organizationId: p.hostOrganizationId, present: 15 }] }).expect(201);
      const current = (await ctx.http().get(`${points(eventId)}/${p.id}`).set(bearer(admin)).expect(200)).body.headcount;
      expect(current).toMatchObject({ present: 15, excused: 2, substitutes: 1, actor: 'coordinator', agencies: [{ organizationId: p.hostOrganizationId, present: 15 }] });
      const history = (await ctx.http().get(`${points(eventId)}/${p.id}/headcounts`).set(bearer(admin)).expect(200)).body;
      expect(history.map((x: { present: number }) => x.present)).toEqual([15, 12]);
      // Lines that add up to more than the total are refused, naming the field.
      const bad = await h({ present: 3, agencies: [{ organizationId: p.hostOrganizationId, present: 4 }] }).expect(400);
      expect(bad.body).toMatchObject({ code: 'bridge_points.headcount_inconsistent', details: [{ field: 'agencies' }] });
    });

    it('eleven points reporting at once sum correctly', async () => {
      const remote = pts.slice(1);
      await Promise.all(remote.map((p, i) => ctx.http().post(`/api/bridge/${p.id}/headcount`).set('x-bridge-token', tokenOf(p)).send({ present: 20 + i }).expect(201)));
      const list = (await ctx.http().get(points(eventId)).set(bearer(admin)).expect(200)).body.points as { isMain: boolean; headcount: { present: number } }[];
      const sum = list.filter((p) => !p.isMain).reduce((n, p) => n + p.headcount.present, 0);
      expect(sum).toBe(remote.reduce((n, _, i) => n + 20 + i, 0));
    });

    it('reports rehearsal and live status with a timeline, and expires a day after the event', async () => {
      const p = pts[2];
      const post = (path: string, body: object) => ctx.http().post(`/api/bridge/${p.id}/${path}`).set('x-bridge-token', tokenOf(p)).send(body);
      await post('readiness', { readiness: 'rehearsed', note: 'Chạy thử lúc 14:00' }).expect(204);
      await post('live', { status: 'connected' }).expect(204);
      await post('live', { status: 'degraded', note: 'Hình giật' }).expect(204);
      await post('incidents', { note: 'Mất điện 2 phút', fault: 'link_lost' }).expect(204);
      const timeline = (await ctx.http().get(`${points(eventId)}/${p.id}/timeline`).set(bearer(admin)).expect(200)).body;
      expect(timeline.map((t: { kind: string; to: string | null }) => `${t.kind}:${t.to}`)).toEqual(['readiness:rehearsed', 'live:connected', 'live:degraded', 'incident:null']);
      expect(timeline.every((t: { actor: string }) => t.actor === 'coordinator')).toBe(true);
      const clock = ctx.app.get(Clock);
      try {
        clock.set(new Date(Date.now() + 2 * 24 * HOUR + 3 * HOUR + 25 * HOUR));
        const expired = await ctx.http().get(`/api/bridge/${p.id}`).set('x-bridge-token', tokenOf(p)).expect(410);
        expect(expired.body.code).toBe('bridge_points.token_expired');
      } finally {
        clock.set(null);
      }
    });
  });

  describe('participants at their point', () => {
    const LOCATION = (m: ReceivedMail) => {
      const vevent = new ICAL.Component(ICAL.parse(m.calendar!.raw)).getFirstSubcomponent('vevent')!;
      return { location: vevent.getFirstPropertyValue('location'), sequence: Number(vevent.getFirstPropertyValue('sequence')), description: String(vevent.getFirstPropertyValue('description')) };
    };

    it('the invitation shows the participant’s point and its join details; moving one participant mails that participant alone', async () => {
      const eventId = await event({ startMs: Date.now() + 20 * 24 * HOUR });
      const a = (await addPoint(eventId, { hostOrganizationId: districts[7].id, roomName: 'Phòng họp UBND huyện Hoàng Su Phì', address: 'Thị trấn Vinh Quang', meetingId: '7001', passcode: 'HSP-7001' })).body;
      const b = (await addPoint(eventId, { hostOrganizationId: districts[8].id, roomName: 'Phòng họp UBND huyện Xín Mần', meetingId: '7002', passcode: 'XM-7002' })).body;
      await publish(eventId);
      const p1 = await f.person(districts[7].id, { fullName: 'Sùng Mí Páo', email: 'pao.sm@hoangsuphi.example.gov.vn' });
      const p2 = await f.person(districts[8].id, { fullName: 'Lò Thị Mai', email: 'mai.lt@xinman.example.gov.vn' });
      const added = (await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: p1.id, role: 'delegate' }, { personId: p2.id, role: 'delegate' }] }).expect(201)).body;
      const [pa, pb] = added.map((x: { id: string }) => x.id);
      await ctx.http().put(`${points(eventId)}/${a.id}/participants`).set(bearer(admin)).send({ participantIds: [pa] }).expect(200);
      await ctx.http().put(`${points(eventId)}/${b.id}/participants`).set(bearer(admin)).send({ participantIds: [pb] }).expect(200);
      await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
      await mailSettled(db, eventId);
      const first = LOCATION(sink.to(p1.email!)[0]);
      expect(first.location).toBe('Phòng họp UBND huyện Hoàng Su Phì – UBND huyện Hoàng Su Phì, Thị trấn Vinh Quang');
      expect(first.description).toContain('Mật khẩu phòng họp: HSP-7001');
      expect(sink.to(p1.email!)[0].parsed.text).toContain('HSP-7001');
      // Point B's passcode never reaches point A's participant, nor the other way round.
      expect(sink.to(p1.email!)[0].raw).not.toContain('XM-7002');
      expect(sink.to(p2.email!)[0].raw).not.toContain('HSP-7001');

      const before = { p1: sink.to(p1.email!).length, p2: sink.to(p2.email!).length };
      const moved = await ctx.http().put(`${points(eventId)}/${b.id}/participants`).set(bearer(admin)).send({ participantIds: [pa, pb] }).expect(200);
      expect(moved.body).toEqual({ assigned: 1, moved: 1, mailed: 1 });
      await mailSettled(db, eventId);
      await until(() => sink.to(p1.email!).length === before.p1 + 1);
      const update = sink.to(p1.email!).at(-1)!;
      expect(update.parsed.subject).toMatch(/^Thay đổi/);
      expect(update.parsed.text).toContain('Điểm cầu mới của đồng chí: Phòng họp UBND huyện Xín Mần');
      expect(LOCATION(update)).toMatchObject({ location: 'Phòng họp UBND huyện Xín Mần – UBND huyện Xín Mần', sequence: first.sequence + 1 });
      expect(sink.to(p2.email!)).toHaveLength(before.p2);
      const inB = (await ctx.http().get(`${points(eventId)}/${b.id}/participants`).set(bearer(admin)).expect(200)).body;
      expect(inB.map((x: { fullName: string }) => x.fullName).sort()).toEqual(['Lò Thị Mai', 'Sùng Mí Páo']);
      // Someone who is not a participant of the event is refused, naming the entry.
      const stranger = await ctx.http().put(`${points(eventId)}/${b.id}/participants`).set(bearer(admin)).send({ participantIds: [a.id] }).expect(400);
      expect(stranger.body).toMatchObject({ code: 'bridge_points.not_a_participant', details: [{ field: 'participantIds.0' }] });
    });

    it('asks for a participant’s point only of those at one: the mails of an event without points run no query for it', async () => {
      // Every statement the app runs, from TypeORM's logger; the site query is bridge-points' `sitesOf`.
      const seen: string[] = [];
      const original = db.logger.logQuery;
      db.logger.logQuery = (sql, params, runner) => (seen.push(sql), original.call(db.logger, sql, params, runner));
      const siteQueries = () => seen.filter((q) => /FROM bridge_point_assignments a\s+JOIN bridge_points bp[\s\S]*participant_id = ANY/.test(q)).length;
      const invite = async (eventId: string, names: string[], district: { id: string }) => {
        const people = [];
        for (const fullName of names) people.push(await f.person(district.id, { fullName }));
        const added = (await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: people.map((p) => ({ personId: p.id, role: 'delegate' })) }).expect(201)).body;
        return { people, ids: added.map((x: { id: string }) => x.id) as string[] };
      };
      const send = async (eventId: string, emails: string[]) => {
        seen.length = 0;
        await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
        await mailSettled(db, eventId);
        await until(() => emails.every((e) => sink.to(e).length === 1));
        return siteQueries();
      };
      try {
        // No points: three invitations, the event's own link, and not one site query.
        const bare = await event({ title: 'Hội nghị trực tuyến không có điểm cầu' });
        await publish(bare);
        const none = await invite(bare, ['Hầu A Lềnh', 'Giàng Thị Dua', 'Lù Văn Sáng'], districts[1]);
        expect(await send(bare, none.people.map((p) => p.email!))).toBe(0);
        for (const p of none.people) {
          const text = sink.to(p.email!)[0].parsed.text!;
          expect(text).toContain('https://hop.hagiang.example.gov.vn/event');
          expect(text).not.toContain('Điểm cầu của đồng chí');
        }
        // One point, one of three participants at it: one site query, for that one's mail; the others as before.
        const withPoint = await event({ title: 'Hội nghị trực tuyến có một điểm cầu' });
        const point = (await addPoint(withPoint, { hostOrganizationId: districts[2].id, roomName: 'Phòng họp UBND huyện Mèo Vạc', meetingId: '7301', passcode: 'MV-7301' })).body;
        await publish(withPoint);
        const some = await invite(withPoint, ['Vừ Mí Chớ', 'Sình Thị Mỷ', 'Ly Seo Dình'], districts[2]);
        await ctx.http().put(`${points(withPoint)}/${point.id}/participants`).set(bearer(admin)).send({ participantIds: [some.ids[0]] }).expect(200);
        expect(await send(withPoint, some.people.map((p) => p.email!))).toBe(1);
        expect(sink.to(some.people[0].email!)[0].parsed.text).toContain('Điểm cầu của đồng chí');
        expect(sink.to(some.people[0].email!)[0].parsed.text).toContain('MV-7301');
        for (const p of some.people.slice(1)) expect(sink.to(p.email!)[0].parsed.text).not.toContain('MV-7301');
      } finally {
        db.logger.logQuery = original;
      }
    });

    it('names ticked by a coordinator must be the point’s own invitees and are counted within the headcount', async () => {
      const eventId = await event({ startMs: Date.now() + 21 * 24 * HOUR });
      const a = (await addPoint(eventId, { hostOrganizationId: districts[9].id, roomName: 'Phòng họp UBND huyện Bắc Quang' })).body;
      const b = (await addPoint(eventId, { hostOrganizationId: districts[10].id, roomName: 'Phòng họp UBND huyện Quang Bình' })).body;
      const p1 = await f.person(districts[9].id);
      const p2 = await f.person(districts[10].id);
      const added = (await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: p1.id, role: 'delegate' }, { personId: p2.id, role: 'delegate' }] }).expect(201)).body;
      await ctx.http().put(`${points(eventId)}/${a.id}/participants`).set(bearer(admin)).send({ participantIds: [added[0].id] }).expect(200);
      await ctx.http().put(`${points(eventId)}/${b.id}/participants`).set(bearer(admin)).send({ participantIds: [added[1].id] }).expect(200);
      const token = ctx.app.get(BridgePointsService).coordinatorUrl(a.id).split('/bridge/')[1];
      const view = (await ctx.http().get(`/api/bridge/${a.id}`).set('x-bridge-token', token).expect(200)).body;
      expect(view.participants.map((x: { participantId: string }) => x.participantId)).toEqual([added[0].id]);
      const other = await ctx.http().post(`/api/bridge/${a.id}/headcount`).set('x-bridge-token', token).send({ present: 3, participantIds: [added[1].id] }).expect(400);
      expect(other.body.code).toBe('bridge_points.not_of_this_point');
      const ok = await ctx.http().post(`/api/bridge/${a.id}/headcount`).set('x-bridge-token', token).send({ present: 3, participantIds: [added[0].id] }).expect(201);
      expect(ok.body).toMatchObject({ present: 3, participantIds: [added[0].id] });
    });
  });
});
