import 'reflect-metadata';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './bootstrap';
import { configOrExit } from './config/config-or-exit';
import type { AppConfig } from './config/env';
import { runMigrations, startDatabase, type DatabaseRuntime } from './database/database-runtime';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from './demo/seed-demo';

/** Starts the embedded PostgreSQL (or connects to DATABASE_URL) and applies migrations. */
export async function prepareDatabase(config: AppConfig, onGiveUp?: (reason: string) => void): Promise<DatabaseRuntime> {
  mkdirSync(config.dataDir, { recursive: true });
  const pgLog = createWriteStream(join(config.dataDir, 'postgres.log'), { flags: 'a', mode: 0o600 });
  const db = await startDatabase(config, (line) => pgLog.write(line + '\n'), onGiveUp);
  try {
    await runMigrations(db.url);
  } catch (e) {
    await db.stop();
    throw e;
  }
  return db;
}

async function main() {
  const config = configOrExit();
  let db: DatabaseRuntime | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;

  // Closes what is open: HTTP server, then the pool (TypeORM) and module hooks, then the embedded server.
  const shutdown = async () => {
    try {
      await app?.close();
    } finally {
      await db?.stop();
    }
  };

  let started: Promise<void> = Promise.resolve();
  // Installed before anything starts, so a signal during initdb or migrations still stops the
  // embedded server: the handler lets the current start-up step finish, then shuts down.
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`hoinghi: ${signal} received, shutting down\n`);
    await started.catch(() => undefined);
    await shutdown();
    process.stdout.write('hoinghi: stopped\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void onSignal('SIGINT'));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  // Anything thrown outside a request (e.g. a child process's 'error' event) ends the process with one line,
  // not a stack trace, and still stops the embedded server. Exit code 1 lets a supervisor restart us.
  const fail = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`hoinghi: ${reason}\n`);
    void shutdown()
      .catch(() => undefined)
      .finally(() => process.exit(1));
  };
  process.on('uncaughtException', (e) => fail(`stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}`));

  started = (async () => {
    // The embedded server is restarted when it dies; when it cannot be, exit non-zero for a supervisor.
    db = await prepareDatabase(config, (reason) => fail(reason));
    app = await createApp({ config, databaseUrl: db.url });
    // Modules define their job handlers at init; the demo seed below already writes jobs.
    await app.init();
    let seeded = '';
    if (config.demoMode && (await isEmpty(app))) {
      const counts = await seedDemo(app);
      seeded = ` — demo data loaded (${counts.organizations} organizations, ${counts.people} officials, ${counts.events} events, ${counts.participants} invitations ready to send)`;
    }
    // Demo mode has published passwords: serve it on this machine only.
    await app.listen(config.port, config.demoMode ? '127.0.0.1' : '0.0.0.0');
    const worker = config.runWorker ? 'worker in this process' : 'no worker here (RUN_WORKER=false; run npm run start:worker)';
    const queue = `${config.redisUrl ? 'BullMQ on Redis' : 'inline jobs (no REDIS_URL)'}, ${worker}`;
    const mail = config.smtpUrl ? 'SMTP' : `.eml files in ${join(config.dataDir, 'outbox')}`;
    const login = config.demoMode ? ` | demo login: ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')} / ${DEMO_PASSWORD}` : '';
    process.stdout.write(
      `hoinghi ready on ${config.publicBaseUrl} | database: ${db.describe} | queue: ${queue} | mail: ${mail} | API docs: ${config.publicBaseUrl}/api/docs${login}${seeded}\n`,
    );
  })();


  try {
    await started;
  } catch (e) {
    if (stopping) return; // the signal handler is shutting down
    await shutdown().catch(() => undefined); // never leave an embedded server behind a failed start
    throw e;
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`hoinghi: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
