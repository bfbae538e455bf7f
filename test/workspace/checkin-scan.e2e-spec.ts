import { AccountsService } from '../../src/accounts/accounts.service';
import { InvitationLinks } from '../../src/invitations/public/links';
import { csrfOf, signedIn as signIn } from '../support/session';
import { TEST_PASSWORD, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { attendanceEvent, clockOf, hn, rowsOf } from '../attendance/support';

const nonceOf = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)![1];

/** A personal QR code opened on a signed-in organizer's phone checks its holder in — and only for those allowed. */
describe('checking in a scanned QR code from the workspace', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let ev: Awaited<ReturnType<typeof attendanceEvent>>;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-08-05T08:00', '2030-08-05T11:30']], people: 3 });
    const accounts = ctx.app.get(AccountsService);
    await accounts.ensureUser({ email: 'organizer@hg.test', password: TEST_PASSWORD, role: 'organizer', displayName: 'Tổ chức', scopeOrganizationId: ev.orgId });
    await accounts.ensureUser({ email: 'other@hg.test', password: TEST_PASSWORD, role: 'organizer', displayName: 'Đơn vị khác', scopeOrganizationId: (await f.org()).id });
    clockOf(ctx).set(hn('2030-08-05T08:05:00'));
  });
  afterAll(async () => {
    clockOf(ctx).set(null);
    await ctx.close();
  });

  const signedIn = (email: string) => signIn(ctx, email);
  const qr = (pid: string) => ctx.app.get(InvitationLinks).issue('checkin', pid);

  it('the public QR page leads staff to the workspace, which asks to sign in first', async () => {
    const token = qr(ev.participantIds[0]);
    const page = await ctx.http().get(`/checkin/${token}`).expect(200);
    expect(page.text).toContain(`href="/app/checkin/${token}"`);
    const anonymous = await ctx.http().get(`/app/checkin/${token}`).expect(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
  });

  it('an organizer of the host checks the holder in with one button; sending the form twice writes one row', async () => {
    const organizer = await signedIn('organizer@hg.test');
    const url = `/app/checkin/${qr(ev.participantIds[0])}`;
    const page = await organizer.get(url).expect(200);
    expect(page.text).toContain('Điểm danh Đại biểu 1');
    const form = { _csrf: csrfOf(page.text), nonce: nonceOf(page.text) };
    const done = await organizer.post(url).type('form').send(form).expect(201);
    expect(done.text).toContain('Đã điểm danh: Đại biểu 1 có mặt lúc 05/08/2030 08:05.');
    await organizer.post(url).type('form').send(form).expect(200);
    const rows = await rowsOf(ctx, ev.participantIds[0]);
    expect(rows).toEqual([expect.objectContaining({ status: 'present', method: 'qr' })]);
    // Another scan (a new nonce) is told when the person checked in.
    const again = await organizer.post(url).type('form').send({ _csrf: form._csrf, nonce: 'another-scan-1' }).expect(409);
    expect(again.text).toContain('Đại biểu 1 đã điểm danh buổi này lúc 05/08/2030 08:05.');
  });

  it('an organizer of another agency is refused on the page and nothing is written', async () => {
    const other = await signedIn('other@hg.test');
    const url = `/app/checkin/${qr(ev.participantIds[1])}`;
    const page = await other.get(url).expect(200);
    const refused = await other.post(url).type('form').send({ _csrf: csrfOf(page.text), nonce: nonceOf(page.text) }).expect(403);
    expect(refused.text).toContain('Đồng chí không phải cán bộ tổ chức hoặc giảng viên của hội nghị này.');
    expect(await rowsOf(ctx, ev.participantIds[1])).toEqual([]);
  });
});
