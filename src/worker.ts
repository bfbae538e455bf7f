/**
 * The job worker alone (`npm run start:worker`), for scaling out next to stateless API processes
 * (run those with RUN_WORKER=false). It boots the same module graph as the API without HTTP: the
 * outbox relay and the BullMQ workers for mail, reminders and event-change fan-out. It needs the
 * API's database (DATABASE_URL) and, to share work with other processes, REDIS_URL.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configOrExit } from './config/config-or-exit';
import { prepareDatabase } from './main';

async function main() {
  const config = configOrExit();
  const db = await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url, role: 'worker' }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const mail = config.smtpUrl ? 'SMTP' : `.eml files in ${config.dataDir}/outbox`;
  process.stdout.write(`hoinghi worker ready | database: ${db.describe} | queue: ${config.redisUrl ? 'BullMQ on Redis' : 'inline jobs (no REDIS_URL)'} | mail: ${mail}\n`);
}

main().catch((e) => {
  process.stderr.write(`hoinghi worker: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
