import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
});
