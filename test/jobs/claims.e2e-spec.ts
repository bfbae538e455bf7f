/**
 * A run's claim is a lease of its own (issue 15, § 7): while a handler runs a row, a second copy of
 * its job does not run it too, and re-offering the queued rows after a Redis blip leaves it alone.
 */
import { DataSource } from 'typeorm';
import { JobExecutor } from '../../src/jobs/job-executor';
import type { JobKind } from '../../src/jobs/job-types';
import { JobsService } from '../../src/jobs/jobs.service';
import { OutboxRelay } from '../../src/jobs/outbox-relay';
import { startTestApp, type TestContext } from '../support/app';

describe('job claims', () => {
  let ctx: TestContext;
  // Nothing runs by itself here (no worker): the test drives the executor.
  beforeAll(async () => (ctx = await startTestApp({ RUN_WORKER: 'false', REDIS_URL: '' })));
  afterAll(() => ctx.close());

  it('runs a row once while a second copy of its job arrives, and re-offering leaves the running row alone', async () => {
    const jobs = ctx.app.get(JobsService);
    const executor = ctx.app.get(JobExecutor, { strict: false });
    const db = ctx.app.get(DataSource);
    let runs = 0;
    let release!: () => void;
    const running = new Promise<void>((r) => (release = r));
    jobs.define({ kind: 'test.slow' as JobKind, queue: 'default', attempts: 3, backoffMs: 10, run: async () => (runs++, running) } as never);
    const [a, b] = await jobs.enqueue([
      { kind: 'test.slow', payload: { n: 1 } },
      { kind: 'test.slow', payload: { n: 2 } },
    ]);
    // Both handed to the queue with the relay's lease, as BullMQ's relay leaves them.
    await db.query(`UPDATE outbox SET status = 'queued', locked_until = now() + interval '5 minutes' WHERE id = ANY($1)`, [[a.outboxId, b.outboxId]]);

    const first = executor.execute({ id: a.outboxId, attempt: 1, final: false }, true);
    for (let i = 0; i < 100 && runs === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(1);
    const second = await executor.execute({ id: a.outboxId, attempt: 1, final: false }, true);
    expect(second).toEqual({ heldMs: expect.any(Number) });
    expect(runs).toBe(1);

    // Redis came back: the rows handed to it before are offered again — not the one being run.
    await (ctx.app.get(OutboxRelay) as unknown as { reofferQueued(lostAt: number): Promise<void> }).reofferQueued(Date.now() + 60_000);
    const leases: { id: string; offered: boolean }[] = await db.query(`SELECT id, locked_until <= now() AS offered FROM outbox WHERE id = ANY($1)`, [[a.outboxId, b.outboxId]]);
    expect(Object.fromEntries(leases.map((l) => [l.id, l.offered]))).toEqual({ [a.outboxId]: false, [b.outboxId]: true });

    release();
    await first;
    const [row]: { status: string; attempts: number; claimed_until: Date | null }[] = await db.query(`SELECT status, attempts, claimed_until FROM outbox WHERE id = $1`, [a.outboxId]);
    expect(row).toEqual({ status: 'done', attempts: 1, claimed_until: null });
    expect(await executor.execute({ id: a.outboxId, attempt: 2, final: false }, true)).toBeUndefined();
    expect(runs).toBe(1);
  });
});
