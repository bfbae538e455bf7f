import 'reflect-metadata';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './bootstrap';
import { configOrExit } from './config/config-or-exit';
import type { AppConfig } from './config/env';
import { runMigrations, startDatabase, type DatabaseRuntime } from './database/database-runtime';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from './demo/seed-demo';

/** Starts the embedded PostgreSQL (or connects to DATABASE_URL) and applies migrations. */
export async function prepareDatabase(config: AppConfig): Promise<DatabaseRuntime> {
  mkdirSync(config.dataDir, { recursive: true });
  const pgLog = createWriteStream(join(config.dataDir, 'postgres.log'), { flags: 'a' });
  const db = await startDatabase(config, (line) => pgLog.write(line + '\n'));
  await runMigrations(db.url);
  return db;
}

async function main() {
  const config = configOrExit();
  const db = await prepareDatabase(config);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    app = await createApp({ config, databaseUrl: db.url });
    let seeded = '';
    if (config.demoMode && (await isEmpty(app))) {
      const counts = await seedDemo(app);
      seeded = ` — demo data loaded (${counts.organizations} organizations, ${counts.people} officials)`;
    }
    // Demo mode has published passwords: serve it on this machine only.
    await app.listen(config.port, config.demoMode ? '127.0.0.1' : '0.0.0.0');
    const queue = config.redisUrl ? 'BullMQ on Redis' : 'inline jobs (no REDIS_URL)';
    const mail = config.smtpUrl ? 'SMTP' : `.eml files in ${join(config.dataDir, 'outbox')}`;
    const login = config.demoMode ? ` | demo login: ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')} / ${DEMO_PASSWORD}` : '';
    process.stdout.write(
      `hoinghi ready on ${config.publicBaseUrl} | database: ${db.describe} | queue: ${queue} | mail: ${mail} | API docs: ${config.publicBaseUrl}/api/docs${login}${seeded}\n`,
    );
  } catch (e) {
    // Never leave an embedded server running behind a failed start.
    await app?.close().catch(() => undefined);
    await db.stop();
    throw e;
  }
  const running = app;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`hoinghi: ${signal} received, shutting down\n`);
    try {
      await running.close(); // HTTP server first, then the pool (TypeORM) and other module hooks
    } finally {
      await db.stop(); // then the embedded server, if any
    }
    process.stdout.write('hoinghi: stopped\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`hoinghi: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
