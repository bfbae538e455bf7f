import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../src/common/unit-of-work/unit-of-work';
import { JobsService } from '../../src/jobs/jobs.service';
import { startTestApp, type TestContext } from '../support/app';

/** The transaction host: one transaction per unit however deeply services call each other, commit hooks once, never after a rollback. */
describe('unit of work', () => {
  let ctx: TestContext;
  let uow: UnitOfWork;
  let db: DataSource;
  beforeAll(async () => {
    ctx = await startTestApp();
    uow = ctx.app.get(UnitOfWork);
    db = ctx.app.get(DataSource);
    await db.query('CREATE TABLE uow_probe (n int)');
  });
  afterAll(() => ctx.close());
  const key = Symbol('probe');

  it('joins a unit already open in this async context: one transaction, hooks once after the outer commit', async () => {
    const seen: string[] = [];
    let innerTx = 0;
    const outerTx = await uow.run(async () => {
      uow.scoped(key, () => ({}), () => seen.push('commit'));
      await uow.run(async () => {
        uow.scoped(key, () => ({}), () => seen.push('second hook'));
        innerTx = (await uow.manager.query('SELECT txid_current() AS t'))[0].t;
        await uow.manager.query('INSERT INTO uow_probe VALUES (1)');
      });
      expect(seen).toEqual([]); // not before the outer commit
      return (await uow.manager.query('SELECT txid_current() AS t'))[0].t;
    });
    expect(innerTx).toBe(outerTx);
    expect(seen).toEqual(['commit']);
    expect((await db.query('SELECT count(*)::int AS n FROM uow_probe'))[0].n).toBe(1);
  });

  it('rolls back everything, outbox rows included, and runs no hook when the unit fails', async () => {
    const woken: string[][] = [];
    const off = ctx.app.get(JobsService).onAfterCommit((ids) => woken.push(ids));
    const hooks: string[] = [];
    await expect(
      uow.run(async () => {
        uow.scoped(key, () => ({}), () => hooks.push('commit'));
        await uow.manager.query('INSERT INTO uow_probe VALUES (2)');
        await ctx.app.get(JobsService).enqueue([{ kind: 'events.changed', payload: { eventId: '00000000-0000-4000-8000-000000000000', sequence: 1, changes: [] }, dedupeKey: 'uow-probe' }]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    off();
    expect(hooks).toEqual([]);
    expect(woken).toEqual([]);
    expect((await db.query('SELECT count(*)::int AS n FROM uow_probe WHERE n = 2'))[0].n).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dedupe_key = 'uow-probe'`))[0].n).toBe(0);
  });

  it('wakes the relay once per committed unit that wrote jobs, without anyone calling it', async () => {
    const woken: string[][] = [];
    const off = ctx.app.get(JobsService).onAfterCommit((ids) => woken.push(ids));
    await uow.run(async () => {
      const jobs = ctx.app.get(JobsService);
      await jobs.enqueue([{ kind: 'events.changed', payload: { eventId: '00000000-0000-4000-8000-000000000000', sequence: 1, changes: [] }, dedupeKey: 'uow-probe-1' }]);
      await jobs.enqueue([{ kind: 'events.changed', payload: { eventId: '00000000-0000-4000-8000-000000000000', sequence: 2, changes: [] }, dedupeKey: 'uow-probe-2' }]);
    });
    off();
    expect(woken).toEqual([[]]);
  });

  it('refuses per-unit state outside a unit: writers belong in a transaction', () => {
    expect(() => uow.scoped(key, () => ({}), () => undefined)).toThrow(/inside UnitOfWork.run/);
  });
});
