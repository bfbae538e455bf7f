import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { nonce } from './support';

/** Item 8: the invitation mail carries the personal check-in QR code, and its link is the one organizers scan. */
describe('the invitation mail’s check-in QR code (real SMTP)', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  const sink = new SmtpSink();

  beforeAll(async () => {
    await sink.start();
    ({ ctx, admin, f } = await startAdminApp({ SMTP_URL: sink.url, MAIL_BACKOFF_MS: '50' }));
  });
  afterAll(async () => {
    await ctx.close();
    await sink.stop();
  });

  it('attaches the QR code as an inline PNG the HTML shows by cid, gives the link in the text, and the link checks in when an organizer scans it', async () => {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai' });
    const person = await f.person(org.id, { fullName: 'Đặng Xuân Phong' });
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị trực tuyến sơ kết 7 tháng', format: 'online', hostOrganizationId: org.id, onlineUrl: 'https://vc.laocai.gov.vn/1',
      sessions: [{ startsAt: '2031-08-05T08:00', endsAt: '2031-08-05T11:30' }],
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/events/${ev.body.id}/participants`).set(bearer(admin)).send({ participants: [{ personId: person.id, role: 'delegate' }] }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(1);
    const mail = sink.to(person.email!)[0].parsed;
    const qr = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(qr).toBeDefined();
    expect(qr!.cid).toBe('checkin-qr@hoinghi');
    expect([...qr!.content.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // mailparser resolves the HTML's cid: reference to the attached image: the two belong together.
    expect(String(mail.html)).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Mã QR điểm danh"/);
    const link = /https?:\/\/\S+\/checkin\/([\w-]{22}\.[\w-]{32})/.exec(mail.text ?? '');
    expect(link).not.toBeNull();
    // The token of the link is the QR scanner's: an organizer of the host checks the participant in with it (outside the window: refused, and said so).
    const organizer = await ctx.tokenFor('organizer', org.id);
    const res = await ctx.http().post(`/api/checkin/${link![1]}`).set(bearer(organizer)).send({ nonce: nonce() }).expect(409);
    expect(res.body.code).toBe('attendance.outside_window');
  });
});
