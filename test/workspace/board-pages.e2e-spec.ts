import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer, TEST_PASSWORD } from '../support/app';
import { type MailApp, startMailApp, until } from '../support/mail-app';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/** Bridge points from the board's pages, through BridgePointsService: one per district, edit, who attends where, the coordinators' links. */
describe('workspace bridge-point pages', () => {
  let m: MailApp;
  let organizer: ReturnType<typeof request.agent>;
  let eventId: string;
  let provinceId: string;
  let participantIds: string[];
  const api = () => m.ctx.http();

  beforeAll(async () => {
    m = await startMailApp();
    provinceId = (await m.f.org({ name: 'UBND tỉnh Điện Biên' })).id;
    for (const name of ['UBND huyện Mường Nhé', 'UBND huyện Tủa Chùa', 'UBND huyện Điện Biên Đông']) await m.f.org({ name, kind: 'district', level: 'district', parentId: provinceId });
    const people = [await m.f.person(provinceId, { fullName: 'Lò Văn Pọm' }), await m.f.person(provinceId, { fullName: 'Quàng Thị Dung' })];
    const ev = (await api().post('/api/events').set(bearer(m.admin)).send({
      kind: 'conference', title: 'Hội nghị trực tuyến toàn tỉnh', format: 'online', onlineUrl: 'https://vc.dienbien.gov.vn/a', hostOrganizationId: provinceId,
      sessions: [{ startsAt: '2031-11-05T08:00', endsAt: '2031-11-05T11:00' }],
    }).expect(201)).body;
    eventId = ev.id;
    await api().post(`/api/events/${eventId}/publish`).set(bearer(m.admin)).expect(200);
    participantIds = (await api().post(`/api/events/${eventId}/participants`).set(bearer(m.admin)).send({ participants: people.map((p) => ({ personId: p.id, role: 'delegate' })) }).expect(201)).body.map((p: { id: string }) => p.id);
    await m.ctx.app.get(AccountsService).ensureUser({ email: 'organizer@db.test', password: TEST_PASSWORD, role: 'organizer', displayName: 'Tổ chức', scopeOrganizationId: provinceId });
    organizer = request.agent(m.ctx.app.getHttpServer());
    const login = await organizer.get('/login').expect(200);
    await organizer.post('/login').type('form').send({ _csrf: csrfOf(login.text), email: 'organizer@db.test', password: TEST_PASSWORD }).expect(303);
  });
  afterAll(() => m.close());

  it('adds a point for every district of an organization, and words an organization without districts', async () => {
    const board = await organizer.get(`/app/events/${eventId}/board`).expect(200);
    await organizer.post(`/app/events/${eventId}/board/districts`).type('form').send({ _csrf: csrfOf(board.text), organizationId: provinceId, videoProvider: 'zoom' }).expect(303).expect('location', `/app/events/${eventId}/board?done=districts`);
    const after = await organizer.get(`/app/events/${eventId}/board?done=districts`).expect(200);
    expect(after.text).toContain('Đã thêm điểm cầu cho các huyện.');
    expect(after.text.match(/data-point="/g)).toHaveLength(3);
    expect(after.text).toContain('Phòng họp trực tuyến – UBND huyện Tủa Chùa');
    const district = (await api().get(`/api/events/${eventId}/bridge-points`).set(bearer(m.admin))).body.points[0].hostOrganizationId;
    const none = await organizer.post(`/app/events/${eventId}/board/districts`).type('form').send({ _csrf: csrfOf(board.text), organizationId: district, videoProvider: 'zoom' }).expect(303);
    expect((await organizer.get(none.headers.location)).text).toContain('Đơn vị này không có huyện trực thuộc.');
  });

  it('edits a point and assigns officials to it: ticked ones attend from it, unticked ones are released', async () => {
    const points = (await api().get(`/api/events/${eventId}/bridge-points`).set(bearer(m.admin))).body.points;
    const point = points.find((p: { hostOrganizationName: string }) => p.hostOrganizationName === 'UBND huyện Mường Nhé');
    const page = await organizer.get(`/app/events/${eventId}/board/points/${point.id}`).expect(200);
    expect(page.text).toContain('Lò Văn Pọm');
    const csrf = csrfOf(page.text);
    await organizer.post(`/app/events/${eventId}/board/points/${point.id}`).type('form').send({ _csrf: csrf, roomName: 'Hội trường huyện ủy', expectedAttendance: '25', videoProvider: 'vnpt_cvc', joinUrl: '' }).expect(303).expect('location', `/app/events/${eventId}/board/points/${point.id}?done=pointSaved`);
    const saved = (await api().get(`/api/events/${eventId}/bridge-points/${point.id}`).set(bearer(m.admin))).body;
    expect([saved.roomName, saved.expectedAttendance, saved.videoProvider]).toEqual(['Hội trường huyện ủy', 25, 'vnpt_cvc']);

    await organizer.post(`/app/events/${eventId}/board/points/${point.id}/participants`).type('form').send(`_csrf=${encodeURIComponent(csrf)}&participantId=${participantIds[0]}&participantId=${participantIds[1]}`).expect(303).expect('location', `/app/events/${eventId}/board/points/${point.id}?done=assigned`);
    const here = async () => (await api().get(`/api/events/${eventId}/bridge-points/${point.id}/participants`).set(bearer(m.admin))).body.map((r: { participantId: string }) => r.participantId).sort();
    expect(await here()).toEqual([...participantIds].sort());
    expect((await organizer.get(`/app/events/${eventId}/board/points/${point.id}`)).text).toMatch(new RegExp(`value="${participantIds[1]}" checked`));
    await organizer.post(`/app/events/${eventId}/board/points/${point.id}/participants`).type('form').send({ _csrf: csrf, participantId: participantIds[0] }).expect(303);
    expect(await here()).toEqual([participantIds[0]]);
    await organizer.post(`/app/events/${eventId}/board/points/${point.id}/participants`).type('form').send({ _csrf: csrf, participantId: 'not-an-id' }).expect(303).expect('location', `/app/events/${eventId}/board/points/${point.id}?error=invalid`);
  });

  it('mails the coordinators their links and says how many points have no contact', async () => {
    const contact = await m.f.person(provinceId, { fullName: 'Cầm Văn Kỹ' });
    const point = (await api().get(`/api/events/${eventId}/bridge-points`).set(bearer(m.admin))).body.points[0];
    await api().patch(`/api/events/${eventId}/bridge-points/${point.id}`).set(bearer(m.admin)).send({ contactPersonId: contact.id }).expect(200);
    const board = await organizer.get(`/app/events/${eventId}/board`).expect(200);
    const sent = await organizer.post(`/app/events/${eventId}/board/send-links`).type('form').send({ _csrf: csrfOf(board.text) }).expect(303);
    expect(sent.headers.location).toBe(`/app/events/${eventId}/board?done=links&queued=1-2`);
    expect((await organizer.get(sent.headers.location)).text).toContain('Đã đưa 1 thư vào hàng đợi gửi; 2 điểm cầu chưa có người liên hệ.');
    await until(() => m.sink.messages.some((x) => x.to === contact.email));
  });
});
