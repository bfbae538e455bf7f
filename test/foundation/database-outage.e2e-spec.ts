import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { LinkTokens } from '../../src/invitations/public/tokens';
import { startTestApp, type TestContext } from '../support/app';

/** What clients see while PostgreSQL cannot serve: 503 with Retry-After (JSON for the API, the "try again" page for people). */
describe('database unavailable or too slow', () => {
  let ctx: TestContext;
  let token: string;
  const dbName = () => new URL(ctx.databaseUrl).pathname.slice(1);
  const superuser = async () => {
    const url = new URL(ctx.databaseUrl);
    url.pathname = '/postgres';
    const c = new Client({ connectionString: url.toString() });
    await c.connect();
    return c;
  };

  beforeAll(async () => {
    ctx = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '300' });
    token = await ctx.tokenFor('admin');
  });
  afterAll(() => ctx.close());

  it('cancels a statement after DB_STATEMENT_TIMEOUT_MS and answers 503 server.unavailable with Retry-After', async () => {
    const locker = new Client({ connectionString: ctx.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await ctx.http().get('/api/organizations').set('authorization', `Bearer ${token}`);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'server.unavailable' });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await ctx.http().get('/api/organizations').set('authorization', `Bearer ${token}`).expect(200);
  });

  it('answers 503 with Retry-After on the API and the HTML "try again" page on /rsvp while the database refuses connections, and recovers', async () => {
    // A well-formed link (right MAC) for a participant id: the page must reach the database to answer it.
    const TOKEN = new LinkTokens(ctx.config.jwtSecret).issue('rsvp', randomUUID());
    const admin = await superuser();
    try {
      await admin.query(`ALTER DATABASE "${dbName()}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName()]);

      const api = await ctx.http().get('/api/organizations').set('authorization', `Bearer ${token}`);
      expect(api.status).toBe(503);
      expect(api.headers['retry-after']).toMatch(/^\d+$/);
      expect(api.headers['content-type']).toContain('application/json');
      expect(api.body).toMatchObject({ statusCode: 503, code: 'server.unavailable' });

      const write = await ctx.http().post('/api/organizations').set('authorization', `Bearer ${token}`).send({ name: 'Sở Nội vụ', code: 'X.SNV', type: 'department' });
      expect(write.status).toBe(503);

      const page = await ctx.http().get(`/rsvp/${TOKEN}`);
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toMatch(/^\d+$/);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.text.startsWith('<!doctype html>')).toBe(true);
      expect(page.text).not.toContain(TOKEN);

      const post = await ctx.http().post(`/rsvp/${TOKEN}`).type('form').send({ answer: 'accepted' });
      expect(post.status).toBe(503);
      expect(post.headers['content-type']).toBe('text/html; charset=utf-8');
    } finally {
      await admin.query(`ALTER DATABASE "${dbName()}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await ctx.http().get('/api/organizations').set('authorization', `Bearer ${token}`).expect(200);
  });
});
