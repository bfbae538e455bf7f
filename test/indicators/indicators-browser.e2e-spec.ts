import { Workbook } from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AccountsService } from '../../src/accounts/accounts.service';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { IndicatorsService } from '../../src/indicators/indicators.service';
import { startTestApp, TEST_PASSWORD, type TestContext } from '../support/app';
import { launchBrowser } from '../support/browser';
import { factories } from '../support/factories';

const SHOTS = join(__dirname, '..', '..', '.data', 'screenshots');

/**
 * Issue 18's "a leader opens the ranking and downloads it", in real Chromium: a leader of Lào Cai
 * signs in, goes from the dashboard to the ranking, downloads the XLSX (read back with exceljs), opens
 * an agency's breakdown, publishes the ranking; the pages have no serious or critical axe violation
 * and the ranking reads the same with JavaScript off.
 */
describe('indicators pages in Chromium', () => {
  let ctx: TestContext;
  let browser: Browser;
  let page: Page;
  let base: string;
  const leader = 'lanh-dao@laocai.test';
  const administrator = 'quan-tri@laocai.test';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ctx = await startTestApp();
    await ctx.app.listen(0, '127.0.0.1');
    base = (await ctx.app.getUrl()).replace('[::1]', '127.0.0.1');
    const f = factories(ctx);
    const province = await f.province('UBND tỉnh Lào Cai');
    const agencies = [
      await f.org({ parentId: province.id, name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai' }),
      await f.org({ parentId: province.id, name: 'Sở Nội vụ tỉnh Lào Cai' }),
      await f.org({ parentId: province.id, name: 'UBND huyện Bát Xát', kind: 'district', level: 'district' }),
    ];
    const indicators = ctx.app.get(IndicatorsService);
    await indicators.createDefinition({ code: 'THUCV', nameVi: 'Tỷ lệ cán bộ sử dụng thư điện tử trong công việc', nameEn: 'Officials using e-mail for work', unit: 'percent', source: 'reported', weight: 1, targetDepartment: 50, targetDistrict: 30 });
    const csv = ['Mã chỉ số,Mã đơn vị,Năm,Giá trị', `THUCV,${agencies[0].code},2014,50`, `THUCV,${agencies[1].code},2014,35`, `THUCV,${agencies[2].code},2014,21`].join('\n');
    await indicators.importValues(SYSTEM, Buffer.from(csv), 'text/csv', false);
    await ctx.app.get(AccountsService).ensureUser({ email: leader, password: TEST_PASSWORD, role: 'leader', displayName: 'Lãnh đạo UBND tỉnh Lào Cai', scopeOrganizationId: province.id });
    await ctx.app.get(AccountsService).ensureUser({ email: administrator, password: TEST_PASSWORD, role: 'admin', displayName: 'Quản trị hệ thống' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const shot = (name: string, p: Page = page) => p.screenshot({ path: join(SHOTS, `indicators-${name}.png`), fullPage: true });

  it('signs the leader in and leads from the dashboard to the ranking', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Địa chỉ e-mail').fill(leader);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/app`);
    await page.getByRole('link', { name: 'Xếp hạng ứng dụng CNTT của các sở, ban, ngành và huyện, thành phố' }).click();
    await page.waitForURL(/\/app\/indicators$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Xếp hạng ứng dụng CNTT – UBND tỉnh Lào Cai, 2014');
    const rows = await page.locator('[data-table=ranking] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent!.trim())));
    expect(rows).toEqual([
      ['1', 'Sở Thông tin và Truyền thông tỉnh Lào Cai', 'Sở, ban, ngành', '1', '100', 'Tốt'],
      // 35% of a department's 50% and 21% of a district's 30% are both 70: one rank, name order.
      ['2', 'Sở Nội vụ tỉnh Lào Cai', 'Sở, ban, ngành', '2', '70', 'Khá'],
      ['2', 'UBND huyện Bát Xát', 'Huyện, thành phố', '1', '70', 'Khá'],
    ]);
    await expect(page.locator('[data-group=overall] [data-level=good]').textContent()).resolves.toBe('33% (1 đơn vị)');
    await expect(page.getByRole('link', { name: 'Xếp hạng CNTT' }).getAttribute('aria-current')).resolves.toBe('page');
    await shot('ranking');
  });

  it('downloads the ranking as an XLSX workbook with Vietnamese headers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải bảng Excel (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toBe('xep-hang-chi-so-2014.xlsx');
    const wb = new Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Xếp hạng');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map(String);
    expect(values(1)).toEqual(['Hạng', 'Hạng trong khối', 'Cơ quan, đơn vị', 'Khối', 'Điểm', 'Mức', 'Tỷ lệ cán bộ sử dụng thư điện tử trong công việc (THUCV)']);
    expect(values(2)).toEqual(['1', '1', 'Sở Thông tin và Truyền thông tỉnh Lào Cai', 'Sở, ban, ngành', '100', 'Tốt', '50']);
    expect(values(3)).toEqual(['2', '2', 'Sở Nội vụ tỉnh Lào Cai', 'Sở, ban, ngành', '70', 'Khá', '35']);
    expect(values(4)).toEqual(['2', '1', 'UBND huyện Bát Xát', 'Huyện, thành phố', '70', 'Khá', '21']);
  });

  it("opens an agency's breakdown and comes back", async () => {
    await page.getByRole('link', { name: 'Chi tiết chỉ số của UBND huyện Bát Xát' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Chi tiết chỉ số của UBND huyện Bát Xát – 2014');
    await expect(page.locator('[data-indicator=THUCV] td').allTextContents()).resolves.toEqual(['Đơn vị báo cáo', '1', '30%', '21%', '70', 'Khá']);
    await shot('agency');
    await page.getByRole('link', { name: 'Về bảng xếp hạng' }).click();
    await page.waitForURL(/\/app\/indicators\?/);
  });

  it('publishes the ranking: the page then shows version 1, frozen', async () => {
    await page.getByRole('button', { name: 'Công bố xếp hạng năm 2014' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Đã công bố bản số 1.');
    await expect(page.locator('[data-field=version]').textContent()).resolves.toMatch(/^Bản công bố số 1, ngày \d{2}\/\d{2}\/\d{4}, do lanh-dao@laocai.test công bố$/);
    await shot('published');
  });

  it('shows the same ranking with JavaScript off (plain links and forms)', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const p = await noScript.newPage();
    await p.goto(`${base}/app/indicators?period=2014&group=district`);
    await expect(p.locator('[data-table=ranking] tbody tr').count()).resolves.toBe(1);
    await p.getByLabel('Khối').selectOption('');
    await p.getByRole('button', { name: 'Xem' }).click();
    await expect(p.locator('[data-table=ranking] tbody tr').count()).resolves.toBe(3);
    await noScript.close();
  });

  it('lets an administrator change an indicator from the page: the ranking follows', async () => {
    // (CSP bypassed only so the test can inject axe-core.)
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const a = await admin.newPage();
    await a.goto(`${base}/login`);
    await a.getByLabel('Địa chỉ e-mail').fill(administrator);
    await a.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await a.getByRole('button', { name: 'Đăng nhập' }).click();
    await a.waitForURL(`${base}/app`);
    await a.goto(`${base}/app/indicators/definitions`);
    await a.getByText('Sửa chỉ số THUCV').click();
    // The district target from 30% to 21%: Bát Xát's 21% is now the whole target.
    const form = a.locator('form[data-edit=THUCV]');
    await form.getByLabel('Chỉ tiêu khối huyện').fill('21');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await a.waitForURL(/done=saved/);
    await expect(a.getByRole('status').first().textContent()).resolves.toContain('Đã lưu chỉ số.');
    await expect(a.locator('[data-definition=THUCV] td').nth(5).textContent()).resolves.toBe('21%');
    await a.screenshot({ path: join(SHOTS, 'indicators-definitions.png'), fullPage: true });
    expect(await axeViolations(a)).toEqual([]);
    await admin.close();
    // The leader's live ranking follows.
    await page.goto(`${base}/app/indicators?period=2014`);
    const district = await page.locator('[data-table=ranking] tbody tr', { hasText: 'UBND huyện Bát Xát' }).locator('td').allTextContents();
    expect(district.slice(-2)).toEqual(['100', 'Tốt']);
  });

  it('has no accessibility violation of serious or critical impact (axe-core), in Vietnamese and English', async () => {
    const audit = await browser.newContext({ bypassCSP: true, storageState: await page.context().storageState() });
    const a = await audit.newPage();
    for (const path of ['/app', '/app/indicators', '/app/indicators?period=2014&version=1', '/app/indicators?period=2014&lang=en', '/app/indicators/definitions']) {
      await a.goto(`${base}${path}`);
      expect(await axeViolations(a)).toEqual([]);
    }
    await a.goto(`${base}/app/indicators`);
    await a.getByRole('link', { name: /Sở Nội vụ/ }).click();
    expect(await axeViolations(a)).toEqual([]);
    await audit.close();
  });
});

/** axe-core's serious and critical violations on the page: rule id and the first offending element. */
async function axeViolations(p: Page): Promise<string[]> {
  await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await p.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)');
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}
