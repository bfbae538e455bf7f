import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer, TEST_PASSWORD, type TestContext } from '../support/app';
import { axeViolations, launchBrowser } from '../support/browser';
import { type Factories, startAdminApp } from '../support/factories';

const SHOTS = join(__dirname, '..', '..', '.data', 'screenshots');

/**
 * Issue 17's training pages in the signed-in workspace, in Chromium: a trainer signs in on a 360×640
 * phone, sees only the classes they teach, marks a session ("all present", then one tap changes one
 * trainee) and the completion shows on the same page; another class is 403; an organizer sees the
 * programs' progress and enrols one person found by name; axe-core finds nothing serious.
 */
describe('workspace training pages in Chromium', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let browser: Browser;
  let base: string;
  let classId: string;
  let otherClassId: string;
  let trainerEmail: string;
  const organizer = `to-chuc-${randomUUID().slice(0, 6)}@hagiang.test`;
  const names = ['Hoàng Thị Lan', 'Vàng Seo Mìn', 'Lý Văn Thắng'];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ ctx, admin, f } = await startAdminApp());
    await ctx.app.listen(0, '127.0.0.1');
    base = (await ctx.app.getUrl()).replace('[::1]', '127.0.0.1');
    const host = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const program = (await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code: `TH-WS${randomUUID().slice(0, 3).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`, name: 'Kế hoạch tập huấn CNTT năm nay', year: new Date().getFullYear(), organizerOrganizationId: host.id, targetClasses: 4, targetTrainees: 10 }).expect(201)).body;
    // One session running now: it started an hour ago, or at Hà Nội midnight if that is later (sessions
    // before the local day of enrolment do not count, so one begun yesterday would leave everyone
    // "Chưa đạt" when the test runs between 00:00 and 01:00 in Hà Nội), and ends in an hour.
    const localMidnight = Math.floor((Date.now() + 7 * 3_600_000) / 86_400_000) * 86_400_000 - 7 * 3_600_000;
    const session = { startsAt: new Date(Math.max(Date.now() - 3_600_000, localMidnight)).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() };
    const newClass = async (title: string, trainerId: string) => {
      const ev = (await ctx.http().post('/api/events').set(bearer(admin)).send({ kind: 'training_class', title, format: 'in_person', hostOrganizationId: host.id, venueName: `Phòng học ${randomUUID().slice(0, 6)}`, sessions: [session] }).expect(201)).body;
      await ctx.http().post(`/api/events/${ev.id}/publish`).set(bearer(admin)).expect(200);
      await ctx.http().post(`/api/training/programs/${program.id}/classes`).set(bearer(admin)).send({ eventId: ev.id, trainerPersonIds: [trainerId], capacity: 4 }).expect(201);
      return ev.id as string;
    };
    const trainer = await f.person(host.id, { fullName: 'Giảng viên Nguyễn Văn Hùng' });
    const otherTrainer = await f.person(host.id, { fullName: 'Giảng viên Trần Văn Bảo' });
    trainerEmail = trainer.email!;
    classId = await newClass('Tập huấn an toàn thông tin', trainer.id);
    otherClassId = await newClass('Tập huấn thư điện tử công vụ', otherTrainer.id);
    for (const name of names) {
      const p = await f.person(host.id, { fullName: name });
      await ctx.http().post(`/api/events/${classId}/enrollments`).set(bearer(admin)).send({ personId: p.id }).expect(201);
    }
    await f.person(host.id, { fullName: 'Phạm Thị Ngọc Ánh' });
    const accounts = ctx.app.get(AccountsService);
    await accounts.ensureUser({ email: trainerEmail, password: TEST_PASSWORD, role: 'trainer', displayName: 'Nguyễn Văn Hùng', scopeOrganizationId: null });
    await accounts.ensureUser({ email: organizer, password: TEST_PASSWORD, role: 'organizer', displayName: 'Tổ chức Hà Giang', scopeOrganizationId: null });
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  async function signIn(email: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ locale: 'vi-VN', viewport });
    await page.goto(`${base}/login`);
    await page.getByLabel('Địa chỉ e-mail').fill(email);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/app`);
    return page;
  }
  const statusOf = (page: Page, name: string) => page.locator('tr[data-enrollment]', { hasText: name }).locator('[data-field=status]').innerText();

  it('a trainer on a 360×640 phone marks the roster of their class and the completion shows', async () => {
    const page = await signIn(trainerEmail, { width: 360, height: 640 });
    await page.getByRole('link', { name: 'Tập huấn', exact: true }).click();
    await page.waitForURL(`${base}/app/training`);
    // Only the class they teach; no programs table for a trainer.
    expect(await page.locator('li[data-class]').count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toContain('Tập huấn thư điện tử công vụ');
    await page.getByRole('link', { name: 'Tập huấn an toàn thông tin' }).click();
    await page.waitForURL(new RegExp(`/app/training/classes/${classId}`));
    expect(await page.locator('.roster li').count()).toBe(3);
    expect(await page.locator('[data-field=present]').innerText()).toBe('0/3 có mặt');

    await Promise.all([page.waitForURL(/done=marked/), page.getByRole('button', { name: 'Tất cả có mặt' }).click()]);
    expect(await page.locator('[data-field=present]').innerText()).toBe('3/3 có mặt');
    for (const n of names) expect(await statusOf(page, n)).toBe('Hoàn thành');
    expect(await page.locator('tr[data-enrollment]', { hasText: names[0] }).locator('[data-field=certificate]').innerText()).toMatch(/^TH-WS.{3}\/\d{4}\/000\d$/);

    // One tap changes one trainee: absent takes the completion back (the certificate keeps its number, revoked).
    await page.locator('.roster li', { hasText: names[1] }).locator('label', { hasText: 'Vắng' }).click();
    await Promise.all([page.waitForURL(/done=marked/), page.getByRole('button', { name: 'Lưu điểm danh' }).click()]);
    expect(await page.locator('[data-field=present]').innerText()).toBe('2/3 có mặt');
    expect(await statusOf(page, names[1])).toBe('Chưa đạt');
    expect(await page.locator('tr[data-enrollment]', { hasText: names[1] }).locator('[data-field=certificate]').innerText()).toContain('(đã thu hồi)');
    expect(await statusOf(page, names[0])).toBe('Hoàn thành');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'training-trainer-roster-360.png'), fullPage: true });

    // Another class: 403, on the page and through the attendance API alike.
    const res = await page.goto(`${base}/app/training/classes/${otherClassId}`);
    expect(res!.status()).toBe(403);
    const token = (await ctx.http().post('/api/auth/login').send({ email: trainerEmail, password: TEST_PASSWORD }).expect(200)).body.accessToken as string;
    const other = (await ctx.http().get(`/api/events/${otherClassId}`).set(bearer(admin)).expect(200)).body;
    await ctx.http().put(`/api/events/${otherClassId}/attendance?sessionId=${other.sessions[0].id}`).set(bearer(token)).send({ records: [{ participantId: randomUUID(), status: 'present' }] }).expect(403);
    const mine = (await ctx.http().get(`/api/events/${classId}/attendance?sessionId=${(await ctx.http().get(`/api/events/${classId}`).set(bearer(admin))).body.sessions[0].id}`).set(bearer(token)).expect(200)).body;
    const trainee = mine.items.find((i: { fullName: string }) => i.fullName === names[1]);
    await ctx.http().put(`/api/events/${classId}/attendance?sessionId=${mine.sessionId}`).set(bearer(token)).send({ records: [{ participantId: trainee.participantId, status: 'late' }] }).expect(200);
    await page.close();
  });

  it('an organizer sees the programs’ progress against the targets and enrols one person found by name', async () => {
    const page = await signIn(organizer, { width: 1280, height: 900 });
    await page.goto(`${base}/app/training`);
    const row = page.locator('tr[data-program]', { hasText: 'Kế hoạch tập huấn CNTT năm nay' });
    expect(await row.locator('[data-field=trainees]').innerText()).toContain('3/10');
    expect(await row.locator('[data-field=trainees]').innerText()).toContain('30%');
    expect(await page.locator('li[data-class]').count()).toBe(2);
    await page.goto(`${base}/app/training/classes/${classId}`);
    await page.getByLabel('Tìm cán bộ (họ tên, không cần dấu)').fill('pham thi ngoc anh');
    await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Tìm', exact: true }).click()]);
    await Promise.all([page.waitForURL(/done=enrolled/), page.getByRole('button', { name: 'Ghi danh Phạm Thị Ngọc Ánh' }).click()]);
    // Enrolled today: today's session counts, it is under way and unmarked, so not (yet) attended.
    expect(await statusOf(page, 'Phạm Thị Ngọc Ánh')).toBe('Chưa đạt');
    expect(await page.locator('.roster li', { hasText: 'Phạm Thị Ngọc Ánh' }).count()).toBe(1);
    expect(await page.locator('[data-field=seats]').innerText()).toContain('4/4');
    await page.screenshot({ path: join(SHOTS, 'training-class-organizer.png'), fullPage: true });
    await page.close();
  });

  it('has no accessibility violation of serious or critical impact (axe-core)', async () => {
    for (const [email, paths] of [
      [trainerEmail, ['/app/training', `/app/training/classes/${classId}`]],
      [organizer, ['/app/training', `/app/training/classes/${classId}?q=nguyen`]],
    ] as const) {
      const signedIn = await signIn(email, { width: 360, height: 640 });
      // axe is injected as an inline script, which the pages' CSP forbids: this context alone bypasses it.
      const audit = await browser.newContext({ bypassCSP: true, storageState: await signedIn.context().storageState() });
      const a = await audit.newPage();
      for (const path of paths) {
        await a.goto(`${base}${path}`);
        expect(await axeViolations(a)).toEqual([]);
      }
      await audit.close();
      await signedIn.close();
    }
  });
});

