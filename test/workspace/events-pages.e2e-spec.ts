import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service';
import { csrfOf, signedIn as signIn } from '../support/session';
import { bearer, TEST_PASSWORD } from '../support/app';
import { type MailApp, startMailApp, until } from '../support/mail-app';

const countOf = (html: string, key: string) => Number(new RegExp(`data-total="${key}"><h2>[^<]*</h2><p class="count">(\\d+)</p>`).exec(html)![1]);

/** The events pages through the API's services: list filters, lifecycle refusals worded, failed deliveries and retry, roles. */
describe('workspace events pages', () => {
  let m: MailApp;
  let eventId: string;
  let personEmail: string;
  let organizer: ReturnType<typeof request.agent>;
  beforeAll(async () => {
    m = await startMailApp({ MAIL_ATTEMPTS: '2', MAIL_BACKOFF_MS: '50' });
    const org = await m.f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Quảng Ngãi' });
    const person = await m.f.person(org.id, { fullName: 'Trần Thị Hoa' });
    personEmail = person.email!;
    const start = Date.now() + 20 * 24 * 3600_000;
    const ev = await m.ctx.http().post('/api/events').set(bearer(m.admin)).send({
      kind: 'conference', title: 'Hội nghị triển khai ứng dụng CNTT giai đoạn 2031-2035', format: 'in_person', venueName: 'Hội trường UBND tỉnh', hostOrganizationId: org.id,
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString() }],
    }).expect(201);
    eventId = ev.body.id;
    await m.ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(m.admin)).send({ participants: [{ personId: person.id, role: 'delegate' }] }).expect(201);
    const accounts = m.ctx.app.get(AccountsService);
    await accounts.ensureUser({ email: 'organizer@qn.test', password: TEST_PASSWORD, role: 'organizer', displayName: 'Tổ chức', scopeOrganizationId: org.id });
    await accounts.ensureUser({ email: 'viewer@qn.test', password: TEST_PASSWORD, role: 'viewer', displayName: 'Lãnh đạo' });
    organizer = await signedIn('organizer@qn.test');
  });
  afterAll(() => m.close());

  const signedIn = (email: string) => signIn(m.ctx, email);

  it('lists events by an unaccented search and filters, and words a bad filter instead of failing', async () => {
    const found = await organizer.get('/app/events?q=trien khai ung dung&status=draft').expect(200);
    expect(found.text).toContain('Hội nghị triển khai ứng dụng CNTT giai đoạn 2031-2035');
    const none = await organizer.get('/app/events?status=completed').expect(200);
    expect(none.text).toContain('Không có kết quả.');
    const bad = await organizer.get('/app/events?status=nonsense&from=31/12/2031').expect(400);
    expect(bad.text).toContain('Vui lòng kiểm tra lại các ô đã nhập.');
    await organizer.get('/app/events/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('refuses sending before publishing with the reason, and offers only the actions the lifecycle allows', async () => {
    const page = await organizer.get(`/app/events/${eventId}`).expect(200);
    expect(page.text).toContain('value="publish"');
    expect(page.text).not.toContain('value="complete"');
    const sent = await organizer.post(`/app/events/${eventId}/send`).type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
    const refused = await organizer.get(sent.headers.location).expect(200);
    expect(refused.text).toContain('Chỉ gửi được giấy mời khi hội nghị đã được công bố.');
    const illegal = await organizer.post(`/app/events/${eventId}/transition`).type('form').send({ _csrf: csrfOf(page.text), action: 'start' }).expect(303);
    expect((await organizer.get(illegal.headers.location)).text).toContain('Không thể chuyển trạng thái hội nghị');
    await organizer.post(`/app/events/${eventId}/transition`).type('form').send({ _csrf: csrfOf(page.text), action: 'publish' }).expect(303).expect('location', `/app/events/${eventId}?done=publish`);
  });

  it('shows a failed delivery with the SMTP error, counts it on the dashboard and sends it again', async () => {
    m.sink.failNext = 2;
    const page = await organizer.get(`/app/events/${eventId}`).expect(200);
    await organizer.post(`/app/events/${eventId}/send`).type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
    let failed = '';
    await until(async () => (failed = (await organizer.get(`/app/events/${eventId}`)).text).includes('data-field="smtp-error"'));
    expect(failed).toMatch(/<code data-field="smtp-error">[^<]*451[^<]*<\/code>/);
    expect(failed).toContain('Gửi không thành công');
    const dash = await organizer.get('/app').expect(200);
    expect(countOf(dash.text, 'failed')).toBe(1);
    expect(dash.text).toContain('Hội nghị triển khai ứng dụng CNTT giai đoạn 2031-2035');
    const pid = /name="participantId" value="([0-9a-f-]{36})"/.exec(failed)![1];
    await organizer.post(`/app/events/${eventId}/retry`).type('form').send({ _csrf: csrfOf(failed), participantId: pid }).expect(303).expect('location', `/app/events/${eventId}?done=retried`);
    await until(() => m.sink.messages.some((x) => x.to === personEmail));
    await until(async () => !(await organizer.get(`/app/events/${eventId}`)).text.includes('data-field="smtp-error"'));
    // (The message reaches the sink before the invitation is marked sent, in its own statement after the SMTP answer.)
    await until(async () => countOf((await organizer.get('/app')).text, 'awaiting') === 1);
    // The live part the page polls: the counts alone.
    const live = await organizer.get(`/app/events/${eventId}?part=live`).expect(200);
    expect(live.text.startsWith('<div data-live="counts">')).toBe(true);
    expect(live.text).toContain('data-status="invited"');
  });

  it('shows the event in the month calendar on its day, and its history with who published it', async () => {
    const event = (await m.ctx.http().get(`/api/events/${eventId}`).set(bearer(m.admin)).expect(200)).body;
    const [date, time] = [event.startsAtLocal.slice(0, 10), event.startsAtLocal.slice(11, 16)];
    const month = await organizer.get(`/app/events/calendar?month=${date.slice(0, 7)}`).expect(200);
    const day = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
    expect(month.text).toMatch(new RegExp(`<span class="dnum">${day}</span>\\s*<ul><li><a href="/app/events/${eventId}">${time} Hội nghị triển khai`));
    await organizer.get('/app/events/calendar?month=2031-13').expect(400);
    const history = await organizer.get(`/app/events/${eventId}/history`).expect(200);
    expect(history.text).toContain('organizer@qn.test');
    expect(history.text).toMatch(/status: draft → scheduled/);
  });

  it('edits the time of the published event through the API rules: the invitee gets the update, a reversed time is refused with its reason', async () => {
    const form = await organizer.get(`/app/events/${eventId}/edit`).expect(200);
    const start = /name="sessions\.0\.startsAt" value="([^"]+)"/.exec(form.text)![1];
    const later = (local: string, hours: number) => new Date(Date.parse(`${local}:00+07:00`) + hours * 3600_000 + 7 * 3600_000).toISOString().slice(0, 16);
    const end = /name="sessions\.0\.endsAt" value="([^"]+)"/.exec(form.text)![1];
    const reversed = await organizer.post(`/app/events/${eventId}/edit`).type('form').send({ _csrf: csrfOf(form.text), title: 'Hội nghị triển khai ứng dụng CNTT giai đoạn 2031-2035', venueName: 'Hội trường UBND tỉnh', 'sessions.0.startsAt': end, 'sessions.0.endsAt': start });
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('Thời gian không hợp lệ: giờ kết thúc phải sau giờ bắt đầu.');
    // … and beside the field it names.
    expect(reversed.text).toMatch(/name="sessions\.0\.endsAt" value="[^"]+" required aria-invalid="true" aria-describedby="s0-endsAt-error">\s*<p class="field-error" id="s0-endsAt-error">Giờ kết thúc phải sau giờ bắt đầu\.<\/p>/);
    const mails = m.sink.messages.filter((x) => x.to === personEmail).length;
    await organizer.post(`/app/events/${eventId}/edit`).type('form').send({ _csrf: csrfOf(form.text), title: 'Hội nghị triển khai ứng dụng CNTT giai đoạn 2031-2035', venueName: 'Hội trường UBND tỉnh', 'sessions.0.startsAt': later(start, 1), 'sessions.0.endsAt': later(end, 1) }).expect(303).expect('location', `/app/events/${eventId}?done=saved`);
    const page = await organizer.get(`/app/events/${eventId}?done=saved`).expect(200);
    expect(page.text).toContain('Đã lưu thông tin hội nghị.');
    const shown = later(start, 1);
    expect(page.text).toContain(`${shown.slice(8, 10)}/${shown.slice(5, 7)}/${shown.slice(0, 4)} ${shown.slice(11, 16)}`);
    await until(() => m.sink.messages.filter((x) => x.to === personEmail).length > mails);
    expect(m.sink.messages.filter((x) => x.to === personEmail).at(-1)!.calendar!.raw).toMatch(/SEQUENCE:1/);
  });

  it('withdraws an invitation: the list says so and the official gets the cancellation', async () => {
    const page = await organizer.get(`/app/events/${eventId}`).expect(200);
    const pid = new RegExp(`/app/events/${eventId}/participants/([0-9a-f-]{36})/remove`).exec(page.text)![1];
    const mails = m.sink.messages.filter((x) => x.to === personEmail).length;
    await organizer.post(`/app/events/${eventId}/participants/${pid}/remove`).type('form').send({ _csrf: csrfOf(page.text) }).expect(303).expect('location', `/app/events/${eventId}?done=removed`);
    const after = await organizer.get(`/app/events/${eventId}?done=removed`).expect(200);
    expect(after.text).toContain('Đã rút khỏi danh sách mời');
    expect(after.text).toContain('<span class="badge removed">Đã rút khỏi danh sách</span>');
    await until(() => m.sink.messages.filter((x) => x.to === personEmail).length > mails);
    expect(m.sink.messages.filter((x) => x.to === personEmail).at(-1)!.calendar!.raw).toContain('METHOD:CANCEL');
    await organizer.post(`/app/events/${eventId}/participants/not-a-uuid/remove`).type('form').send({ _csrf: csrfOf(page.text) }).expect(400);
  });

  it('lets a viewer read but not act, as the API does', async () => {
    const viewer = await signedIn('viewer@qn.test');
    const page = await viewer.get(`/app/events/${eventId}`).expect(200);
    expect(page.text).not.toContain('/send"');
    expect(page.text).not.toContain('name="action"');
    const refused = await viewer.post(`/app/events/${eventId}/transition`).type('form').send({ _csrf: csrfOf(page.text), action: 'cancel' }).expect(403);
    expect(refused.text).toContain('Không có quyền');
    expect((await m.ctx.http().get(`/api/events/${eventId}`).set(bearer(m.admin))).body.status).toBe('scheduled');
  });
});
