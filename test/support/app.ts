import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service';
import type { AppOptions } from '../../src/app.module';
import { createApp } from '../../src/bootstrap';
import type { Role } from '../../src/common/auth/principal';
import { loadConfig, type AppConfig } from '../../src/config/env';
import { dropRedisKeys } from './redis-keys';
import { createTestDatabase } from './test-database';

export const TEST_PASSWORD = 'test-password-1';

export interface TestContext {
  app: NestFastifyApplication;
  databaseUrl: string;
  config: AppConfig;
  /** supertest bound to the app's HTTP server. */
  http(): ReturnType<typeof request>;
  /** Creates a user with the role (and scope) and returns a bearer token for it. */
  tokenFor(role: Role, scopeOrganizationId?: string | null): Promise<string>;
  close(): Promise<void>;
}

/** The real application (Fastify, global pipes and filters) on a fresh database cloned from the migrated template. */
export async function startTestApp(env: Record<string, string> = {}, options: Pick<AppOptions, 'logStream'> = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-000',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hoinghi-test-')),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    // Every test app has its own BullMQ keys, so test files sharing one Redis never take each other's jobs.
    QUEUE_PREFIX: `hoinghi-test-${db.name}`,
    // Specs log in and answer links many times from 127.0.0.1; test/foundation/security checks the real limits.
    LOGIN_RATE_LIMIT: '100000/1m',
    LOGIN_ADDRESS_RATE_LIMIT: '100000/1m',
    PUBLIC_RATE_LIMIT: '100000/1m',
    ...env,
  });
  const app = await createApp({ config, databaseUrl: db.url, ...options });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let n = 0;
  return {
    app,
    config,
    databaseUrl: db.url,
    http: () => request(app.getHttpServer()),
    async tokenFor(role, scopeOrganizationId = null) {
      const email = `${role}-${++n}@test.hoinghi`;
      await app.get(AccountsService).ensureUser({ email, password: TEST_PASSWORD, role, displayName: `${role} ${n}`, scopeOrganizationId });
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await db.drop();
      // (A test may point REDIS_URL at a Redis that is down on purpose: nothing to clean there.)
      if (config.redisUrl) await dropRedisKeys(config.redisUrl, config.queuePrefix).catch(() => undefined);
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
