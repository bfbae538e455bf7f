import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { declareJobKind, type JobKind } from '../../src/jobs/job-types';
import { JobsService } from '../../src/jobs/jobs.service';
import { startTestApp, type TestContext } from '../support/app';

/** Boots a second application on the test app's database and configuration (another process starting). */
async function bootAnother(ctx: TestContext): Promise<void> {
  const app = await createApp({ config: ctx.config, databaseUrl: ctx.databaseUrl });
  try {
    await app.init();
  } finally {
    await app.close().catch(() => undefined);
  }
}

describe('boot checks job kinds', () => {
  let ctx: TestContext;
  let db: DataSource;
  // No worker here: a row of an unknown kind must stay pending for the second boot to find it.
  beforeAll(async () => {
    ctx = await startTestApp({ REDIS_URL: '', RUN_WORKER: 'false' });
    db = ctx.app.get(DataSource);
  });
  afterAll(() => ctx.close());

  it('fails the start naming a kind that is pending in the outbox without a handler', async () => {
    await db.query(`INSERT INTO outbox (kind, payload) VALUES ('retired.kind', '{}')`);
    await expect(bootAnother(ctx)).rejects.toThrow(/No handler for job kind 'retired\.kind' \(1 pending or queued outbox row\)/);
    // Once the row is settled (here: cancelled), the same start succeeds.
    await db.query(`UPDATE outbox SET status = 'cancelled' WHERE kind = 'retired.kind'`);
    await expect(bootAnother(ctx)).resolves.toBeUndefined();
  });

  it('fails the start naming a declared kind that no module handles', async () => {
    const undeclare = declareJobKind('test.unhandled' as JobKind);
    try {
      await expect(bootAnother(ctx)).rejects.toThrow(/No handler for job kind 'test\.unhandled' \(declared with declareJobKind\)/);
    } finally {
      undeclare();
    }
  });

  it('refuses a second handler for one kind', () => {
    expect(() => ctx.app.get(JobsService).define({ kind: 'events.changed', queue: 'default', attempts: 1, backoffMs: 1, run: async () => undefined })).toThrow(
      'Two handlers for job events.changed',
    );
  });
});
