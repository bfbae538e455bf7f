import type { Browser, Page } from 'playwright-core';
import { bearer, type TestContext } from '../support/app';
import { launchBrowser } from '../support/browser';
import { type Factories, startAdminApp } from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';

/** Submits the form of a field as a person pressing its button would, and waits for the page that answers. */
async function submit(page: Page, field: string) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator(field).evaluate((el) => (el as unknown as { form: { requestSubmit(): void } }).form.requestSubmit()),
  ]);
  await page.waitForLoadState('load');
}

/** The RSVP and nomination pages in real headless Chromium, from the links of real mails. */
describe('RSVP and nomination pages (Chromium)', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let browser: Browser;
  let base: string;
  let eventId: string;
  const sink = new SmtpSink();

  beforeAll(async () => {
    await sink.start();
    ({ ctx, admin, f } = await startAdminApp({ SMTP_URL: sink.url, MAIL_BACKOFF_MS: '50' }));
    await ctx.app.listen(0, '127.0.0.1');
    base = await ctx.app.getUrl();
    browser = await launchBrowser();
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai' });
    const res = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị trực tuyến sơ kết 7 tháng đầu năm 2015', format: 'online', hostOrganizationId: org.id,
      onlineUrl: 'https://vc.laocai.gov.vn/phong-1', sessions: [{ startsAt: '2031-08-05T14:00', endsAt: '2031-08-05T17:00' }],
    }).expect(201);
    eventId = res.body.id;
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
  });

  afterAll(async () => {
    await browser?.close();
    await ctx.close();
    await sink.stop();
  });

  const linkIn = (address: string, path: string) => {
    const text = sink.to(address)[0].parsed.text ?? '';
    return new RegExp(`https?://[^\\s]+/${path}/[\\w.-]+`).exec(text)![0].replace(/^https?:\/\/[^/]+/, base);
  };

  it('opens the invitation from the mail link in Vietnamese, preselects the answer without recording it, and records it on the button', async () => {
    const person = await f.person((await f.org()).id, { fullName: 'Nguyễn Thị Bích' });
    await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: person.id, role: 'delegate' }] }).expect(201);
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(1);
    const page = await browser.newPage({ locale: 'vi-VN' });
    const url = linkIn(person.email!, 'rsvp');
    await page.goto(`${url}?answer=accepted`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    const body = await page.locator('body').innerText();
    expect(body).toContain('Hội nghị trực tuyến sơ kết 7 tháng đầu năm 2015');
    expect(body).toContain('05/08/2031');
    expect(body).toContain('14:00');
    // a GET (what a mail scanner does) changes nothing
    let list = await ctx.http().get(`/api/events/${eventId}/participants`).set(bearer(admin)).expect(200);
    expect(['pending', 'invited']).toContain(list.body.items[0].status); // not accepted
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('button[value="accepted"]').first().click()]);
    await page.waitForLoadState('load');
    list = await ctx.http().get(`/api/events/${eventId}/participants`).set(bearer(admin)).expect(200);
    expect(list.body.items[0].status).toBe('accepted');
    await page.screenshot({ path: `${ctx.config.dataDir}/rsvp.png`, fullPage: true });
    await page.close();
  });

  it('sends a substitute from the form and shows field problems instead of failing', async () => {
    const person = await f.person((await f.org()).id, { fullName: 'Trần Văn Khoa' });
    await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: person.id, role: 'delegate' }] }).expect(201);
    const before = sink.messages.length;
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(before + 1);
    const page = await browser.newPage({ locale: 'vi-VN' });
    await page.goto(linkIn(person.email!, 'rsvp'));
    await page.fill('input[name="substituteName"]', 'Lò Văn Páo');
    await page.fill('input[name="substituteEmail"]', 'khong-phai-email');
    // The browser's own form data, posted without the page's required-field checks: the server must answer 400.
    const bad = await page.evaluate(`(async () => {
      const form = document.querySelector('input[name="substituteName"]').closest('form');
      const r = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return r.status;
    })()`);
    expect(bad).toBe(400);
    await page.fill('input[name="substituteEmail"]', 'pao.lv@laocai.gov.vn');
    await submit(page, 'input[name="substituteName"]');
    expect(await page.locator('body').innerText()).toContain('Lò Văn Páo');
    // the substitute's invitation, and the CANCEL that takes the event out of Khoa's calendar
    await sink.waitFor(before + 3);
    expect(sink.to(person.email!)).toHaveLength(2);
    expect(sink.to('pao.lv@laocai.gov.vn')).toHaveLength(1);
    const list = await ctx.http().get(`/api/events/${eventId}/participants?status=delegated`).set(bearer(admin)).expect(200);
    expect(list.body.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Trần Văn Khoa']);
    await page.close();
  });

  it('shows a clear page, not a stack trace, for an unknown link', async () => {
    const page = await browser.newPage({ locale: 'vi-VN' });
    const res = await page.goto(`${base}/rsvp/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(res!.status()).toBe(404);
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/Error|at \w+ \(/);
    expect(body.length).toBeGreaterThan(20);
    await page.close();
  });

  it('lets an agency contact nominate on the page, in English when asked', async () => {
    const district = await f.org({ name: 'UBND huyện Bát Xát', kind: 'district', level: 'district' });
    const leader = await f.person(district.id, { fullName: 'Giàng Seo Phử', isLeader: true });
    await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ organizationId: district.id, role: 'delegate', quota: 1 }] }).expect(201);
    const before = sink.messages.length;
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(before + 1);
    const page = await browser.newPage({ locale: 'vi-VN' });
    await page.goto(`${linkIn(leader.email!, 'nominate')}?lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.fill('input[name="fullName"]', 'Vàng A Dình');
    await page.fill('input[name="email"]', 'dinh.va@batxat.gov.vn');
    await submit(page, 'input[name="fullName"]');
    expect(await page.locator('body').innerText()).toContain('Vàng A Dình');
    await sink.waitFor(before + 2);
    expect(sink.to('dinh.va@batxat.gov.vn')).toHaveLength(1);
    await page.close();
  });
});
