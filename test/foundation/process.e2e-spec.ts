import { spawn, spawnSync } from 'node:child_process';
import { freePort } from '../../src/database/embedded-postgres';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestContext } from '../support/app';

const ROOT = join(__dirname, '..', '..');
const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'hoinghi-proc-')), ...env },
  });

describe('processes: configuration errors and the admin CLI', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('stops with exit code 1 and one line naming the bad variable, no stack trace', () => {
    const res = run('src/main.ts', [], { PORT: 'not-a-port' });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe('hoinghi: invalid configuration: PORT must be a port number (0–65535)');
  });

  it('refuses to start in production without JWT_SECRET', () => {
    const res = run('src/main.ts', [], { NODE_ENV: 'production', DATABASE_URL: ctx.databaseUrl });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe('hoinghi: invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  });

  it('creates an administrator from the CLI who can then log in', async () => {
    const res = run('src/cli.ts', ['create-admin', '--email', 'Chief@HaGiang.gov.vn', '--password', 'a-strong-password'], {
      DATABASE_URL: ctx.databaseUrl,
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(res.stderr).toBe('');
    expect(res.stdout.trim()).toBe('created administrator chief@hagiang.gov.vn');
    const login = await request(ctx.app.getHttpServer()).post('/api/auth/login').send({ email: 'chief@hagiang.gov.vn', password: 'a-strong-password' }).expect(200);
    expect(login.body.user).toMatchObject({ role: 'admin', scopeOrganizationId: null });
  });

  it('explains its usage on a bad CLI call', () => {
    const res = run('src/cli.ts', ['create-admin', '--email', 'x'], { DATABASE_URL: ctx.databaseUrl });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--password must be at least 10 characters');
  });

  it('refuses to seed demo accounts in production', () => {
    const res = run('src/cli.ts', ['seed-demo'], { DATABASE_URL: ctx.databaseUrl, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('refused when NODE_ENV=production');
  });

  it('logs each request as JSON with its request id, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'hoinghi-proc-')), DATABASE_URL: ctx.databaseUrl, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PORT: String(port), LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 100 && !out.includes('hoinghi ready'); i++) await new Promise((r) => setTimeout(r, 200));
    expect(out).toContain(`hoinghi ready on http://localhost:${port}`);
    expect(out).not.toContain('demo login');
    const res = await fetch(`http://127.0.0.1:${port}/api/organizations`, { headers: { 'x-request-id': 'trace-42' } });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines.find((l) => l.req?.id === 'trace-42')).toMatchObject({ req: { method: 'GET', url: '/api/organizations' }, res: { statusCode: 401 } });
    expect(JSON.stringify(lines)).not.toContain('Bearer');
    expect(out).toContain('hoinghi: SIGTERM received, shutting down');
    expect(out).toContain('hoinghi: stopped');
  });

  it('starts the README way — embedded PostgreSQL, demo data with invitations ready to send — and stops cleanly', async () => {
    const dataDir = join(ROOT, '.data', `demo-${process.pid}-${Date.now()}`);
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(port) },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      for (let i = 0; i < 900 && !out.includes('hoinghi ready') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('hoinghi ready');
      expect(out).toMatch(/queue: inline jobs \(no REDIS_URL\), worker in this process/);
      expect(out).toMatch(/demo data loaded \(\d+ organizations, \d+ officials, \d+ events, \d+ invitations ready to send\)/);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'organizer@hoinghi.test', password: 'hoinghi-demo' }) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const auth = { authorization: `Bearer ${accessToken}` };
      // The dev outbox is the administrator's (it holds every event's mail).
      const adminLogin = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@hoinghi.test', password: 'hoinghi-demo' }) });
      const adminAuth = { authorization: `Bearer ${((await adminLogin.json()) as { accessToken: string }).accessToken}` };
      const events = (await (await fetch(`http://127.0.0.1:${port}/api/events?status=scheduled&limit=1`, { headers: auth })).json()) as { items: { id: string }[] };
      const sent = await fetch(`http://127.0.0.1:${port}/api/events/${events.items[0].id}/invitations/send`, { method: 'POST', headers: auth });
      expect(sent.status).toBe(202);
      let files: unknown[] = [];
      for (let i = 0; i < 100 && files.length < 5; i++) {
        await new Promise((r) => setTimeout(r, 100));
        files = ((await (await fetch(`http://127.0.0.1:${port}/api/dev/outbox`, { headers: adminAuth })).json()) as { items: unknown[] }).items;
      }
      expect(files.length).toBeGreaterThanOrEqual(5);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('stops the embedded PostgreSQL when SIGTERM arrives during start-up, and keeps its password private', async () => {
    // Inside the repository: the embedded server runs as the postgres user, who cannot enter a 0700 temp dir.
    const dataDir = join(ROOT, '.data', `proc-${process.pid}-${Date.now()}`);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(await freePort()) },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 100 && !existsSync(join(dataDir, 'postgres', 'PG_VERSION')); i++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM'); // initdb has begun; the server, migrations and seeding are still ahead
    expect(await exited).toBe(0);
    expect(out).toContain('hoinghi: stopped');
    const ps = spawnSync('pgrep', ['-f', join(dataDir, 'postgres')], { encoding: 'utf8' });
    expect(ps.stdout.trim()).toBe('');
    expect(statSync(join(dataDir, 'postgres.password')).mode & 0o777).toBe(0o600);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
