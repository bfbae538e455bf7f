import type { Browser } from 'playwright-core';
import { type TestContext } from '../support/app';
import { launchBrowser } from '../support/browser';
import { type Factories, startAdminApp } from '../support/factories';
import { attendanceEvent, clockOf, hn, rowsOf } from './support';

/** The check-in card of the RSVP page and the QR page, in real headless Chromium on a phone-sized viewport. */
describe('check-in pages (Chromium, 360×640)', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let browser: Browser;
  let base: string;
  let ev: Awaited<ReturnType<typeof attendanceEvent>>;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    await ctx.app.listen(0, '127.0.0.1');
    base = await ctx.app.getUrl();
    browser = await launchBrowser();
    ev = await attendanceEvent(ctx, admin, f, { sessions: [['2030-04-10T14:00', '2030-04-10T17:00']], people: 2, title: 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I' });
    await ev.openWindow(ev.sessionIds[0]);
    clockOf(ctx).set(hn('2030-04-10T13:52:00'));
  });
  afterAll(async () => {
    clockOf(ctx).set(null);
    await browser?.close();
    await ctx.close();
  });

  const phone = () => browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });

  it('a participant checks in by the hall code from the RSVP page: a wrong code is worded in Vietnamese, the right one recorded', async () => {
    const page = await phone();
    await page.goto(`${base}/rsvp/${ev.rsvpToken(ev.participantIds[0])}`);
    expect(await page.locator('#checkin h2').innerText()).toBe('Điểm danh');
    expect(await page.locator('#checkin svg.qr').getAttribute('aria-label')).toBe('Mã QR điểm danh của Đại biểu 1');
    // Fits a 360 px phone: nothing wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    const code = await ev.hallCode(ev.sessionIds[0]);
    const wrong = code === '000000' ? '111111' : '000000';
    await page.fill('#checkin-code', wrong);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#checkin button[type=submit]')]);
    await page.waitForLoadState('load');
    expect(await page.locator('#checkin .notice').innerText()).toBe('Mã điểm danh không đúng. Vui lòng nhập lại mã đang hiển thị trên màn hình.');
    expect(await rowsOf(ctx, ev.participantIds[0])).toHaveLength(0);

    await page.fill('#checkin-code', code);
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#checkin button[type=submit]')]);
    await page.waitForLoadState('load');
    expect(res.status()).toBe(201);
    expect(await page.locator('#checkin .notice').innerText()).toBe('Đã điểm danh: đồng chí có mặt lúc 10/04/2030 13:52. Xin cảm ơn!');
    expect(await rowsOf(ctx, ev.participantIds[0])).toEqual([expect.objectContaining({ status: 'present', method: 'code' })]);
    await page.screenshot({ path: `${ctx.config.dataDir}/checkin-by-code.png`, fullPage: true });

    // Pressing again (a new page, a new nonce) is refused with the original time, in words.
    await page.fill('#checkin-code', code);
    const [again] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#checkin button[type=submit]')]);
    await page.waitForLoadState('load');
    expect(again.status()).toBe(409);
    expect(await page.locator('#checkin .notice').innerText()).toBe('Đồng chí đã điểm danh buổi này lúc 10/04/2030 13:52.');
    await page.close();
  });

  it('words every refusal on the page, in Vietnamese and in English', async () => {
    clockOf(ctx).set(hn('2030-04-10T12:00:00'));
    try {
      const page = await phone();
      await page.goto(`${base}/rsvp/${ev.rsvpToken(ev.participantIds[1])}`);
      await page.fill('#checkin-code', '123456');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#checkin button[type=submit]')]);
      await page.waitForLoadState('load');
      expect(await page.locator('#checkin .notice').innerText()).toContain('Chưa đến hoặc đã hết thời gian điểm danh');
      await page.goto(`${base}/rsvp/${ev.rsvpToken(ev.participantIds[1])}?lang=en`);
      await page.fill('#checkin-code', '12');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#checkin button[type=submit]')]);
      await page.waitForLoadState('load');
      expect(await page.locator('#checkin .notice').innerText()).toBe('The check-in code is exactly six digits.');
      await page.close();
    } finally {
      clockOf(ctx).set(hn('2030-04-10T13:52:00'));
    }
  });

  it('the personal QR code opens a page saying whose code it is; a forged one is the 404 page', async () => {
    const page = await phone();
    await page.goto(`${base}/checkin/${ev.qrToken(ev.participantIds[1])}`);
    expect(await page.locator('h1').innerText()).toBe('Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I');
    expect(await page.locator('#checkin').innerText()).toContain('Đây là mã điểm danh cá nhân của đồng chí Đại biểu 2.');
    await page.screenshot({ path: `${ctx.config.dataDir}/checkin-qr.png`, fullPage: true });
    const res = await page.goto(`${base}/checkin/${ev.rsvpToken(ev.participantIds[1])}`);
    expect(res!.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Đường dẫn không hợp lệ');
    await page.close();
  });
});
