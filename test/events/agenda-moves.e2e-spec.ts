import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

/** Issue 14 item 7: moving an event's sessions moves its agenda with them, or refuses, never leaving items outside every session. */
describe('agenda moves with its sessions', () => {
  let ctx: TestContext, admin: string, f: Factories, hg: string;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    hg = (await f.province('UBND tỉnh Hà Giang')).id;
  });
  afterAll(() => ctx.close());

  const api = {
    post: (path: string, body: object) => ctx.http().post(path).set(bearer(admin)).send(body),
    put: (path: string, body: object) => ctx.http().put(path).set(bearer(admin)).send(body),
    patch: (path: string, body: object) => ctx.http().patch(path).set(bearer(admin)).send(body),
    get: (path: string) => ctx.http().get(path).set(bearer(admin)),
  };
  // The online quarterly review of 10/4/2015, 14:00–17:00 Hà Nội time.
  const agenda = [
    { startsAt: '2015-04-10T14:00', title: 'Phát biểu khai mạc', type: 'opening_speech' },
    { startsAt: '2015-04-10T14:15', title: 'Báo cáo kết quả ứng dụng CNTT quý I', type: 'report' },
    { title: 'Tham luận của các huyện', type: 'presentation' },
    { startsAt: '2015-04-10T16:30', title: 'Kết luận của đồng chí Chủ tịch', type: 'conclusion' },
  ];
  const reviewWithAgenda = async (sessions = [{ startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T17:00' }]) => {
    const e = (
      await api
        .post('/api/events', { kind: 'conference', title: 'Hội nghị trực tuyến giao ban quý I/2015', format: 'online', onlineUrl: 'https://meet.hagiang.gov.vn/q1', hostOrganizationId: hg, sessions })
        .expect(201)
    ).body;
    await api.put(`/api/events/${e.id}/agenda`, { items: agenda }).expect(200);
    await api.post(`/api/events/${e.id}/publish`, {}).expect(200);
    return e.id as string;
  };
  const items = async (id: string) => (await api.get(`/api/events/${id}/agenda`).expect(200)).body.items as { title: string; startsAtLocal: string | null; startsAt: string | null }[];
  const times = async (id: string) => (await items(id)).map((i) => i.startsAtLocal);

  it('moves every timed item 30 minutes when the session moves 30 minutes, and the unchanged agenda can be saved again', async () => {
    const id = await reviewWithAgenda();
    await api.patch(`/api/events/${id}`, { sessions: [{ startsAt: '2015-04-10T14:30', endsAt: '2015-04-10T17:30' }] }).expect(200);
    expect(await times(id)).toEqual(['2015-04-10T14:30:00+07:00', '2015-04-10T14:45:00+07:00', null, '2015-04-10T17:00:00+07:00']);
    // Re-saving what GET returned (the usual edit form round trip) is accepted.
    const current = (await items(id)).map(({ title, startsAt }, i) => ({ title, type: agenda[i].type, ...(startsAt ? { startsAt } : {}) }));
    await api.put(`/api/events/${id}/agenda`, { items: current }).expect(200);
    expect(await times(id)).toEqual(['2015-04-10T14:30:00+07:00', '2015-04-10T14:45:00+07:00', null, '2015-04-10T17:00:00+07:00']);
    const history = (await api.get(`/api/events/${id}/history`).expect(200)).body;
    expect(history.find((h: { action: string }) => h.action === 'updated').changes.agendaMoved).toHaveLength(3);
  });

  it('moves each day’s items with their own session when a two-day event moves by a week', async () => {
    const id = await reviewWithAgenda([
      { startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T17:00' },
      { startsAt: '2015-04-11T08:00', endsAt: '2015-04-11T11:00' },
    ]);
    await api.put(`/api/events/${id}/agenda`, { items: [...agenda, { startsAt: '2015-04-11T08:30', title: 'Thảo luận', type: 'discussion' }] }).expect(200);
    await api
      .patch(`/api/events/${id}`, { sessions: [{ startsAt: '2015-04-17T14:00', endsAt: '2015-04-17T17:00' }, { startsAt: '2015-04-18T07:30', endsAt: '2015-04-18T11:00' }] })
      .expect(200);
    expect(await times(id)).toEqual(['2015-04-17T14:00:00+07:00', '2015-04-17T14:15:00+07:00', null, '2015-04-17T16:30:00+07:00', '2015-04-18T08:00:00+07:00']);
  });

  it('refuses a move that would leave items outside every session with 409 naming each, and changes nothing', async () => {
    const id = await reviewWithAgenda();
    const before = (await api.get(`/api/events/${id}`).expect(200)).body;
    const res = await api.patch(`/api/events/${id}`, { sessions: [{ startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T16:00' }] }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'events.agenda_outside_sessions' });
    expect(res.body.details).toEqual([{ field: 'agenda.3.startsAt', message: expect.stringContaining('Kết luận của đồng chí Chủ tịch') }]);
    const after = (await api.get(`/api/events/${id}`).expect(200)).body;
    expect(after).toMatchObject({ sequence: before.sequence, sessions: before.sessions });
    expect(await times(id)).toEqual(['2015-04-10T14:00:00+07:00', '2015-04-10T14:15:00+07:00', null, '2015-04-10T16:30:00+07:00']);
  });

  it('with force=true clears the times of the items left outside and records it in the history', async () => {
    const id = await reviewWithAgenda();
    await api.patch(`/api/events/${id}?force=true`, { sessions: [{ startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T16:00' }] }).expect(200);
    expect(await times(id)).toEqual(['2015-04-10T14:00:00+07:00', '2015-04-10T14:15:00+07:00', null, null]);
    const history = (await api.get(`/api/events/${id}/history`).expect(200)).body;
    expect(history.find((h: { action: string }) => h.action === 'updated').changes.agendaTimesCleared).toEqual([{ title: 'Kết luận của đồng chí Chủ tịch', from: '10/04/2015 16:30' }]);
  });
});
