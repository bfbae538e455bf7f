import type { Browser } from 'playwright-core';
import { BridgePointsService } from '../../src/bridge-points/bridge-points.service';
import { bearer, type TestContext } from '../support/app';
import { launchBrowser } from '../support/browser';
import { type Factories, startAdminApp } from '../support/factories';
import { expectBalanced } from '../support/html';

const HOUR = 3_600_000;
const hanoi = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 16);

describe('the coordinator’s page of a bridge point (/bridge/:token), on a 360 px phone', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let browser: Browser;
  let base: string;
  let eventId: string;
  let pointId: string;
  let otherPointId: string;
  let district: { id: string };
  let invitees: { id: string }[];
  let endsAt: number;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    await ctx.app.listen(0, '127.0.0.1');
    base = await ctx.app.getUrl();
    browser = await launchBrowser();
    const province = await f.province('UBND tỉnh Lào Cai');
    district = await f.org({ name: 'UBND huyện Bát Xát', kind: 'district', level: 'district', parentId: province.id });
    const other = await f.org({ name: 'UBND huyện Sa Pa', kind: 'district', level: 'district', parentId: province.id });
    const office = await f.org({ name: 'Phòng Văn hóa và Thông tin huyện Bát Xát', kind: 'department', level: 'district', parentId: district.id });
    const start = Date.now() + 3 * 24 * HOUR;
    endsAt = start + 3 * HOUR;
    eventId = (
      await ctx.http().post('/api/events').set(bearer(admin)).send({
        kind: 'conference', title: 'Hội nghị trực tuyến sơ kết 7 tháng đầu năm', format: 'online', hostOrganizationId: province.id,
        sessions: [{ startsAt: hanoi(start), endsAt: hanoi(start + 3 * HOUR) }],
      }).expect(201)
    ).body.id;
    const add = (body: object) => ctx.http().post(`/api/events/${eventId}/bridge-points`).set(bearer(admin)).send({ videoProvider: 'vnpt_cvc', ...body }).expect(201);
    pointId = (await add({ hostOrganizationId: district.id, roomName: 'Phòng họp trực tuyến UBND huyện Bát Xát', address: 'Thị trấn Bát Xát', meetingId: '1001', passcode: 'BX-1001' })).body.id;
    otherPointId = (await add({ hostOrganizationId: other.id, roomName: 'Phòng họp UBND huyện Sa Pa' })).body.id;
    const people = [await f.person(district.id, { fullName: 'Vàng A Tủa' }), await f.person(office.id, { fullName: 'Lý Thị Mai' })];
    invitees = (await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: people.map((p) => ({ personId: p.id, role: 'delegate' })) }).expect(201)).body;
    await ctx.http().put(`/api/events/${eventId}/bridge-points/${pointId}/participants`).set(bearer(admin)).send({ participantIds: invitees.map((p) => p.id) }).expect(200);
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
  });

  afterAll(async () => {
    await browser?.close();
    await ctx.close();
  });

  const pageUrl = (id: string) => ctx.app.get(BridgePointsService).coordinatorUrl(id).replace(/^https?:\/\/[^/]+/, base);

  it('reports a rehearsal, readiness and a headcount by agency with names ticked, without JavaScript, at 360×640', async () => {
    const page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
    await page.goto(pageUrl(pointId));
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    const body = await page.locator('body').innerText();
    expect(body).toContain('Phòng họp trực tuyến UBND huyện Bát Xát');
    expect(body).toContain('BX-1001');
    expect(body).toContain('Chưa kiểm tra');
    // Nothing is wider than the phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    // "Sẵn sàng" before a rehearsal is refused on the page, with the reason.
    await page.locator('#readiness label.choice', { hasText: 'Sẵn sàng' }).click();
    await Promise.all([page.waitForLoadState('load'), page.locator('#readiness button').click()]);
    expect(await page.locator('.notice.error').innerText()).toContain('Chưa kiểm tra');
    await page.locator('#readiness label.choice', { hasText: 'Đã chạy thử' }).click();
    await page.fill('#readiness-note', 'Âm thanh, hình ảnh tốt');
    await Promise.all([page.waitForLoadState('load'), page.locator('#readiness button').click()]);
    expect(await page.locator('.notice.success').innerText()).toBe('Đã ghi nhận: Đã chạy thử.');
    await page.locator('#readiness label.choice', { hasText: 'Sẵn sàng' }).click();
    await Promise.all([page.waitForLoadState('load'), page.locator('#readiness button').click()]);
    expect(await page.locator('[data-field="readiness"]').innerText()).toBe('Sẵn sàng');

    await page.fill('#headcount-present', '14');
    await page.fill('#headcount-substitutes', '1');
    await page.fill('#headcount-excused', '2');
    await page.getByRole('spinbutton', { name: 'UBND huyện Bát Xát' }).fill('9');
    await page.getByRole('spinbutton', { name: 'Phòng Văn hóa và Thông tin huyện Bát Xát' }).fill('5');
    await page.locator('#headcount label.choice', { hasText: 'Vàng A Tủa' }).click();
    await Promise.all([page.waitForLoadState('load'), page.locator('#headcount button').click()]);
    expect(await page.locator('.notice.success').innerText()).toBe('Đã ghi nhận số người dự: 14 người.');
    expect(await page.locator('[data-field="headcount"]').innerText()).toMatch(/^14 người \(báo cáo lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\)$/);
    expectBalanced(await page.content());
    await page.screenshot({ path: `${ctx.config.dataDir}/bridge-coordinator-360.png`, fullPage: true });
    await page.close();

    const point = (await ctx.http().get(`/api/events/${eventId}/bridge-points/${pointId}`).set(bearer(admin)).expect(200)).body;
    expect(point.readiness).toBe('ready');
    expect(point.headcount).toMatchObject({ present: 14, substitutes: 1, excused: 2, participantIds: [invitees[0].id], actor: 'coordinator' });
    expect(point.headcount.agencies.map((a: { present: number }) => a.present).sort()).toEqual([5, 9]);
    // The next report replaces it.
    const again = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await again.goto(pageUrl(pointId));
    await again.fill('#headcount-present', '15');
    await Promise.all([again.waitForLoadState('load'), again.locator('#headcount button').click()]);
    await again.close();
    const after = (await ctx.http().get(`/api/events/${eventId}/bridge-points`).set(bearer(admin)).expect(200)).body.points;
    expect(after.find((p: { id: string }) => p.id === pointId).headcount.present).toBe(15);
  });

  it('shows a headcount that does not add up as a problem on the page, in Vietnamese on an English phone, and records nothing', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 360, height: 640 } });
    await page.goto(pageUrl(otherPointId));
    await page.fill('#headcount-present', '3');
    await page.fill('#headcount-substitutes', '4');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('#headcount button').click()]);
    expect(response.status()).toBe(400);
    expect(await page.locator('.notice.error').innerText()).toContain('Số liệu chưa khớp');
    await page.close();
    expect((await ctx.http().get(`/api/events/${eventId}/bridge-points/${otherPointId}/headcounts`).set(bearer(admin)).expect(200)).body).toEqual([]);
  });

  it('answers a forged link with the friendly not-found page and an English visitor’s choice with English', async () => {
    const res = await ctx.http().get('/bridge/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<html lang="vi">');
    const en = await ctx.http().get(`${new URL(pageUrl(pointId)).pathname}?lang=en`).expect(200);
    expect(en.text).toContain('Headcount at this point');
    // The footer speaks to the point's technical contact, not to an invitee: until when the link works.
    const until = hanoi(endsAt + 24 * HOUR).replace(/^(\d{4})-(\d\d)-(\d\d)T/, '$3/$2/$1 ');
    expect(/<footer>([^<]*)<\/footer>/.exec(en.text)![1]).toContain(`sent to its technical contact only: anyone with it can report for the point, so please do not forward it. It works until ${until}`);
    const vi = await ctx.http().get(new URL(pageUrl(pointId)).pathname).expect(200);
    expect(/<footer>([^<]*)<\/footer>/.exec(vi.text)![1]).toContain(`Đường dẫn có hiệu lực đến ${until} (một ngày sau khi hội nghị kết thúc)`);
  });
});
