/**
 * The CLI writes, but never relays or runs jobs (issue 15, § 6): `npm run seed:demo` against a
 * deployment's REDIS_URL and SMTP_URL must not mail anyone — what it leaves in the outbox is for the
 * API and worker processes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { dropRedisKeys } from '../support/redis-keys';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the CLI', () => {
  it('seeds the demo with REDIS_URL and SMTP_URL set without sending a mail or touching the queue', async () => {
    const sink = await new SmtpSink().start();
    const db = await createTestDatabase();
    const prefix = `hoinghi-test-cli-${db.name}`;
    try {
      // Asynchronous: the SMTP sink answers in this process while the CLI runs.
      const res = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const proc = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'src/cli.ts'), 'seed-demo'], {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            DATA_DIR: mkdtempSync(join(tmpdir(), 'hoinghi-cli-')),
            DATABASE_URL: db.url,
            REDIS_URL,
            QUEUE_PREFIX: prefix,
            SMTP_URL: sink.url,
          },
        });
        let stdout = '';
        let stderr = '';
        proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        proc.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
      expect(res.stderr).toBe('');
      expect(res.stdout).toMatch(/^demo data loaded: /);
      expect(res.code).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.messages).toEqual([]);
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      try {
        expect(await redis.keys(`${prefix}:*`)).toEqual([]);
      } finally {
        redis.disconnect();
      }
    } finally {
      await db.drop();
      await dropRedisKeys(REDIS_URL, prefix).catch(() => undefined);
      await sink.stop();
    }
  }, 90_000);
});
