import { createHmac } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { AccountsService } from '../../src/accounts/accounts.service';
import { loadConfig, ConfigError } from '../../src/config/env';
import { InvitationLinks } from '../../src/invitations/public/links';
import { bearer, startTestApp, TEST_PASSWORD, type TestContext } from '../support/app';
import { launchBrowser } from '../support/browser';
import { type Factories, factories } from '../support/factories';

/** The real limits: what an operator gets without setting LOGIN_RATE_LIMIT, LOGIN_ADDRESS_RATE_LIMIT, PUBLIC_RATE_LIMIT. */
const REAL_LIMITS = { LOGIN_RATE_LIMIT: '', LOGIN_ADDRESS_RATE_LIMIT: '', PUBLIC_RATE_LIMIT: '' };
const wrong = (email: string) => ({ email, password: 'not-the-password' });

function expectRateLimited(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) {
  expect(res.status).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'request.rate_limited', details: [] });
}

describe('login throttling per client address (TRUST_PROXY unset)', () => {
  let ctx: TestContext;
  beforeAll(async () => (ctx = await startTestApp(REAL_LIMITS)));
  afterAll(() => ctx.close());

  it('refuses the 31st wrong password from one address with 429 and Retry-After, whatever account and X-Forwarded-For', async () => {
    await ctx.app.get(AccountsService).ensureUser({ email: 'victim@test.hoinghi', password: TEST_PASSWORD, role: 'viewer', displayName: 'V' });
    for (let i = 1; i <= 30; i++) {
      // A different account and a different forged client address each time: neither helps.
      await ctx.http().post('/api/auth/login').set('x-forwarded-for', `203.0.113.${i}`).send(wrong(`guess-${i}@test.hoinghi`)).expect(401);
    }
    const res = await ctx.http().post('/api/auth/login').set('x-forwarded-for', '198.51.100.7').send(wrong('victim@test.hoinghi'));
    expectRateLimited(res);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Not even the right password gets through until the window ends.
    expectRateLimited(await ctx.http().post('/api/auth/login').send({ email: 'victim@test.hoinghi', password: TEST_PASSWORD }));
  });

  it('limits public POSTs per address (60 a minute), JSON on the API and a "try again" page on the pages', async () => {
    const bogus = 'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
    for (let i = 0; i < 30; i++) await ctx.http().post(`/api/rsvp/${bogus}`).send({ answer: 'accepted' }).expect(404);
    for (let i = 0; i < 30; i++) await ctx.http().post(`/api/nominate/${bogus}`).send({ nominees: [] }).expect((r) => expect(r.status).not.toBe(429));
    expectRateLimited(await ctx.http().post(`/api/rsvp/${bogus}`).set('x-forwarded-for', '192.0.2.1').send({ answer: 'accepted' }));
    const page = await ctx.http().post(`/rsvp/${bogus}`).type('form').send({ answer: 'accepted' });
    expect(page.status).toBe(429);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    // Reading a link is not limited here.
    await ctx.http().get(`/api/rsvp/${bogus}`).expect(404);
  });
});

describe('login throttling per account (behind a trusted proxy)', () => {
  let ctx: TestContext;
  beforeAll(async () => (ctx = await startTestApp({ ...REAL_LIMITS, TRUST_PROXY: 'loopback' })));
  afterAll(() => ctx.close());

  it('refuses the 31st wrong password for one account with 429, from any address, and leaves other accounts alone', async () => {
    const accounts = ctx.app.get(AccountsService);
    await accounts.ensureUser({ email: 'chu-tich@test.hoinghi', password: TEST_PASSWORD, role: 'viewer', displayName: 'A' });
    await accounts.ensureUser({ email: 'pho-chu-tich@test.hoinghi', password: TEST_PASSWORD, role: 'viewer', displayName: 'B' });
    for (let i = 1; i <= 30; i++) {
      await ctx.http().post('/api/auth/login').set('x-forwarded-for', `203.0.113.${i}`).send(wrong('chu-tich@test.hoinghi')).expect(401);
    }
    const res = await ctx.http().post('/api/auth/login').set('x-forwarded-for', '198.51.100.1').send({ email: 'Chu-Tich@test.hoinghi', password: TEST_PASSWORD });
    expectRateLimited(res);
    await ctx.http().post('/api/auth/login').set('x-forwarded-for', '198.51.100.2').send({ email: 'pho-chu-tich@test.hoinghi', password: TEST_PASSWORD }).expect(200);
  });

  it('counts public POSTs per client address as the trusted proxy reports it', async () => {
    const bogus = 'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
    for (let i = 0; i < 60; i++) await ctx.http().post(`/api/rsvp/${bogus}`).set('x-forwarded-for', '192.0.2.10').send({ answer: 'accepted' }).expect(404);
    expectRateLimited(await ctx.http().post(`/api/rsvp/${bogus}`).set('x-forwarded-for', '192.0.2.10').send({ answer: 'accepted' }));
    await ctx.http().post(`/api/rsvp/${bogus}`).set('x-forwarded-for', '192.0.2.11').send({ answer: 'accepted' }).expect(404);
  });
});

describe('TRUST_PROXY and limit settings', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp' };
  it('is off by default and takes a list of proxies', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', 'loopback']);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/33' })).toThrow(ConfigError);
  });
  it('reads count/window limits, or off', () => {
    expect(loadConfig(base).rateLimits).toEqual({ loginPerAccount: { max: 30, windowMs: 900_000 }, loginPerAddress: { max: 30, windowMs: 900_000 }, publicPerAddress: { max: 60, windowMs: 60_000 } });
    expect(loadConfig({ ...base, PUBLIC_RATE_LIMIT: 'off', LOGIN_RATE_LIMIT: '5/1h' }).rateLimits).toMatchObject({ publicPerAddress: null, loginPerAccount: { max: 5, windowMs: 3_600_000 } });
    expect(() => loadConfig({ ...base, LOGIN_RATE_LIMIT: '30' })).toThrow(ConfigError);
  });
});

describe('tokens, logs, dev tools, scope and headers', () => {
  let ctx: TestContext;
  let f: Factories;
  let admin: string;
  let eventId: string;
  let participantId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    f = factories(ctx);
    admin = await ctx.tokenFor('admin');
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const official = await f.person(org.id, { fullName: 'Nguyễn Văn Sơn' });
    const start = Date.now() + 30 * 86_400_000;
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị giao ban', format: 'online', hostOrganizationId: org.id, onlineUrl: 'https://vc.hagiang.gov.vn/x',
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString() }],
    }).expect(201);
    eventId = ev.body.id;
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
    const added = await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: official.id, role: 'delegate' }] }).expect(201);
    participantId = added.body[0]?.id ?? added.body.items?.[0]?.id;
  });
  afterAll(() => ctx.close());

  describe('JWT', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const sign = (alg: 'HS256' | 'HS512', payload: object) => {
      const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
      return `${head}.${createHmac(alg === 'HS256' ? 'sha256' : 'sha512', ctx.config.jwtSecret).update(head).digest('base64url')}`;
    };
    let claims: { sub: string; ver: number; iat: number; exp: number; iss: string };
    beforeAll(() => (claims = JSON.parse(Buffer.from(admin.split('.')[1], 'base64url').toString())));

    it('accepts a token signed the way hoinghi signs them', async () => {
      await ctx.http().get('/api/auth/me').set(bearer(sign('HS256', claims))).expect(200);
    });
    it('refuses a token without exp, even signed with the real key', async () => {
      const { exp: _, ...noExp } = claims;
      expect((await ctx.http().get('/api/auth/me').set(bearer(sign('HS256', noExp))).expect(401)).body.code).toBe('auth.unauthorized');
    });
    it('refuses a token signed with HS512 under the real key', async () => {
      await ctx.http().get('/api/auth/me').set(bearer(sign('HS512', claims))).expect(401);
    });
  });

  it('accepts only the canonical spelling of a public link token (404 for the 15 others)', async () => {
    const token = ctx.app.get(InvitationLinks).issue('rsvp', participantId);
    await ctx.http().get(`/api/rsvp/${token}`).expect(200);
    const [id, mac] = token.split('.');
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = ALPHABET.indexOf(id[21]);
    const variants = [...ALPHABET].filter((c, i) => i >> 4 === last >> 4 && c !== id[21]).map((c) => `${id.slice(0, 21)}${c}.${mac}`);
    expect(variants).toHaveLength(15);
    for (const v of variants) {
      expect(Buffer.from(v.split('.')[0], 'base64url').equals(Buffer.from(id, 'base64url'))).toBe(true);
      await ctx.http().get(`/api/rsvp/${v}`).expect(404);
    }
  });

  it('keeps the dev outbox to administrators, without the server path', async () => {
    const organizer = await ctx.tokenFor('organizer');
    await ctx.http().get('/api/dev/outbox').set(bearer(organizer)).expect(403);
    const res = await ctx.http().get('/api/dev/outbox').set(bearer(admin)).expect(200);
    expect(Object.keys(res.body)).toEqual(['items']);
    expect(JSON.stringify(res.body)).not.toContain(ctx.config.dataDir);
  });

  it('shows an organizer the name and agency of an invited official outside their scope, the e-mail masked', async () => {
    const home = await f.province('Tỉnh Tuyên Quang');
    const ministry = await f.org({ name: 'Bộ Thông tin và Truyền thông', kind: 'ministry', level: 'central' });
    const outsider = await f.person(ministry.id, { fullName: 'Lê Văn Bộ', email: 'levanbo@mic.example.gov.vn' });
    const insider = await f.person(home.id, { fullName: 'Hoàng Thị Tỉnh', email: 'hoangthitinh@tuyenquang.example.gov.vn' });
    const organizer = await ctx.tokenFor('organizer', home.id);
    const start = Date.now() + 40 * 86_400_000;
    const ev = await ctx.http().post('/api/events').set(bearer(organizer)).send({
      kind: 'conference', title: 'Hội nghị chuyển đổi số', format: 'online', hostOrganizationId: home.id, onlineUrl: 'https://vc.tuyenquang.gov.vn/x',
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString() }],
    }).expect(201);
    const added = await ctx.http().post(`/api/events/${ev.body.id}/participants`).set(bearer(organizer))
      .send({ participants: [{ personId: outsider.id, role: 'guest' }, { personId: insider.id, role: 'delegate' }] }).expect(201);
    const items = Array.isArray(added.body) ? added.body : added.body.items;
    const listed = (await ctx.http().get(`/api/events/${ev.body.id}/participants`).set(bearer(organizer)).expect(200)).body.items;
    for (const view of [items, listed]) {
      const out = view.find((p: { personId: string }) => p.personId === outsider.id);
      expect(out).toMatchObject({ fullName: 'Lê Văn Bộ', email: 'l***@mic.example.gov.vn', organizationId: null, organizationName: 'Bộ Thông tin và Truyền thông' });
      expect(JSON.stringify(out)).not.toContain('levanbo@');
      expect(view.find((p: { personId: string }) => p.personId === insider.id)).toMatchObject({ email: 'hoangthitinh@tuyenquang.example.gov.vn', organizationId: home.id });
    }
    const asAdmin = (await ctx.http().get(`/api/events/${ev.body.id}/participants`).set(bearer(admin)).expect(200)).body.items;
    expect(asAdmin.find((p: { personId: string }) => p.personId === outsider.id)).toMatchObject({ email: 'levanbo@mic.example.gov.vn', organizationId: ministry.id });
  });

  it('sends security headers on pages and the API; pages stay no-store and noindex', async () => {
    const page = await ctx.http().get(`/rsvp/${ctx.app.get(InvitationLinks).issue('rsvp', participantId)}`).expect(200);
    const api = await ctx.http().get('/api/auth/me').set(bearer(admin)).expect(200);
    for (const res of [page, api]) {
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.headers['x-robots-tag']).toContain('noindex');
  });

  describe('Swagger UI', () => {
    let browser: Browser;
    afterAll(() => browser?.close());
    it('still loads at /api/docs under its own CSP', async () => {
      await ctx.app.listen(0, '127.0.0.1');
      const base = await ctx.app.getUrl();
      const docs = await ctx.http().get('/api/docs').expect(200);
      expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      browser = await launchBrowser();
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
      await page.goto(`${base}/api/docs`);
      await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
      expect(await page.textContent('.swagger-ui .info .title')).toContain('hoinghi API');
      await page.waitForSelector('.opblock-tag', { timeout: 15_000 });
      expect(violations).toEqual([]);
    });
  });
});
