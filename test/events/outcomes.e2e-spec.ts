import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

describe('agenda, follow-up tasks and campaigns', () => {
  let ctx: TestContext, admin: string, f: Factories;
  let hg: string, dept: string, district: string, other: string, son: string;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    hg = (await f.province('UBND tỉnh Hà Giang')).id;
    dept = (await f.org({ parentId: hg, name: 'Sở Thông tin và Truyền thông' })).id;
    district = (await f.org({ parentId: hg, kind: 'district', level: 'district', name: 'UBND huyện Đồng Văn' })).id;
    other = (await f.province('UBND tỉnh Lào Cai')).id;
    son = (await f.person(hg, { fullName: 'Nguyễn Văn Sơn' })).id;
  });
  afterAll(() => ctx.close());

  const api = (token = admin) => ({
    get: (p: string) => ctx.http().get(p).set(bearer(token)),
    post: (p: string, b: object = {}) => ctx.http().post(p).set(bearer(token)).send(b),
    put: (p: string, b: object) => ctx.http().put(p).set(bearer(token)).send(b),
    patch: (p: string, b: object) => ctx.http().patch(p).set(bearer(token)).send(b),
  });
  let n = 0;
  const event = async (o: Record<string, unknown> = {}) =>
    (
      await api()
        .post('/api/events', {
          kind: 'conference',
          title: `Hội nghị trực tuyến đánh giá Quý I ${++n}`,
          format: 'online',
          hostOrganizationId: hg,
          sessions: [{ startsAt: '2015-04-10T08:00', endsAt: '2015-04-10T11:30' }],
          ...o,
        })
        .expect(201)
    ).body;

  describe('agenda', () => {
    it('replaces the programme in order, with times in Hà Nội time and speakers from the directory or as text', async () => {
      const e = await event();
      const res = await api()
        .put(`/api/events/${e.id}/agenda`, {
          items: [
            { startsAt: '2015-04-10T08:00', title: 'Phát biểu khai mạc', type: 'opening_speech', speakerPersonId: son },
            { startsAt: '2015-04-10T08:15', title: 'Báo cáo kết quả ứng dụng CNTT Quý I', type: 'report', speakerName: 'Lãnh đạo Sở TT&TT' },
            { title: 'Thảo luận tại các điểm cầu', type: 'discussion' },
            { startsAt: '2015-04-10T11:00', title: 'Kết luận hội nghị', type: 'conclusion', speakerPersonId: son },
          ],
        })
        .expect(200);
      expect(res.body.items.map((i: { position: number; title: string }) => [i.position, i.title])).toEqual([
        [0, 'Phát biểu khai mạc'],
        [1, 'Báo cáo kết quả ứng dụng CNTT Quý I'],
        [2, 'Thảo luận tại các điểm cầu'],
        [3, 'Kết luận hội nghị'],
      ]);
      expect(res.body.items[1]).toMatchObject({ startsAtLocal: '2015-04-10T08:15:00+07:00', startsAt: '2015-04-10T01:15:00.000Z', speakerName: 'Lãnh đạo Sở TT&TT' });
      const shorter = await api().put(`/api/events/${e.id}/agenda`, { items: [{ title: 'Kết luận', type: 'conclusion' }] }).expect(200);
      expect(shorter.body.items).toHaveLength(1);
      expect((await api().get(`/api/events/${e.id}/agenda`).expect(200)).body.items).toHaveLength(1);
      const history = (await api().get(`/api/events/${e.id}/history`).expect(200)).body;
      expect(history.filter((h: { action: string }) => h.action === 'agenda_replaced')).toHaveLength(2);
    });

    it('refuses items outside the sessions, unknown speakers and bad types, naming each', async () => {
      const e = await event();
      const res = await api()
        .put(`/api/events/${e.id}/agenda`, {
          items: [
            { startsAt: '2015-04-10T13:00', title: 'Buổi chiều', type: 'report' },
            { title: 'Ai?', type: 'report', speakerPersonId: '6f1f6c1e-1111-4111-8111-111111111111' },
          ],
        })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['items.0.startsAt', 'items.1.speakerPersonId']);
      const type = await api().put(`/api/events/${e.id}/agenda`, { items: [{ title: 'x', type: 'karaoke' }] }).expect(400);
      expect(type.body.details[0].field).toBe('items.0.type');
    });

    it('warns when a speaker speaks at another event at the same time', async () => {
      const a = await event();
      const b = await event();
      await api().put(`/api/events/${a.id}/agenda`, { items: [{ title: 'Báo cáo', type: 'report', speakerPersonId: son }] }).expect(200);
      const res = await api().put(`/api/events/${b.id}/agenda`, { items: [{ title: 'Tham luận', type: 'presentation', speakerPersonId: son }] }).expect(200);
      expect(res.body.warnings).toEqual([{ field: 'speakerPersonId', message: expect.stringContaining(`also speaks at event ${a.id}`) }]);
    });
  });

  describe('follow-up tasks', () => {
    let review: string;
    beforeAll(async () => {
      review = (await event({ title: 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II' })).id;
    });

    it('turns "Quý II/2015" into a due date of 30/06/2015 and lists what an agency owes, overdue first', async () => {
      const scoring = await api().post(`/api/events/${review}/tasks`, { title: 'Báo cáo đánh giá chấm điểm mức độ ứng dụng CNTT', assigneeOrganizationId: dept, duePeriod: 'Quý II/2015' }).expect(201);
      expect(scoring.body).toMatchObject({ dueDate: '2015-06-30', duePeriod: 'Quý II/2015', status: 'open', overdue: true });
      await api().post(`/api/events/${review}/tasks`, { title: 'Sử dụng hộp thư điện tử công vụ', assigneeOrganizationId: district, dueDate: '2015-05-01' }).expect(201);
      await api().post(`/api/events/${review}/tasks`, { title: 'Kết nối mạng WAN', assigneeOrganizationId: district, dueDate: '2099-06-30' }).expect(201);
      const owed = (await api().get(`/api/tasks?organizationId=${district}`).expect(200)).body;
      expect(owed.items.map((t: { title: string; overdue: boolean }) => [t.title, t.overdue])).toEqual([
        ['Sử dụng hộp thư điện tử công vụ', true],
        ['Kết nối mạng WAN', false],
      ]);
      const overdueInProvince = (await api().get(`/api/tasks?organizationId=${hg}&overdue=true`).expect(200)).body;
      expect(overdueInProvince.items.map((t: { title: string }) => t.title).sort()).toEqual(['Báo cáo đánh giá chấm điểm mức độ ứng dụng CNTT', 'Sử dụng hộp thư điện tử công vụ']);
      expect((await api().get(`/api/events/${review}/tasks`).expect(200)).body).toHaveLength(3);
    });

    it('marks a task done with today as the done date unless given, and it stops being overdue', async () => {
      const t = (await api().post(`/api/events/${review}/tasks`, { title: 'Triển khai phần mềm quản lý văn bản', assigneeOrganizationId: dept, dueDate: '2015-06-30' }).expect(201)).body;
      const done = (await api().patch(`/api/tasks/${t.id}`, { status: 'done', note: 'Đã triển khai tại 100% sở' }).expect(200)).body;
      expect(done).toMatchObject({ status: 'done', overdue: false, note: 'Đã triển khai tại 100% sở' });
      expect(done.doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const dated = (await api().patch(`/api/tasks/${t.id}`, { doneOn: '2015-06-20' }).expect(200)).body;
      expect(dated.doneOn).toBe('2015-06-20');
      const reopened = (await api().patch(`/api/tasks/${t.id}`, { status: 'open' }).expect(200)).body;
      expect(reopened).toMatchObject({ status: 'open', doneOn: null, overdue: true });
      expect((await api().get(`/api/tasks?status=done&eventId=${review}`).expect(200)).body.total).toBe(0);
    });

    it("records who assigned and who reported on a task in the event's history", async () => {
      const t = (await api().post(`/api/events/${review}/tasks`, { title: 'Đánh giá lại phần mềm M-Office và V-Office', assigneeOrganizationId: district, duePeriod: 'Quý II/2015' }).expect(201)).body;
      const districtOrganizer = await ctx.tokenFor('organizer', district);
      await api(districtOrganizer).patch(`/api/tasks/${t.id}`, { status: 'done', doneOn: '2015-06-25', note: 'Đã báo cáo Ban thường vụ' }).expect(200);
      const history = (await api().get(`/api/events/${review}/history`).expect(200)).body.filter((h: { entityId: string }) => h.entityId === t.id);
      expect(history.map((h: { action: string }) => h.action)).toEqual(['task_updated', 'task_created']); // newest first
      expect(history[1]).toMatchObject({ entityType: 'task', actorEmail: expect.stringMatching(/^admin-/), changes: { dueDate: '2015-06-30' } });
      expect(history[0]).toMatchObject({ actorEmail: expect.stringMatching(/^organizer-/), changes: { status: { from: 'open', to: 'done' }, doneOn: { from: null, to: '2015-06-25' } } });
    });

    it('refuses a task without assignee, an unknown period and an unknown organization', async () => {
      expect((await api().post(`/api/events/${review}/tasks`, { title: 'Không ai làm' }).expect(400)).body.details[0].field).toBe('assigneeOrganizationId');
      expect((await api().post(`/api/events/${review}/tasks`, { title: 'x', assigneeOrganizationId: dept, duePeriod: 'sớm nhất có thể' }).expect(400)).body.details[0].field).toBe('duePeriod');
      expect((await api().post(`/api/events/${review}/tasks`, { title: 'x', assigneeOrganizationId: '6f1f6c1e-1111-4111-8111-111111111111' }).expect(400)).body.details[0].field).toBe('assigneeOrganizationId');
    });

    it('lets the assignee report progress but not reassign; keeps other provinces out', async () => {
      const t = (await api().post(`/api/events/${review}/tasks`, { title: 'Cập nhật trang thông tin điện tử', assigneeOrganizationId: district, dueDate: '2015-06-30' }).expect(201)).body;
      const districtOrganizer = await ctx.tokenFor('organizer', district);
      expect((await api(districtOrganizer).get('/api/tasks').expect(200)).body.items.map((x: { id: string }) => x.id)).toContain(t.id);
      await api(districtOrganizer).patch(`/api/tasks/${t.id}`, { status: 'done', doneOn: '2015-06-15' }).expect(200);
      await api(districtOrganizer).patch(`/api/tasks/${t.id}`, { assigneeOrganizationId: dept }).expect(403);
      const outsider = await ctx.tokenFor('organizer', other);
      expect((await api(outsider).get('/api/tasks').expect(200)).body.items.map((x: { id: string }) => x.id)).not.toContain(t.id);
      await api(outsider).patch(`/api/tasks/${t.id}`, { status: 'open' }).expect(403);
      const viewer = await ctx.tokenFor('viewer', hg);
      await api(viewer).patch(`/api/tasks/${t.id}`, { status: 'open' }).expect(403);
      await api(viewer).post(`/api/events/${review}/tasks`, { title: 'x', assigneeOrganizationId: dept }).expect(403);
    });
  });

  describe('campaigns', () => {
    it('computes held and target from linked events: 9 of 14 for Quảng Ngãi', async () => {
      const qn = (await f.province('UBND tỉnh Quảng Ngãi')).id;
      const districts: string[] = [];
      for (let i = 0; i < 14; i++) districts.push((await f.org({ parentId: qn, kind: 'district', level: 'district', name: `UBND huyện ${i}` })).id);
      const campaign = (
        await api().post('/api/campaigns', { title: 'Hội nghị triển khai ứng dụng CNTT giai đoạn 2013–2015', hostOrganizationId: qn, year: 2013, targetOrganizationIds: districts }).expect(201)
      ).body;
      expect(campaign).toMatchObject({ target: 14, held: 0, scheduled: 0 });
      for (let i = 0; i < 10; i++) {
        const e = await event({ hostOrganizationId: qn, campaignId: campaign.id, campaignTargetOrganizationId: districts[i], sessions: [{ startsAt: `2013-02-${String(i + 1).padStart(2, '0')}T08:00`, endsAt: `2013-02-${String(i + 1).padStart(2, '0')}T11:00` }] });
        await api().post(`/api/events/${e.id}/publish`).expect(200);
        if (i < 9) await api().post(`/api/events/${e.id}/complete`).expect(200);
      }
      const got = (await api().get(`/api/campaigns/${campaign.id}`).expect(200)).body;
      expect(got).toMatchObject({ held: 9, target: 14, scheduled: 1 });
      expect(got.targets.filter((t: { status: string }) => t.status === 'pending')).toHaveLength(4);
      const listed = (await api().get('/api/campaigns').expect(200)).body.items.find((c: { id: string }) => c.id === campaign.id);
      expect([listed.held, listed.target]).toEqual([9, 14]);
      const removeHeld = await api().patch(`/api/campaigns/${campaign.id}`, { targetOrganizationIds: districts.slice(1) }).expect(409);
      expect(removeHeld.body.message).toBe('A target that events of the campaign already serve cannot be removed');
      expect((await api().patch(`/api/campaigns/${campaign.id}`, { targetOrganizationIds: districts.slice(0, 13) }).expect(200)).body.target).toBe(13);
    });

    it('refuses an event for a target the campaign does not have', async () => {
      const c = (await api().post('/api/campaigns', { title: 'Chiến dịch nhỏ', hostOrganizationId: hg, targetOrganizationIds: [district] }).expect(201)).body;
      const res = await api().post('/api/events', {
        kind: 'conference',
        title: 'Sai mục tiêu',
        format: 'online',
        hostOrganizationId: hg,
        campaignId: c.id,
        campaignTargetOrganizationId: dept,
        sessions: [{ startsAt: '2015-04-10T08:00', endsAt: '2015-04-10T09:00' }],
      });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('campaignTargetOrganizationId');
      const half = await api().post('/api/events', { kind: 'conference', title: 'Thiếu', format: 'online', hostOrganizationId: hg, campaignId: c.id, sessions: [{ startsAt: '2015-04-10T08:00', endsAt: '2015-04-10T09:00' }] });
      expect(half.status).toBe(400);
    });

    it('keeps campaigns inside the organizer scope', async () => {
      const outsider = await ctx.tokenFor('organizer', other);
      await api(outsider).post('/api/campaigns', { title: 'Ngoài phạm vi', hostOrganizationId: hg, targetOrganizationIds: [district] }).expect(403);
      const viewer = await ctx.tokenFor('viewer', hg);
      await api(viewer).post('/api/campaigns', { title: 'Xem thôi', hostOrganizationId: hg, targetOrganizationIds: [district] }).expect(403);
      expect((await api(outsider).get('/api/campaigns').expect(200)).body.total).toBe(0);
    });
  });
});
