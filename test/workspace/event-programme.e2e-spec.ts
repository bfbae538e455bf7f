import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer, TEST_PASSWORD } from '../support/app';
import { type MailApp, startMailApp } from '../support/mail-app';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/**
 * An event's programme from the pages: several sessions on create and edit, the agenda under each
 * session, the conclusion, follow-up tasks, and campaign progress on the dashboard — all through the
 * API's services, their refusals shown beside the field they name.
 */
describe('workspace event programme, tasks and campaigns', () => {
  let m: MailApp;
  let organizer: ReturnType<typeof request.agent>;
  let hostId: string;
  let districtId: string;
  let eventId: string;
  const day = '2031-10-07';

  beforeAll(async () => {
    m = await startMailApp();
    hostId = (await m.f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' })).id;
    districtId = (await m.f.org({ name: 'UBND huyện Đồng Văn', kind: 'district', level: 'district', parentId: hostId })).id;
    await m.f.person(hostId, { fullName: 'Hoàng Thị Mai' });
    await m.ctx.app.get(AccountsService).ensureUser({ email: 'organizer@hg.test', password: TEST_PASSWORD, role: 'organizer', displayName: 'Tổ chức', scopeOrganizationId: hostId });
    organizer = request.agent(m.ctx.app.getHttpServer());
    const login = await organizer.get('/login').expect(200);
    await organizer.post('/login').type('form').send({ _csrf: csrfOf(login.text), email: 'organizer@hg.test', password: TEST_PASSWORD }).expect(303);
  });
  afterAll(() => m.close());

  const base = { title: 'Hội nghị tập huấn chuyển đổi số 2031', kind: 'conference', format: 'in_person', venueName: 'Hội trường Sở' };

  it('creates an event with two sessions: "add a session" shows another row, overlapping sessions are refused beside the field', async () => {
    const form = await organizer.get('/app/events/new').expect(200);
    expect(form.text).toContain('name="sessions.0.startsAt"');
    expect(form.text).not.toContain('name="sessions.1.startsAt"');
    const csrf = csrfOf(form.text);
    const more = await organizer.post('/app/events').type('form').send({ _csrf: csrf, ...base, hostOrganizationId: hostId, 'sessions.0.startsAt': `${day}T08:00`, 'sessions.0.endsAt': `${day}T11:30`, op: 'more' }).expect(200);
    expect(more.text).toContain(`name="sessions.0.startsAt" value="${day}T08:00"`);
    expect(more.text).toContain('name="sessions.1.startsAt" value=""');
    expect(more.text).toContain('Buổi 2');

    const overlapping = await organizer.post('/app/events').type('form').send({
      _csrf: csrf, ...base, hostOrganizationId: hostId,
      'sessions.0.startsAt': `${day}T08:00`, 'sessions.0.endsAt': `${day}T11:30`, 'sessions.1.startsAt': `${day}T11:00`, 'sessions.1.endsAt': `${day}T16:30`,
    }).expect(400);
    expect(overlapping.text).toMatch(/id="s1-startsAt-error">Trùng thời gian với buổi khác của hội nghị\.<\/p>/);
    expect(overlapping.text).toContain(`name="sessions.1.endsAt" value="${day}T16:30"`);

    const created = await organizer.post('/app/events').type('form').send({
      _csrf: csrf, ...base, hostOrganizationId: hostId,
      'sessions.0.startsAt': `${day}T08:00`, 'sessions.0.endsAt': `${day}T11:30`, 'sessions.0.title': 'Buổi sáng',
      'sessions.1.startsAt': `${day}T13:30`, 'sessions.1.endsAt': `${day}T16:30`, 'sessions.1.title': 'Buổi chiều',
      'sessions.2.startsAt': `${day}T18:00`, 'sessions.2.endsAt': `${day}T19:00`, 'sessions.2.remove': '1',
    }).expect(303);
    eventId = /\/app\/events\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
    const api = (await m.ctx.http().get(`/api/events/${eventId}`).set(bearer(m.admin)).expect(200)).body;
    expect(api.sessions.map((s: { startsAtLocal: string; title: string }) => [s.startsAtLocal.slice(0, 16), s.title])).toEqual([[`${day}T08:00`, 'Buổi sáng'], [`${day}T13:30`, 'Buổi chiều']]);
  });

  it('edits the agenda under each session; an item outside its session is refused beside its time and nothing is saved', async () => {
    const edit = await organizer.get(`/app/events/${eventId}/edit`).expect(200);
    expect(edit.text).toContain('data-agenda-session="0"');
    expect(edit.text).toContain('data-agenda-session="1"');
    const csrf = csrfOf(edit.text);
    const items = {
      'agenda.0.session': '0', 'agenda.0.time': '08:00', 'agenda.0.title': 'Khai mạc', 'agenda.0.type': 'opening_speech', 'agenda.0.speaker': 'Giám đốc Sở',
      'agenda.1.session': '1', 'agenda.1.time': '14:00', 'agenda.1.title': 'Thảo luận <b>nhóm</b>', 'agenda.1.type': 'discussion', 'agenda.1.speaker': '',
    };
    const outside = await organizer.post(`/app/events/${eventId}/agenda`).type('form').send({ _csrf: csrf, ...items, 'agenda.2.session': '0', 'agenda.2.time': '12:15', 'agenda.2.title': 'Nghỉ trưa', 'agenda.2.type': 'other' }).expect(400);
    expect(outside.text).toMatch(/id="ag2-time-error">Thời gian nằm ngoài buổi họp\.<\/p>/);
    expect(outside.text).toContain('value="Nghỉ trưa"');
    expect((await m.ctx.http().get(`/api/events/${eventId}/agenda`).set(bearer(m.admin))).body.items).toEqual([]);

    await organizer.post(`/app/events/${eventId}/agenda`).type('form').send({ _csrf: csrf, ...items }).expect(303).expect('location', `/app/events/${eventId}/edit?agenda=saved#agenda`);
    const agenda = (await m.ctx.http().get(`/api/events/${eventId}/agenda`).set(bearer(m.admin))).body.items;
    expect(agenda.map((i: { startsAtLocal: string; title: string; speakerName: string | null }) => [i.startsAtLocal.slice(0, 16), i.title, i.speakerName])).toEqual([[`${day}T08:00`, 'Khai mạc', 'Giám đốc Sở'], [`${day}T14:00`, 'Thảo luận <b>nhóm</b>', null]]);

    const page = await organizer.get(`/app/events/${eventId}`).expect(200);
    const afternoon = page.text.slice(page.text.indexOf('(Buổi chiều)</h3>'));
    expect(afternoon).toMatch(/^\(Buổi chiều\)<\/h3>\s*<ol class="agenda"><li><strong>14:00<\/strong> Thảo luận &lt;b&gt;nhóm&lt;\/b&gt;<\/li>/);

    // The saved items come back under their sessions, removable.
    const again = await organizer.get(`/app/events/${eventId}/edit`).expect(200);
    expect(again.text).toMatch(/name="agenda\.1\.session" value="1">[\s\S]*?name="agenda\.1\.time" value="14:00"/);
    await organizer.post(`/app/events/${eventId}/agenda`).type('form').send({ _csrf: csrf, ...items, 'agenda.1.remove': '1' }).expect(303);
    expect((await m.ctx.http().get(`/api/events/${eventId}/agenda`).set(bearer(m.admin))).body.items).toHaveLength(1);
  });

  it('records the conclusion and assigns a task with a due date, then marks it done', async () => {
    const edit = await organizer.get(`/app/events/${eventId}/edit`).expect(200);
    const csrf = csrfOf(edit.text);
    await organizer.post(`/app/events/${eventId}/edit`).type('form').send({
      _csrf: csrf, title: base.title, venueName: base.venueName, conclusion: 'Giao các huyện hoàn thành báo cáo trước 30/11/2031.',
      'sessions.0.startsAt': `${day}T08:00`, 'sessions.0.endsAt': `${day}T11:30`, 'sessions.0.title': 'Buổi sáng',
      'sessions.1.startsAt': `${day}T13:30`, 'sessions.1.endsAt': `${day}T16:30`, 'sessions.1.title': 'Buổi chiều',
    }).expect(303);
    let page = await organizer.get(`/app/events/${eventId}`).expect(200);
    expect(page.text).toContain('<p class="prewrap" data-field="conclusion">Giao các huyện hoàn thành báo cáo trước 30/11/2031.</p>');
    expect(page.text).toContain(`<option value="${districtId}">UBND huyện Đồng Văn</option>`);

    const missing = await organizer.post(`/app/events/${eventId}/tasks`).type('form').send({ _csrf: csrf, title: 'Báo cáo kết quả' }).expect(303);
    expect((await organizer.get(missing.headers.location)).text).toContain('Hãy chọn đơn vị hoặc người thực hiện.');

    await organizer.post(`/app/events/${eventId}/tasks`).type('form').send({ _csrf: csrf, title: 'Báo cáo kết quả triển khai', assigneeOrganizationId: districtId, dueDate: '2031-11-30' }).expect(303).expect('location', `/app/events/${eventId}?done=task#tasks`);
    page = await organizer.get(`/app/events/${eventId}?done=task`).expect(200);
    expect(page.text).toContain('Đã giao nhiệm vụ.');
    expect(page.text).toMatch(/<td>Báo cáo kết quả triển khai<\/td><td>UBND huyện Đồng Văn<\/td><td>30\/11\/2031<\/td><td><span class="badge ">Đang thực hiện/);
    const taskId = /data-task="([0-9a-f-]{36})"/.exec(page.text)![1];
    await organizer.post(`/app/events/${eventId}/tasks/${taskId}/done`).type('form').send({ _csrf: csrf }).expect(303).expect('location', `/app/events/${eventId}?done=taskDone#tasks`);
    const task = (await m.ctx.http().get(`/api/events/${eventId}/tasks`).set(bearer(m.admin))).body[0];
    expect(task.status).toBe('done');
    expect((await organizer.get(`/app/events/${eventId}`)).text).toContain('Đã xong');
  });

  it('finds officials and agencies as one types (a fragment of the same search) and invites an agency with a role and its seats', async () => {
    const fragment = await organizer.get(`/app/events/${eventId}?part=found&q=dong van`).expect(200);
    expect(fragment.text.startsWith('<div data-found id="found" aria-live="polite">')).toBe(true);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('UBND huyện Đồng Văn');
    expect((await organizer.get(`/app/events/${eventId}?part=found&q=hoang thi`)).text).toContain('Hoàng Thị Mai');
    const page = await organizer.get(`/app/events/${eventId}?q=dong van`).expect(200);
    expect(page.text).toContain('data-search="found"');
    await organizer.post(`/app/events/${eventId}/participants`).type('form').send({ _csrf: csrfOf(page.text), organizationId: districtId, role: 'guest', quota: '3' }).expect(303).expect('location', `/app/events/${eventId}?done=added`);
    const agency = (await m.ctx.http().get(`/api/events/${eventId}/participants`).set(bearer(m.admin))).body.items.find((p: { organizationId: string }) => p.organizationId === districtId);
    expect([agency.role, agency.quota]).toEqual(['guest', 3]);
  });

  it('shows a campaign\'s progress on the dashboard as held out of its targets', async () => {
    const other = (await m.f.org({ name: 'UBND huyện Mèo Vạc', kind: 'district', level: 'district' })).id;
    const campaign = (await m.ctx.http().post('/api/campaigns').set(bearer(m.admin)).send({ title: 'Hội nghị triển khai CNTT tại các huyện 2031', hostOrganizationId: hostId, year: 2031, targetOrganizationIds: [districtId, other] }).expect(201)).body;
    let dash = await organizer.get('/app').expect(200);
    expect(dash.text).toMatch(new RegExp(`data-campaign="${campaign.id}">[\\s\\S]*?aria-valuenow="0"[\\s\\S]*?<span data-field="campaign-progress">0/2 đơn vị đã tổ chức</span>`));
    const ev = (await m.ctx.http().post('/api/events').set(bearer(m.admin)).send({
      kind: 'conference', title: 'Hội nghị tại huyện Đồng Văn', format: 'in_person', venueName: 'UBND huyện', hostOrganizationId: districtId, campaignId: campaign.id, campaignTargetOrganizationId: districtId,
      sessions: [{ startsAt: '2031-10-01T08:00', endsAt: '2031-10-01T11:00' }],
    }).expect(201)).body;
    await m.ctx.http().post(`/api/events/${ev.id}/publish`).set(bearer(m.admin)).expect(200);
    await m.ctx.http().post(`/api/events/${ev.id}/complete`).set(bearer(m.admin)).expect(200);
    dash = await organizer.get('/app').expect(200);
    expect(dash.text).toMatch(new RegExp(`data-campaign="${campaign.id}">[\\s\\S]*?aria-valuenow="1"[\\s\\S]*?width:50%[\\s\\S]*?<span data-field="campaign-progress">1/2 đơn vị đã tổ chức</span>`));
  });
});
