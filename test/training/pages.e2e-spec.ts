import type { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { AccountsService } from '../../src/accounts/accounts.service';
import { Clock } from '../../src/common/time/clock';
import { bearer, type TestContext } from '../support/app';
import { launchBrowser } from '../support/browser';
import { type Factories, startAdminApp } from '../support/factories';

const hn = (local: string) => new Date(`${local}+07:00`);

/** The trainer's phone roster, the printable certificate and the public verify page, in Chromium (issue 17 item 9). */
describe('training pages: trainer roster at 360×640, certificate, verify', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let browser: Browser;
  let base: string;
  let eventId: string;
  let sessionIds: string[];
  let trainerToken: string;
  let enrollments: { id: string; participantId: string; fullName: string }[];

  const login = async (email: string) => {
    await ctx.app.get(AccountsService).ensureUser({ email, password: 'test-password-1', role: 'trainer', displayName: email, scopeOrganizationId: null });
    return (await ctx.http().post('/api/auth/login').send({ email, password: 'test-password-1' }).expect(200)).body.accessToken as string;
  };
  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, base);

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    await ctx.app.listen(0, '127.0.0.1');
    base = await ctx.app.getUrl();
    browser = await launchBrowser();
    ctx.app.get(Clock).set(hn('2030-07-01T08:20'));
    const host = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const program = (await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code: 'TH-HG', name: 'Kế hoạch tập huấn CNTT năm 2030', year: 2030, organizerOrganizationId: host.id }).expect(201)).body;
    const ev = (await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'training_class', title: 'Tập huấn lãnh đạo phụ trách CNTT', format: 'in_person', hostOrganizationId: host.id, venueName: `Hội trường Sở TT&TT ${randomUUID().slice(0, 4)}`,
      sessions: [{ startsAt: '2030-07-01T08:00', endsAt: '2030-07-01T11:30' }, { startsAt: '2030-07-02T08:00', endsAt: '2030-07-02T11:30' }],
    }).expect(201)).body;
    eventId = ev.id;
    sessionIds = ev.sessions.map((s: { id: string }) => s.id);
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
    const trainer = await f.person(host.id, { fullName: 'Giảng viên Nguyễn Văn Hùng' });
    await ctx.http().post(`/api/training/programs/${program.id}/classes`).set(bearer(admin)).send({ eventId, trainerPersonIds: [trainer.id], hours: 7 }).expect(201);
    for (const name of ['Hoàng Thị Lan', 'Vàng Seo Mìn', 'Lý Văn Thắng']) {
      const p = await f.person(host.id, { fullName: name });
      await ctx.http().post(`/api/events/${eventId}/enrollments`).set(bearer(admin)).send({ personId: p.id }).expect(201);
    }
    enrollments = (await ctx.http().get(`/api/events/${eventId}/enrollments`).set(bearer(admin)).expect(200)).body;
    trainerToken = await login(trainer.email!);
  });

  afterAll(async () => {
    ctx.app.get(Clock).set(null);
    await browser?.close();
    await ctx.close();
  });

  it('a trainer marks today’s roster on a phone: all present in one tap, then one tap changes one trainee', async () => {
    const link = (await ctx.http().get(`/api/training/classes/${eventId}/roster-link`).set(bearer(trainerToken)).expect(200)).body;
    expect(new Date(link.validFrom).toISOString()).toBe(hn('2030-07-01T00:00').toISOString());
    expect(new Date(link.validUntil).toISOString()).toBe(hn('2030-07-03T00:00').toISOString());
    const page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
    await page.goto(local(link.url));
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    const text = await page.locator('body').innerText();
    expect(text).toContain('Tập huấn lãnh đạo phụ trách CNTT');
    expect(text).toContain('Giảng viên Nguyễn Văn Hùng');
    expect(text).toContain('Buổi 1: 08:00–11:30 01/07/2030');
    expect(await page.locator('.roster li').count()).toBe(3);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tất cả có mặt' }).click()]);
    expect(await page.locator('.notice.success').innerText()).toBe('Đã lưu điểm danh 3 học viên.');
    expect(await page.locator('[data-field="count"]').innerText()).toBe('3/3 có mặt');

    const lan = enrollments.find((e) => e.fullName === 'Hoàng Thị Lan')!;
    await page.locator(`li[data-participant="${lan.participantId}"] label`, { hasText: 'Có phép' }).click();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lưu điểm danh' }).click()]);
    expect(await page.locator('[data-field="count"]').innerText()).toBe('2/3 có mặt');
    await page.screenshot({ path: `${ctx.config.dataDir}/trainer-roster-360.png`, fullPage: true });
    await page.close();

    const roster = (await ctx.http().get(`/api/training/classes/${eventId}/attendance?sessionId=${sessionIds[0]}`).set(bearer(trainerToken)).expect(200)).body;
    const by = new Map(roster.items.map((i: { participantId: string; attendance: { status: string; recordedBy: string } }) => [i.participantId, i.attendance]));
    expect(by.get(lan.participantId)).toMatchObject({ status: 'excused' });
    expect([...by.values()].filter((a) => (a as { status: string }).status === 'present')).toHaveLength(2);
  });

  it('refuses the roster link outside the class days (410 page) and a forged one (404 page)', async () => {
    const link = (await ctx.http().get(`/api/training/classes/${eventId}/roster-link`).set(bearer(trainerToken)).expect(200)).body;
    ctx.app.get(Clock).set(hn('2030-07-03T00:00'));
    const expired = await ctx.http().get(new URL(link.url).pathname).expect(410);
    expect(expired.text).toContain('<html');
    ctx.app.get(Clock).set(hn('2030-07-01T08:20'));
    await ctx.http().get('/roster/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    const other = await login(`other-trainer-${randomUUID().slice(0, 6)}@example.gov.vn`);
    expect((await ctx.http().get(`/api/training/classes/${eventId}/roster-link`).set(bearer(other)).expect(403)).body.code).toBe('training.not_trainer_of_class');
  });

  it('prints a certificate (print CSS hides the page chrome) and verifies its number publicly — holder, program, class, dates, hours only', async () => {
    const done = enrollments.filter((e) => e.fullName !== 'Hoàng Thị Lan');
    ctx.app.get(Clock).set(hn('2030-07-02T12:00'));
    await ctx.http().put(`/api/training/classes/${eventId}/attendance?sessionId=${sessionIds[1]}`).set(bearer(trainerToken)).send({ records: done.map((e) => ({ participantId: e.participantId, status: 'present' })) }).expect(200);
    const cert = (await ctx.http().get(`/api/training/enrollments/${done[0].id}/certificate`).set(bearer(admin)).expect(200)).body;
    expect(cert.number).toMatch(/^TH-HG\/2030\/000[12]$/);
    const page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 1123, height: 794 } });
    await page.goto(local(cert.printUrl));
    const text = await page.locator('.certificate').innerText();
    expect(text).toContain('GIẤY CHỨNG NHẬN');
    expect(text).toContain(cert.holderName);
    expect(text).toContain('01/07/2030 – 02/07/2030 (7 giờ)');
    expect(await page.locator('[data-field="number"]').innerText()).toBe(`Số: ${cert.number}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('.certificate').isVisible()).toBe(true);
    await page.close();

    const v = await browser.newPage({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
    const res = await v.goto(`${base}/verify/${cert.number}`);
    expect(res?.status()).toBe(200);
    const body = await v.locator('main').innerText();
    expect(body).toContain(`Giấy chứng nhận số ${cert.number} là hợp lệ.`);
    expect(body).toContain(cert.holderName);
    expect(body).toContain('Tập huấn lãnh đạo phụ trách CNTT');
    expect(body).not.toContain('@'); // no e-mail, nothing more than holder, program, class, dates, hours
    await v.screenshot({ path: `${ctx.config.dataDir}/verify-360.png`, fullPage: true });
    await ctx.http().post(`/api/training/certificates/${cert.id}/revoke`).set(bearer(admin)).send({ reason: 'Cấp nhầm' }).expect(200);
    await v.goto(`${base}/verify/${cert.number}?lang=en`);
    expect(await v.locator('.notice.error').innerText()).toBe(`Certificate ${cert.number} has been revoked.`);
    const missing = await v.goto(`${base}/verify/TH-HG/2030/9999`);
    expect(missing?.status()).toBe(404);
    expect(await v.locator('main').innerText()).toContain('Không tìm thấy giấy chứng nhận số TH-HG/2030/9999.');
    await v.close();
  });
});
