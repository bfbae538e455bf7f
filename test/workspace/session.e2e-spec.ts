import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer, TEST_PASSWORD } from '../support/app';
import { type MailApp, startMailApp, until } from '../support/mail-app';

/** The workspace's sign-in: session cookie, CSRF on every form, throttling and revocation shared with the API, forgotten passwords. */
describe('workspace sign-in', () => {
  let m: MailApp;
  let email: string;
  let userId: string;
  beforeAll(async () => {
    m = await startMailApp({ LOGIN_RATE_LIMIT: '5/15m' });
    email = 'to-chuc@test.hoinghi';
    await m.ctx.app.get(AccountsService).ensureUser({ email, password: TEST_PASSWORD, role: 'organizer', displayName: 'Tổ chức <script>alert(1)</script>' });
    const users = await m.ctx.http().get('/api/users?role=organizer').set(bearer(m.admin)).expect(200);
    userId = users.body.items.find((u: { email: string }) => u.email === email).id;
  }, 60_000);
  afterAll(() => m.close());

  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
  async function signIn(agent: ReturnType<typeof request.agent>, password = TEST_PASSWORD) {
    const page = await agent.get('/login').expect(200);
    return agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), email, password, next: '/app' });
  }

  it('sends / to sign-in, signs in with an httpOnly SameSite=Lax cookie, and / then leads to the dashboard', async () => {
    const agent = request.agent(m.ctx.app.getHttpServer());
    await agent.get('/').expect(303).expect('location', '/login');
    await agent.get('/app').expect(303).expect('location', '/login?next=%2Fapp');
    const res = await signIn(agent);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/app');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hoinghi_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    await agent.get('/').expect(303).expect('location', '/app');
    const dash = await agent.get('/app').expect(200);
    expect(dash.text).toContain('<h1>Tổng quan</h1>');
    expect(dash.text).toContain('to-chuc@test.hoinghi');
    expect(dash.text).not.toContain('<script>alert');
    expect(dash.headers['content-security-policy']).toContain("script-src 'self'");
    // The API stays bearer-only: the session cookie opens no /api route.
    await agent.get('/api/auth/me').expect(401);
  });

  it('refuses a form posted without its CSRF token (a cross-site post) with a 403 page, and a wrong password with 401', async () => {
    const agent = request.agent(m.ctx.app.getHttpServer());
    const forged = await agent.post('/login').type('form').send({ email, password: TEST_PASSWORD });
    expect(forged.status).toBe(403);
    expect(forged.headers['content-type']).toContain('text/html');
    expect(forged.text).toContain('Biểu mẫu đã hết hạn');
    expect(forged.headers['set-cookie']?.toString() ?? '').not.toContain('hoinghi_session=');
    const wrong = await signIn(agent, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('E-mail hoặc mật khẩu không đúng.');
    // Signed in, a form of another origin without the token still cannot act.
    await signIn(agent);
    await agent.post('/app/events').type('form').send({ title: 'x' }).expect(403);
    await agent.post('/logout').type('form').send({}).expect(403);
  });

  it('ends the session when the password changes, and on sign-out', async () => {
    const agent = request.agent(m.ctx.app.getHttpServer());
    await signIn(agent);
    await agent.get('/app').expect(200);
    await m.ctx.http().patch(`/api/users/${userId}`).set(bearer(m.admin)).send({ password: TEST_PASSWORD }).expect(200);
    const after = await agent.get('/app/events').expect(303);
    expect(after.headers.location).toBe('/login?next=%2Fapp%2Fevents&notice=expired');
    await signIn(agent);
    const dash = await agent.get('/app').expect(200);
    const out = await agent.post('/logout').type('form').send({ _csrf: csrfOf(dash.text) }).expect(303);
    expect(out.headers.location).toBe('/login?notice=signedOut');
    await agent.get('/app').expect(303);
  });

  it('counts wrong passwords on the sign-in page with the API login throttle', async () => {
    const agent = request.agent(m.ctx.app.getHttpServer());
    const throttled = 'throttled@test.hoinghi';
    for (let i = 0; i < 5; i++) {
      const page = await agent.get('/login');
      await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), email: throttled, password: 'wrong-password' }).expect(401);
    }
    const page = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), email: throttled, password: 'wrong-password' });
    expect(res.status).toBe(429);
    expect(res.text).toContain('Quá nhiều lần thử');
    await m.ctx.http().post('/api/auth/login').send({ email: throttled, password: 'x' }).expect(429);
  });

  it('resets a forgotten password from the mailed link, once, and the old sessions end', async () => {
    const old = request.agent(m.ctx.app.getHttpServer());
    await signIn(old);
    const agent = request.agent(m.ctx.app.getHttpServer());
    const page = await agent.get('/forgot-password').expect(200);
    const sent = await agent.post('/forgot-password').type('form').send({ _csrf: csrfOf(page.text), email }).expect(200);
    expect(sent.text).toContain('Nếu e-mail này có tài khoản');
    // An unknown address gets the same answer and no mail.
    await agent.post('/forgot-password').type('form').send({ _csrf: csrfOf(page.text), email: 'nobody@test.hoinghi' }).expect(200);
    await until(() => m.sink.messages.some((x) => x.to === email));
    const mail = m.sink.messages.find((x) => x.to === email)!;
    expect(mail.parsed.subject).toBe('Đặt lại mật khẩu hoinghi');
    expect(m.sink.messages.some((x) => x.to === 'nobody@test.hoinghi')).toBe(false);
    const link = new URL(/https?:\/\/\S+\/reset-password\/[\w.-]+/.exec(mail.parsed.text!)![0]);
    const form = await agent.get(link.pathname).expect(200);
    expect(form.text).toContain(email);
    const short = await agent.post(link.pathname).type('form').send({ _csrf: csrfOf(form.text), password: 'short', confirm: 'short' }).expect(400);
    expect(short.text).toContain('Mật khẩu cần từ 10 đến 200 ký tự.');
    await agent.post(link.pathname).type('form').send({ _csrf: csrfOf(form.text), password: 'a-brand-new-password', confirm: 'a-brand-new-password' }).expect(303).expect('location', '/login?notice=reset');
    await old.get('/app').expect(303);
    const again = await agent.get(link.pathname).expect(410);
    expect(again.text).toContain('không hợp lệ, đã hết hạn hoặc đã được dùng');
    await m.ctx.http().post('/api/auth/login').send({ email, password: 'a-brand-new-password' }).expect(200);
    await m.ctx.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
  });

  it('remembers the language chosen in the switch, whatever the browser sends', async () => {
    const agent = request.agent(m.ctx.app.getHttpServer());
    const vi = await agent.get('/login').set('accept-language', 'en-US,en;q=0.9').expect(200);
    expect(vi.text).toContain('<html lang="vi">');
    await agent.get('/lang/en?back=/login').expect(303).expect('location', '/login');
    const en = await agent.get('/login').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>Sign in</h1>');
    // Only a path of this site is a place to go back to.
    await agent.get('/lang/vi?back=//evil.example/x').expect(303).expect('location', '/');
  });
});
