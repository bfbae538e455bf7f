import { Clock } from '../../src/common/time/clock';
import { InvitationsError } from '../../src/invitations/invitations.errors';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { type ReceivedMail, SmtpSink } from '../support/smtp-sink';

const tokenIn = (m: ReceivedMail, path: string) => new RegExp(`/${path}/([\\w-]{22}\\.[\\w-]{32})`).exec(m.parsed.text ?? '')![1];

/**
 * Each error code a public page branches on: the API answers it as `code`, and the page shows the
 * matching text (not a generic failure), with the status of the refusal.
 */
describe('public pages branch on error codes', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  const sink = new SmtpSink();
  let rsvp: string;
  let nominate: string;
  let invitedEmail: string;
  let other: string;
  let otherEmail: string;
  let strangerEmail: string;
  const START = Date.parse('2031-09-15T01:00:00Z');

  beforeAll(async () => {
    await sink.start();
    ({ ctx, admin, f } = await startAdminApp({ SMTP_URL: sink.url, MAIL_BACKOFF_MS: '50', LOG_LEVEL: 'warn' }));
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai' });
    const district = await f.org({ name: 'UBND huyện Bát Xát', kind: 'district', level: 'district' });
    const official = await f.person(org.id, { fullName: 'Nguyễn Thị Thu' });
    const invited = await f.person(org.id, { fullName: 'Trần Văn Bình' });
    const contact = await f.person(district.id, { fullName: 'Vàng A Dình' });
    invitedEmail = invited.email!;
    const self = await f.person(org.id, { fullName: 'Hà Văn Tự' });
    otherEmail = self.email!;
    const elsewhere = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Yên Bái' });
    strangerEmail = (await f.person(elsewhere.id, { fullName: 'Đặng Xuân Thanh' })).email!;
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị trực tuyến sơ kết 9 tháng', format: 'online', hostOrganizationId: org.id, onlineUrl: 'https://vc.laocai.gov.vn/p1',
      sessions: [{ startsAt: new Date(START).toISOString(), endsAt: new Date(START + 3 * 3600_000).toISOString() }],
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/events/${ev.body.id}/participants`).set(bearer(admin)).send({
      participants: [{ personId: official.id, role: 'delegate' }, { personId: invited.id, role: 'delegate' }, { personId: self.id, role: 'delegate' }, { organizationId: district.id, role: 'delegate', quota: 1, contactPersonId: contact.id }],
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(4);
    rsvp = tokenIn(sink.messages.find((m) => m.to === official.email)!, 'rsvp');
    other = tokenIn(sink.messages.find((m) => m.to === self.email)!, 'rsvp');
    nominate = tokenIn(sink.messages.find((m) => m.to === contact.email)!, 'nominate');
  });
  afterAll(async () => {
    ctx.app.get(Clock).set(null);
    await ctx.close();
    await sink.stop();
  });

  const substitute = (email: string) => ({ answer: 'delegated', substituteName: 'Người đi thay', substituteEmail: email });
  const nominee = (email: string) => ({ fullName: 'Cán bộ huyện', email });

  it(`${InvitationsError.AlreadyParticipant}: the substitute form marks the e-mail field`, async () => {
    const api = await ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'delegated', substitute: { fullName: 'Trần Văn Bình', email: invitedEmail } }).expect(409);
    expect(api.body.code).toBe(InvitationsError.AlreadyParticipant);
    const page = await ctx.http().post(`/rsvp/${rsvp}`).type('form').send(substitute(invitedEmail)).expect(409);
    expect(page.text).toContain('Người này đã có trong danh sách mời.');
    expect(page.text).toMatch(/id="sub-substituteEmail"[^>]*aria-invalid="true"/);
  });

  it(`${InvitationsError.AlreadyParticipant} on the nomination page too`, async () => {
    const page = await ctx.http().post(`/nominate/${nominate}`).type('form').send(nominee(invitedEmail)).expect(409);
    expect(page.text).toContain('Người này đã có trong danh sách mời.');
  });

  it(`${InvitationsError.QuotaFull}: the nomination page says the seats are taken`, async () => {
    await ctx.http().post(`/nominate/${nominate}`).type('form').send(nominee('can-bo-1@batxat.example.gov.vn')).expect(200);
    const api = await ctx.http().post(`/api/nominate/${nominate}`).send({ nominees: [nominee('can-bo-2@batxat.example.gov.vn')] }).expect(409);
    expect(api.body.code).toBe(InvitationsError.QuotaFull);
    const page = await ctx.http().post(`/nominate/${nominate}`).type('form').send(nominee('can-bo-3@batxat.example.gov.vn')).expect(409);
    expect(page.text).toContain('Đơn vị đã đăng ký đủ 1 người; không thể đăng ký thêm.');
  });

  it(`${InvitationsError.TooManySubstitutes}: the RSVP page says so instead of claiming the event has started`, async () => {
    for (let i = 1; i <= 5; i++) await ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'delegated', substitute: { fullName: `Người ${i}`, email: `thay-${i}@laocai.example.gov.vn` } }).expect(200);
    const api = await ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'delegated', substitute: { fullName: 'Người 6', email: 'thay-6@laocai.example.gov.vn' } }).expect(409);
    expect(api.body.code).toBe(InvitationsError.TooManySubstitutes);
    const page = await ctx.http().post(`/rsvp/${rsvp}`).type('form').send(substitute('thay-7@laocai.example.gov.vn')).expect(409);
    expect(page.text).toContain('quá số lần cho phép');
    expect(page.text).not.toContain('Đã hết thời hạn trả lời');
  });

  it(`${InvitationsError.AnswersClosed}: once the event has started both pages say answers are closed`, async () => {
    ctx.app.get(Clock).set(new Date(START + 60_000));
    const api = await ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'accepted' }).expect(409);
    expect(api.body.code).toBe(InvitationsError.AnswersClosed);
    const page = await ctx.http().post(`/rsvp/${rsvp}`).type('form').send({ answer: 'accepted' }).expect(409);
    expect(page.text).toContain('Đã hết thời hạn trả lời');
    const nom = await ctx.http().post(`/nominate/${nominate}`).type('form').send(nominee('muon@batxat.example.gov.vn')).expect(409);
    expect(nom.text).toContain('Đã hết thời hạn đăng ký.');
    ctx.app.get(Clock).set(null);
  });

  it(`${InvitationsError.SubstituteIsSelf}: naming oneself marks the e-mail field and keeps what was typed`, async () => {
    const api = await ctx.http().post(`/api/rsvp/${other}`).send({ answer: 'delegated', substitute: { fullName: 'Chính tôi', email: otherEmail } }).expect(400);
    expect(api.body.code).toBe(InvitationsError.SubstituteIsSelf);
    const page = await ctx.http().post(`/rsvp/${other}`).type('form').send({ answer: 'delegated', substituteName: 'Chính tôi', substituteEmail: otherEmail }).expect(400);
    expect(page.text).toContain('Đây là địa chỉ e-mail của chính đồng chí');
    expect(page.text).toMatch(/id="sub-substituteEmail"[^>]*aria-invalid="true"/);
    expect(page.text).toContain('value="Chính tôi"');
    expect(page.text).not.toContain('lỗi hệ thống');
  });

  it('shows the substitute as typed, never the directory record of that address', async () => {
    // The address belongs to an official of another province, under another name in the directory.
    const page = await ctx.http().post(`/rsvp/${other}`).type('form').send({ answer: 'delegated', substituteName: 'Người Được Cử', substituteEmail: strangerEmail }).expect(200);
    expect(page.text).toContain('Người Được Cử');
    expect(page.text).not.toContain('Đặng Xuân Thanh');
    const api = await ctx.http().get(`/api/rsvp/${other}`).expect(200);
    expect(api.body.substitute).toEqual({ email: strangerEmail });
    expect(JSON.stringify(api.body)).not.toContain('Đặng Xuân Thanh');
    expect((await ctx.http().get(`/rsvp/${other}`).expect(200)).text).not.toContain('Đặng Xuân Thanh');
  });

  it('answers mangled or over-long token URLs on the pages with the friendly page, and on the API with JSON', async () => {
    for (const path of ['/rsvp/%00%ff', `/rsvp/${'A'.repeat(5000)}`, '/nominate/%E0%A4%A', `/nominate/${'x'.repeat(5000)}?lang=en`, '/rsvp/%00%ff/event.ics']) {
      const res = await ctx.http().get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain(path.includes('lang=en') ? 'Invalid link' : 'Đường dẫn không hợp lệ');
    }
    const post = await ctx.http().post('/rsvp/%00%ff').type('form').send({ answer: 'accepted' });
    expect([post.status, post.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    const api = await ctx.http().get('/api/rsvp/%00%ff');
    expect(api.status).toBeGreaterThanOrEqual(400);
    expect(api.status).toBeLessThan(500);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect(api.body.code).toBeTruthy();
  });

  it('documents recording an answer or a nomination as 200, as it answers', async () => {
    const doc = (await ctx.http().get('/api/docs-json').expect(200)).body;
    for (const path of ['/api/rsvp/{token}', '/api/nominate/{token}']) {
      expect(Object.keys(doc.paths[path].post.responses)).toContain('200');
      expect(Object.keys(doc.paths[path].post.responses)).not.toContain('201');
    }
  });

  it(`${InvitationsError.LinkUnknown}: an unknown or expired link is the friendly 404 page`, async () => {
    const bad = 'AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect((await ctx.http().get(`/api/rsvp/${bad}`).expect(404)).body.code).toBe(InvitationsError.LinkUnknown);
    expect((await ctx.http().get(`/rsvp/${bad}`).expect(404)).text).toContain('Đường dẫn không hợp lệ');
    // past the end of the event, the same link stops working
    ctx.app.get(Clock).set(new Date(START + 4 * 3600_000));
    expect((await ctx.http().get(`/api/rsvp/${rsvp}`).expect(404)).body.code).toBe(InvitationsError.LinkUnknown);
    expect((await ctx.http().get(`/rsvp/${rsvp}`).expect(404)).text).toContain('Đường dẫn không hợp lệ');
    ctx.app.get(Clock).set(null);
  });
});
