import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { JOB_DRIVER, type JobDriver } from '../../src/jobs/drivers/job-driver';
import { declareJobKind, type JobKind } from '../../src/jobs/job-types';
import { JobsService } from '../../src/jobs/jobs.service';
import { OutboxRetention, PRUNE_OUTBOX_JOB } from '../../src/jobs/outbox-retention';
import { startTestApp, type TestContext } from '../support/app';
import { until } from '../support/until';

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

describe.each([
  ['inline', ''],
  ['bullmq', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'],
])('outbox retention (%s)', (mode, redisUrl) => {
  let ctx: TestContext;
  let db: DataSource;
  beforeAll(async () => {
    ctx = await startTestApp({ REDIS_URL: redisUrl, OUTBOX_RETENTION_DAYS: '30' });
    db = ctx.app.get(DataSource);
  });
  afterAll(() => ctx.close());

  /** Outbox rows of a made-up kind (never run: already finished, or failed), last changed `days` ago. */
  const insert = (label: string, status: string, days: number) =>
    db.query(`INSERT INTO outbox (kind, payload, status, topic, updated_at) VALUES ('test.finished', '{}', $1, 'retention', now() - make_interval(days => $2)) RETURNING id`, [status, days]).then(
      () => label,
    );
  const remaining = async () =>
    ((await db.query(`SELECT status, (extract(epoch FROM now() - updated_at) / 86400)::int AS days FROM outbox WHERE topic = 'retention' ORDER BY status, days`)) as { status: string; days: number }[]).map(
      (r) => `${r.status} ${r.days}d`,
    );

  it('schedules one run for the next night from any number of processes', async () => {
    expect(ctx.app.get<JobDriver>(JOB_DRIVER).mode).toBe(mode);
    await bootAnother(ctx);
    // (Open rows: booted just before 19:00 UTC, the run of that night is done by now and the next one written.)
    const rows: { status: string; run_at: Date; dedupe_key: string }[] = await db.query(`SELECT status, run_at, dedupe_key FROM outbox WHERE kind = $1 AND status IN ('pending', 'queued')`, [PRUNE_OUTBOX_JOB]);
    expect(rows).toHaveLength(1);
    const runAt = new Date(rows[0].run_at);
    expect(runAt.getUTCHours()).toBe(19);
    expect(runAt.getTime() - Date.now()).toBeGreaterThan(0);
    expect(runAt.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
    expect(rows[0].dedupe_key).toBe(`${PRUNE_OUTBOX_JOB}:${runAt.toISOString().slice(0, 10)}`);
  });

  it('deletes done and cancelled rows older than OUTBOX_RETENTION_DAYS when its run is due; newer and failed rows stay', async () => {
    await insert('old done', 'done', 45);
    await insert('old cancelled', 'cancelled', 31);
    await insert('recent done', 'done', 29);
    await insert('recent cancelled', 'cancelled', 1);
    await insert('old failed', 'failed', 90);
    // A run that is due now (a missed night), as the relay and the driver deliver it.
    const jobs = ctx.app.get(JobsService);
    const [job] = await jobs.enqueue([{ kind: PRUNE_OUTBOX_JOB, payload: { day: '2000-01-01' }, dedupeKey: `${PRUNE_OUTBOX_JOB}:2000-01-01` }]);
    await until(async () => (await db.query(`SELECT status FROM outbox WHERE id = $1`, [job.outboxId]))[0].status === 'done');
    expect(await remaining()).toEqual(['cancelled 1d', 'done 29d', 'failed 90d']);
    // The next run stays the one for the coming night: the late run did not add another.
    const scheduled: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = $1 AND status IN ('pending', 'queued')`, [PRUNE_OUTBOX_JOB]);
    expect(scheduled[0].n).toBe(1);
  });

  it('deletes in batches until nothing older is left', async () => {
    for (let i = 0; i < 5; i++) await insert(`old ${i}`, i % 2 ? 'cancelled' : 'done', 40 + i);
    expect(await ctx.app.get(OutboxRetention).prune(2)).toBe(5);
    expect(await remaining()).toEqual(['cancelled 1d', 'done 29d', 'failed 90d']);
  });
});

describe("syncTopic (an event's reminder rounds follow its start and status)", () => {
  let ctx: TestContext;
  let db: DataSource;
  beforeAll(async () => {
    ctx = await startTestApp({ REDIS_URL: '', RUN_WORKER: 'false' });
    db = ctx.app.get(DataSource);
  });
  afterAll(() => ctx.close());

  const job = (key: string, runAt: Date) => ({ kind: 'events.changed', payload: { key }, dedupeKey: key, runAt });
  const statusOf = async (topic: string) =>
    Object.fromEntries(((await db.query(`SELECT dedupe_key, status FROM outbox WHERE topic = $1`, [topic])) as { dedupe_key: string; status: string }[]).map((r) => [r.dedupe_key, r.status]));

  it('cancels, revives and writes only the jobs under the key prefix, in one statement', async () => {
    const jobs = ctx.app.get(JobsService);
    const at = new Date(Date.now() + 86_400_000);
    await jobs.syncTopic('t:1', 'r:1:', [job('r:1:a', at), job('r:1:b', at)], new Date());
    await jobs.syncTopic('t:1', 'r:2:', [job('r:2:a', at)], new Date());
    // r:1 changes its mind: a goes, c comes; then a comes back (revived, not duplicated). r:2 is untouched throughout.
    await jobs.syncTopic('t:1', 'r:1:', [job('r:1:b', at), job('r:1:c', at)], new Date());
    expect(await statusOf('t:1')).toEqual({ 'r:1:a': 'cancelled', 'r:1:b': 'pending', 'r:1:c': 'pending', 'r:2:a': 'pending' });
    const statements: string[] = [];
    const logQuery = db.logger.logQuery.bind(db.logger);
    db.logger.logQuery = (sql, params, runner) => (statements.push(sql), logQuery(sql, params, runner));
    try {
      await jobs.syncTopic('t:1', 'r:1:', [job('r:1:a', at)], new Date());
    } finally {
      db.logger.logQuery = logQuery;
    }
    expect(statements.filter((s) => /outbox/.test(s))).toHaveLength(1);
    expect(await statusOf('t:1')).toEqual({ 'r:1:a': 'pending', 'r:1:b': 'cancelled', 'r:1:c': 'cancelled', 'r:2:a': 'pending' });
  });

  it('finds the prefix through outbox_topic_dedupe_key_idx, not by reading every row of the topic', async () => {
    await db.query(
      `INSERT INTO outbox (kind, payload, dedupe_key, topic, run_at)
       SELECT 'events.changed', '{}', 'reminder:e:' || g || ':' || o, 'reminders:e', now() + interval '1 day' FROM generate_series(1, 3000) g, unnest(ARRAY[60, 1440]) o`,
    );
    await db.query('ANALYZE outbox');
    const plan = ((await db.query(
      `EXPLAIN UPDATE outbox SET status = 'cancelled' WHERE topic = $1 AND starts_with(dedupe_key, $2) AND status IN ('pending', 'queued') AND dedupe_key <> ALL($3)`,
      ['reminders:e', 'reminder:e:42:', []],
    )) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('outbox_topic_dedupe_key_idx');
    expect(plan).toMatch(/dedupe_key\)::text ~>=~/);
  });
});
