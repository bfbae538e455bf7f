import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env';

const dataDir = () => mkdtempSync(join(tmpdir(), 'hoinghi-env-'));

describe('configuration', () => {
  it('defaults to the embedded demo mode with a generated, persisted JWT secret', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ env: 'development', port: 3000, demoMode: true, publicBaseUrl: 'http://localhost:3000', dataDir: dir });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(config.jwtSecret);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['SMTP_URL', 'localhost:25'],
    ['MAIL_FROM', 'not an address'],
    ['PUBLIC_BASE_URL', 'ftp://x'],
    ['JWT_SECRET', 'short'],
    ['NODE_ENV', 'staging'],
    ['OUTBOX_RETENTION_DAYS', '0'],
    ['OUTBOX_RETENTION_DAYS', '7.5'],
  ])('names %s=%s as the bad variable', (variable, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [variable]: value })).toThrow(ConfigError);
    try {
      loadConfig({ DATA_DIR: dataDir(), [variable]: value });
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });

  it('keeps done and cancelled outbox rows 30 days unless OUTBOX_RETENTION_DAYS says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).outboxRetentionDays).toBe(30);
    expect(loadConfig({ DATA_DIR: dataDir(), OUTBOX_RETENTION_DAYS: '90' }).outboxRetentionDays).toBe(90);
  });

  it('requires JWT_SECRET in production and never enables demo mode there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow('JWT_SECRET is required when NODE_ENV=production');
    const prod = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: 'x'.repeat(40) });
    expect(prod.demoMode).toBe(false);
  });

  it('uses external services when their URLs are set', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379', SMTP_URL: 'smtp://h:25', PUBLIC_BASE_URL: 'https://hoinghi.example.gov.vn/' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@h/db', redisUrl: 'redis://h:6379', smtpUrl: 'smtp://h:25', publicBaseUrl: 'https://hoinghi.example.gov.vn', demoMode: false });
  });
});
