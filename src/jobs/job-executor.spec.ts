import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { JobExecutor } from './job-executor';
import type { JobDefinition, JobsService } from './jobs.service';

/** A database that answers the executor's statements, and fails the first `failures` completions with `code`. */
function fakeDb(failures: number, code: string) {
  const statements: string[] = [];
  let failed = 0;
  const db = {
    query: async (sql: string, params: unknown[]) => {
      if (sql.includes('WITH l AS')) {
        statements.push('claim');
        return (params[0] as string[]).map((id) => ({ id, kind: 'test.mail', payload: { participantId: 'p-1' }, status: 'queued', attempts: 1, held_ms: null }));
      }
      if (sql.includes(`status = 'done'`)) {
        statements.push('completion');
        if (failed++ < failures) throw Object.assign(new Error('deadlock detected'), { code });
        return [];
      }
      statements.push(sql.includes(`status = 'failed'`) ? 'failure' : 'other');
      return [];
    },
  };
  return { db: db as unknown as DataSource, statements };
}

function executor(db: DataSource, run: () => Promise<void>) {
  const def: JobDefinition = { kind: 'test.mail', queue: 'mail', attempts: 5, backoffMs: 10, run, describe: (p) => `participant ${String(p.participantId)}` };
  const jobs = { definition: () => def } as unknown as JobsService;
  const config = { get: () => 30_000 } as unknown as ConfigService;
  return new JobExecutor(jobs, db, config as never);
}

describe('JobExecutor', () => {
  it('retries a completion that hit a deadlock instead of running (and mailing) again', async () => {
    const { db, statements } = fakeDb(2, '40P01');
    let runs = 0;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const ex = executor(db, async () => void runs++);
      await expect(ex.execute({ id: 'a', attempt: 1, final: false }, true)).resolves.toBeUndefined();
      ex.onModuleDestroy();
      expect(runs).toBe(1);
      expect(statements).toEqual(['claim', 'completion', 'completion', 'completion']);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringMatching(/^outbox completion failed \(attempt 1, retrying\): deadlock detected$/),
        expect.stringMatching(/^outbox completion failed \(attempt 2, retrying\): deadlock detected$/),
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('logs a failed attempt at warn with what the handler says the run is about, the attempt and the error', async () => {
    const { db } = fakeDb(0, '');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const ex = executor(db, async () => {
        throw new Error('Message failed: 451 Mailbox busy, try again later');
      });
      await expect(ex.execute({ id: 'a', attempt: 1, final: false }, true)).rejects.toThrow(/451/);
      ex.onModuleDestroy();
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual(['test.mail participant p-1: attempt 1 of 5 failed, will retry: Message failed: 451 Mailbox busy, try again later']);
    } finally {
      warn.mockRestore();
    }
  });
});
