/**
 * Fault tests of invitation delivery (issue 4, "Tests (real parts)"): a worker process killed with
 * SIGKILL in the middle of 2,000 invitations, Redis stopped while the organizer presses send, and
 * SMTP failures retried by BullMQ. Real processes all the way: `src/worker.ts` as a child process,
 * private `redis-server` processes, a real SMTP server in this process, PostgreSQL.
 */
import { Logger } from '@nestjs/common';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { freePort } from '../../src/database/embedded-postgres';
import { CONCURRENCY, JOB_DRIVER, type JobDriver } from '../../src/jobs/drivers/job-driver';
import { JobExecutor } from '../../src/jobs/job-executor';
import { OutboxRelay } from '../../src/jobs/outbox-relay';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { type ReceivedMail, SmtpSink } from '../support/smtp-sink';

const ROOT = join(__dirname, '..', '..');
const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';
/**
 * BullMQ lock duration and stalled-check interval of the worker processes (JOB_LOCK_MS, default 30 s):
 * a job active in a killed worker runs again once its lock expired and two stalled checks passed —
 * with the defaults about 60 s after the kill (measured), here about 10 s.
 */
const JOB_LOCK_MS = '5000';

// ---- child processes, all killed in afterAll whatever happened --------------------------------

interface Child {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<Child>();

/** Starts a process and resolves once its output contains `ready`; rejects (and kills it) if it exits first or takes longer than `ms`. */
async function startChild(command: string, args: string[], env: Record<string, string>, ready: string, ms = 30_000): Promise<Child> {
  const proc = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const child: Child = { proc, exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  let gone = false;
  void exited.then(() => (gone = true));
  for (const end = Date.now() + ms; !out.includes(ready); await sleep(50)) {
    if (gone || Date.now() > end) {
      await stopChild(child, 'SIGKILL');
      throw new Error(`${command} ${args.join(' ')} did not become ready${gone ? ' (it exited)' : ` in ${ms} ms`}:\n${out.slice(-2000)}`);
    }
  }
  return child;
}

/** Sends `signal` and waits for the exit; SIGKILL after `ms` if it is still there. */
async function stopChild(child: Child, signal: NodeJS.Signals, ms = 5000): Promise<void> {
  const alive = () => child.proc.exitCode === null && child.proc.signalCode === null;
  if (alive()) child.proc.kill(signal);
  const timer = setTimeout(() => alive() && child.proc.kill('SIGKILL'), ms);
  await child.exited;
  clearTimeout(timer);
}

afterAll(async () => {
  await Promise.all([...children].map((c) => stopChild(c, 'SIGKILL')));
});
// Should the test process itself end abruptly (a forced exit), take the children with it.
process.once('exit', () => children.forEach((c) => c.proc.kill('SIGKILL')));

/** The job worker alone (`src/worker.ts`), sharing the test app's database, queue keys, secret and data directory. */
function startWorker(ctx: TestContext, env: Record<string, string>): Promise<Child> {
  const c = ctx.config;
  return startChild(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'src/worker.ts')],
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: ctx.databaseUrl,
      REDIS_URL: c.redisUrl!,
      QUEUE_PREFIX: c.queuePrefix,
      JWT_SECRET: c.jwtSecret,
      DATA_DIR: c.dataDir,
      PUBLIC_BASE_URL: c.publicBaseUrl,
      MAIL_FROM: c.mailFrom,
      JOB_LOCK_MS,
      ...env,
    },
    'hoinghi worker ready',
  );
}

/** A private Redis without persistence: stopping it loses every key, as a crashed Redis would. */
function startRedis(port: number): Promise<Child> {
  return startChild(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {}, 'Ready to accept connections');
}

// ---- helpers ------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number, every = 100): Promise<void> {
  for (const end = Date.now() + ms; ; await sleep(every)) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`${what}: not reached within ${ms} ms`);
  }
}

/** A complete invitation as a calendar client would take it: REQUEST calendar part, participant header. */
const isInvitation = (m: ReceivedMail) => m.calendar !== null && /method=REQUEST/i.test(m.calendar.contentType) && !!m.parsed.headers.get('x-hoinghi-participant');

/** Messages per recipient address. */
function tally(messages: ReceivedMail[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const m of messages) n.set(m.to, (n.get(m.to) ?? 0) + 1);
  return n;
}

/** An event of `count` people (imported in one CSV) with every one of them a participant, published. */
async function publishedEventWith(ctx: TestContext, admin: string, f: Factories, count: number): Promise<{ eventId: string; emails: string[] }> {
  const code = `FAULT${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const org = await f.org({ code, name: `Sở Thông tin và Truyền thông ${code}` });
  const rows = Array.from({ length: count }, (_, i) => `Cán bộ số ${i + 1},${code},cb${i + 1}.${code.toLowerCase()}@example.gov.vn`);
  const imported = await ctx
    .http()
    .post('/api/people/import')
    .set(bearer(admin))
    .set('content-type', 'text/csv; charset=utf-8')
    .send(`full_name,organization_code,email\n${rows.join('\n')}\n`)
    .expect(200);
  expect(imported.body.created).toBe(count);
  const people: { id: string; email: string }[] = await ctx.app.get(DataSource).query(`SELECT id, email FROM people WHERE organization_id = $1`, [org.id]);
  expect(people).toHaveLength(count);
  const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
    kind: 'conference', title: 'Hội nghị trực tuyến sơ kết ứng dụng CNTT 6 tháng đầu năm 2015', format: 'in_person', hostOrganizationId: org.id,
    venueName: `Hội trường ${code}`, sessions: [{ startsAt: '2031-07-15T08:00', endsAt: '2031-07-15T11:30' }],
  }).expect(201);
  const eventId = ev.body.id as string;
  await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: people.map((p) => ({ personId: p.id, role: 'delegate' })) }).expect(201);
  await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
  return { eventId, emails: people.map((p) => p.email) };
}

/** The event's invitation rows in the outbox, by status. */
async function outboxByStatus(ctx: TestContext, eventId: string): Promise<Record<string, number>> {
  const rows: { status: string; n: number }[] = await ctx.app
    .get(DataSource)
    .query(`SELECT status, count(*)::int AS n FROM outbox WHERE topic = $1 GROUP BY status`, [`mail:${eventId}`]);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * What every fault test stands on: a real SMTP server, a private redis-server (so stopping it
 * disturbs no other test file) and the app on both. `env` adds to the app's environment.
 */
interface Stack {
  sink: SmtpSink;
  ctx: TestContext;
  admin: string;
  f: Factories;
  stopRedis(): Promise<void>;
  /** A new, empty redis-server on the same address (as after a restart without persistence). */
  startRedis(): Promise<void>;
  close(): Promise<void>;
}

async function startStack(env: Record<string, string>, beforeClose: () => Promise<void> = async () => {}): Promise<Stack> {
  const sink = await new SmtpSink().start();
  const port = await freePort();
  let redis: Child | null = await startRedis(port);
  const { ctx, admin, f } = await startAdminApp({ REDIS_URL: `redis://127.0.0.1:${port}`, SMTP_URL: sink.url, ...env });
  const stopRedis = async () => {
    if (redis) await stopChild(redis, 'SIGTERM');
    redis = null;
  };
  return {
    sink,
    ctx,
    admin,
    f,
    stopRedis,
    async startRedis() {
      redis = await startRedis(port);
    },
    async close() {
      // Workers first: the sink waits for open (pooled) SMTP connections before it closes.
      await beforeClose();
      await ctx.close();
      await stopRedis();
      await sink.stop();
    },
  };
}

const summaryOf = async (ctx: TestContext, admin: string, eventId: string) =>
  (await ctx.http().get(`/api/events/${eventId}/invitations/summary`).set(bearer(admin)).expect(200)).body as {
    total: number;
    byStatus: Record<string, number>;
    failed: { participantId: string; error: string | null }[];
  };

// ---- 1. SIGKILL ---------------------------------------------------------------------------------

describe('a worker process killed with SIGKILL in the middle of 2,000 invitations', () => {
  const N = 2000;
  let stack: Stack;
  const workers: Child[] = [];

  // The API only writes and relays (RUN_WORKER=false); separate worker processes send.
  beforeAll(async () => (stack = await startStack({ RUN_WORKER: 'false', MAIL_RATE_PER_SECOND: '200' }, () => Promise.all(workers.map((w) => stopChild(w, 'SIGTERM'))).then(() => undefined))), 60_000);
  afterAll(() => stack?.close());

  it('loses no invitation when a new worker takes over, and sends at most the worker’s concurrency twice', async () => {
    const { sink, ctx, admin, f } = stack;
    const { eventId, emails } = await publishedEventWith(ctx, admin, f, N);
    const env = { SMTP_URL: sink.url, MAIL_RATE_PER_SECOND: '200' };
    const first = await startWorker(ctx, env);
    workers.push(first);

    const sent = await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    expect(sent.body).toMatchObject({ invitations: N, withoutEmail: 0 });

    await sink.waitFor(300, 30_000);
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await sleep(200); // messages the killed worker finished are recorded (the sink parses them asynchronously)
    const atKill = sink.messages.length;
    expect(atKill).toBeLessThan(N); // the kill landed mid-way

    workers.push(await startWorker(ctx, env));
    await until('every invitation row done', async () => (await outboxByStatus(ctx, eventId)).done === N, 60_000, 250);
    await sleep(300); // nothing more is on its way; let a stray late message show up if there were one

    expect(sink.messages.length).toBeGreaterThan(atKill); // the second worker did send the rest
    // A message cut off by the kill is dropped by the SMTP server (never acknowledged): all are whole.
    expect(sink.messages.every(isInvitation)).toBe(true);
    const perAddress = tally(sink.messages);
    expect(emails.filter((e) => !perAddress.has(e))).toEqual([]); // none lost
    expect([...perAddress.keys()].filter((a) => !emails.includes(a))).toEqual([]);
    const twice = [...perAddress].filter(([, n]) => n > 1).map(([a]) => a);
    expect(sink.messages.length - perAddress.size).toBeLessThanOrEqual(CONCURRENCY.mail);
    // Only what the killed worker had in hand is sent again: it had sent each of them before it died.
    expect([...perAddress.values()].every((n) => n <= 2)).toBe(true);
    for (const a of twice) expect(sink.messages.findIndex((m) => m.to === a)).toBeLessThan(atKill);

    expect(await outboxByStatus(ctx, eventId)).toEqual({ done: N });
    const summary = await summaryOf(ctx, admin, eventId);
    expect(summary.total).toBe(N);
    expect(summary.byStatus).toEqual({ invited: N });
  }, 100_000);
});

// ---- 2. Redis stopped ---------------------------------------------------------------------------

describe('Redis stopped while invitations are sent', () => {
  const N = 40;
  let stack: Stack;
  // The worker runs in the API process here (the default).
  beforeAll(async () => (stack = await startStack({ MAIL_RATE_PER_SECOND: '500' })), 60_000);
  afterAll(() => stack?.close());

  it('answers send with 202 at once, keeps the mail in PostgreSQL, and delivers every invitation once when Redis is back', async () => {
    const { sink, ctx, admin, f } = stack;
    const { eventId, emails } = await publishedEventWith(ctx, admin, f, N);
    await stack.stopRedis();

    const t0 = Date.now();
    const sent = await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(sent.body).toMatchObject({ invitations: N });

    await sleep(2500); // the relay tries (and fails) a few times meanwhile
    expect(await outboxByStatus(ctx, eventId)).toEqual({ pending: N });
    expect(sink.messages).toHaveLength(0);

    await stack.startRedis(); // the same address, as after a restart
    await sink.waitFor(N, 20_000);
    await until('every invitation row done', async () => (await outboxByStatus(ctx, eventId)).done === N, 10_000);
    await sleep(500);
    const perAddress = tally(sink.messages);
    expect([...perAddress.keys()].sort()).toEqual([...emails].sort());
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect(sink.messages.every(isInvitation)).toBe(true);
    await until('every participant invited', async () => (await summaryOf(ctx, admin, eventId)).byStatus.invited === N, 5000);
  }, 60_000);
});

// ---- 2b. Redis loses its data (restarted without persistence) while invitations wait in it ------

describe('Redis restarted empty while invitations are queued in it', () => {
  const N = 100;
  let stack: Stack;
  // A slow rate, so most invitations are still waiting in Redis when it goes.
  beforeAll(async () => (stack = await startStack({ MAIL_RATE_PER_SECOND: '20' })), 60_000);
  afterAll(() => stack?.close());

  it('offers the queued invitations again as soon as Redis is back, and sends each once', async () => {
    const { sink, ctx, admin, f } = stack;
    const { eventId, emails } = await publishedEventWith(ctx, admin, f, N);
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(10, 20_000);
    await stack.stopRedis(); // no persistence: every job in it is gone
    expect((await outboxByStatus(ctx, eventId)).queued).toBeGreaterThan(N / 2);
    await stack.startRedis();
    // Well before the relay's 5-minute lease would offer them again.
    await until('every invitation row done', async () => (await outboxByStatus(ctx, eventId)).done === N, 20_000, 250);
    await sleep(300);
    const perAddress = tally(sink.messages);
    expect([...perAddress.keys()].sort()).toEqual([...emails].sort());
    // What was in hand when Redis went keeps its claim and finishes; its re-offered copy finds it done.
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});

// ---- 2c. A short Redis restart during a large send, two worker processes (issue 15, § 7) --------

describe('Redis restarted for half a second while two workers send 2,000 invitations', () => {
  const N = 2000;
  let stack: Stack;
  const workers: Child[] = [];
  beforeAll(async () => (stack = await startStack({ RUN_WORKER: 'false', MAIL_RATE_PER_SECOND: '300' }, () => Promise.all(workers.map((w) => stopChild(w, 'SIGTERM'))).then(() => undefined))), 60_000);
  afterAll(() => stack?.close());

  it('mails every recipient exactly once: re-offering leaves running jobs alone and no completion is lost', async () => {
    const { sink, ctx, admin, f } = stack;
    const { eventId, emails } = await publishedEventWith(ctx, admin, f, N);
    const env = { SMTP_URL: sink.url, MAIL_RATE_PER_SECOND: '300' };
    workers.push(...(await Promise.all([startWorker(ctx, env), startWorker(ctx, env)])));
    // A slow SMTP server: each worker has its 16 mails in hand for a while when Redis goes, as in production.
    sink.delayMs = 250;
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);

    await sink.waitFor(200, 60_000);
    const t0 = Date.now();
    await stack.stopRedis(); // no persistence: the jobs waiting in it are gone, those in hand are still being sent
    await sleep(Math.max(0, 500 - (Date.now() - t0)));
    await stack.startRedis();
    expect(sink.messages.length).toBeLessThan(N - 200); // the restart landed mid-way
    await sleep(3000);
    sink.delayMs = 0; // the re-offered copies have met the runs in hand by now; the rest may go fast

    await until('every invitation row done', async () => (await outboxByStatus(ctx, eventId)).done === N, 120_000, 250);
    await sleep(1000); // a duplicate would be on its way by now
    const perAddress = tally(sink.messages);
    expect(emails.filter((e) => !perAddress.has(e))).toEqual([]);
    expect([...perAddress].filter(([, n]) => n > 1)).toEqual([]);
    expect(sink.messages).toHaveLength(N);
    expect(await outboxByStatus(ctx, eventId)).toEqual({ done: N });
    expect((await summaryOf(ctx, admin, eventId)).byStatus).toEqual({ invited: N });
    // (About 30 s on an idle two-core machine; the bounds are for a busy one.)
  }, 200_000);
});

// ---- 2d. Redis restarted while the mails are in flight: the race of issue 15, § 7, made certain ---

describe('Redis restarted while every invitation is in flight (held by the SMTP server)', () => {
  const N = 3; // fewer than the SMTP pool's connections (5): a second copy of a mail would find one free
  let stack: Stack;
  beforeAll(async () => (stack = await startStack({ MAIL_RATE_PER_SECOND: '500' })), 60_000);
  afterAll(() => stack?.close());

  /**
   * Not a matter of luck: every mail is claimed and its data is at the SMTP server, which does not
   * answer until the test says so; Redis goes and comes back empty; the test waits until the relay
   * has re-offered what it re-offers after the reconnect, relayed it, and the worker has taken every
   * job it was given — only then does the server answer. Before the run lease (OutboxRunLease), the
   * re-offer ended the lease of the rows in flight and the claim ignored it: each mail went out twice.
   */
  it('sends each invitation once: the re-offer after the reconnect leaves the runs in flight alone', async () => {
    const { sink, ctx, admin, f } = stack;
    const { eventId, emails } = await publishedEventWith(ctx, admin, f, N);
    const relay = ctx.app.get(OutboxRelay) as unknown as { reofferQueued(...args: unknown[]): Promise<void> };
    const driver = ctx.app.get<symbol, JobDriver>(JOB_DRIVER);
    const reoffers: Promise<void>[] = [];
    const reoffer = relay.reofferQueued.bind(relay);
    relay.reofferQueued = (...args) => {
      const done = reoffer(...args);
      reoffers.push(done);
      return done;
    };
    /** When each relay pass (outbox → Redis) started and ended. */
    const passes: { from: number; to?: number }[] = [];
    const relayOnce = driver.relay.bind(driver);
    driver.relay = async () => {
      const pass: { from: number; to?: number } = { from: Date.now() };
      passes.push(pass);
      try {
        return await relayOnce();
      } finally {
        pass.to = Date.now();
      }
    };
    const mail = new Queue('mail', { connection: { url: ctx.config.redisUrl!, maxRetriesPerRequest: 1 }, prefix: ctx.config.queuePrefix });
    mail.on('error', () => undefined); // (it loses its connection with the restart too)
    try {
      sink.holding = true;
      await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
      await until('every invitation at the SMTP server, unanswered', () => sink.inFlight.length === N, 20_000, 50);
      expect(await outboxByStatus(ctx, eventId)).toEqual({ queued: N });

      // Every claim from now on (a copy's), so the test knows when a copy would have its row in hand.
      const executor = ctx.app.get(JobExecutor, { strict: false }) as unknown as { claims: { add(id: string): Promise<unknown> } };
      const claims: Promise<unknown>[] = [];
      const claim = executor.claims.add.bind(executor.claims);
      executor.claims.add = (id) => {
        const answered = claim(id);
        claims.push(answered.catch(() => undefined));
        return answered;
      };

      await stack.stopRedis();
      await stack.startRedis(); // empty: the jobs in hand are no longer in it
      await until('the relay re-offered after the reconnect', () => reoffers.length > 0, 20_000, 50);
      await Promise.all(reoffers);
      const reoffered = Date.now();
      await until('a relay pass after the re-offer', () => passes.some((p) => p.from >= reoffered && p.to !== undefined), 20_000, 50);
      // Whatever that pass handed to Redis, the worker has taken it and its claim has been answered:
      // a copy that was given the row is on its way to the server now.
      await until('no job waiting in Redis', async () => (await mail.getJobCountByTypes('wait', 'prioritized')) === 0, 20_000, 50);
      await until('every job taken has claimed', async () => claims.length >= (await mail.getJobCountByTypes('active')), 20_000, 50);
      await Promise.all(claims);
      const copies = sink.inFlight.length - N; // (copies already at the server; more may be queued at the client's pool)

      sink.release();
      await until('every invitation row done', async () => (await outboxByStatus(ctx, eventId)).done === N, 30_000, 100);
      await until('no job running or waiting', async () => (await mail.getJobCountByTypes('active', 'wait', 'prioritized')) === 0, 30_000, 100);
      await until('nothing held or in flight at the SMTP server', () => sink.inFlight.length === 0, 30_000, 50);
      const perAddress = tally(sink.messages);
      expect({ copies, twice: [...perAddress].filter(([, n]) => n > 1) }).toEqual({ copies: 0, twice: [] });
      expect([...perAddress.keys()].sort()).toEqual([...emails].sort());
      expect(sink.messages).toHaveLength(N);
      expect((await summaryOf(ctx, admin, eventId)).byStatus).toEqual({ invited: N });
    } finally {
      sink.release();
      await mail.close().catch(() => undefined);
    }
  }, 120_000);
});

// ---- 3. SMTP failures ---------------------------------------------------------------------------

describe('SMTP failures retried by BullMQ', () => {
  const ATTEMPTS = 3;
  let stack: Stack;
  beforeAll(async () => (stack = await startStack({ MAIL_RATE_PER_SECOND: '500', MAIL_ATTEMPTS: String(ATTEMPTS), MAIL_BACKOFF_MS: '50' })), 60_000);
  afterAll(() => stack?.close());

  it('delivers each invitation exactly once after transient 451 answers', async () => {
    const N = 20;
    const { sink, ctx, admin, f } = stack;
    const { eventId, emails } = await publishedEventWith(ctx, admin, f, N);
    sink.clear();
    sink.failNext = 10;
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await until('every invitation row done', async () => (await outboxByStatus(ctx, eventId)).done === N, 20_000);
    await sleep(500);
    expect(sink.failNext).toBe(0); // the failures did happen
    const perAddress = tally(sink.messages);
    expect([...perAddress.keys()].sort()).toEqual([...emails].sort());
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect((await summaryOf(ctx, admin, eventId)).byStatus).toEqual({ invited: N });
  }, 30_000);

  it('logs each failed attempt at warn with the participant, the attempt and the server’s answer, and no token', async () => {
    const { sink, ctx, admin, f } = stack;
    const { eventId } = await publishedEventWith(ctx, admin, f, 1);
    const [participant]: { id: string }[] = await ctx.app.get(DataSource).query(`SELECT id FROM participants WHERE event_id = $1`, [eventId]);
    sink.clear();
    sink.failNext = 2;
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
      await sink.waitFor(1, 15_000);
      const lines = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(participant.id));
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^invitations\\.mail participant ${participant.id} \\(request\\): attempt 1 of ${ATTEMPTS} failed, will retry: .*451 Mailbox busy, try again later$`)),
        expect.stringMatching(new RegExp(`^invitations\\.mail participant ${participant.id} \\(request\\): attempt 2 of ${ATTEMPTS} failed, will retry: .*451`)),
      ]);
      // The mail's links carry tokens; none of them is in the log.
      const token = /\/rsvp\/([\w.~-]+)/.exec(sink.messages[0].parsed.text ?? '')?.[1];
      expect(token).toBeTruthy();
      expect(warn.mock.calls.some((c) => String(c[0]).includes(token!))).toBe(false);
    } finally {
      warn.mockRestore();
    }
  }, 30_000);

  it('marks the participant failed with the SMTP error after MAIL_ATTEMPTS failures, and delivers it once on retry', async () => {
    const { sink, ctx, admin, f } = stack;
    const { eventId, emails } = await publishedEventWith(ctx, admin, f, 1);
    sink.clear();
    sink.failNext = ATTEMPTS;
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await until('the participant failed', async () => (await summaryOf(ctx, admin, eventId)).failed.length === 1, 15_000);
    expect(sink.failNext).toBe(0);
    expect(sink.messages).toHaveLength(0);
    const summary = await summaryOf(ctx, admin, eventId);
    expect(summary.byStatus).toEqual({ failed: 1 });
    expect(summary.failed[0].error).toMatch(/451/);
    const list = await ctx.http().get(`/api/events/${eventId}/participants`).set(bearer(admin)).expect(200);
    expect(list.body.items[0]).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/451.*Mailbox busy/) });
    expect(await outboxByStatus(ctx, eventId)).toEqual({ failed: 1 });

    const retried = await ctx.http().post(`/api/events/${eventId}/invitations/retry`).set(bearer(admin)).send({}).expect(202);
    expect(retried.body).toEqual({ retried: 1 });
    await sink.waitFor(1, 10_000);
    await until('the participant invited', async () => (await summaryOf(ctx, admin, eventId)).byStatus.invited === 1, 5000);
    await sleep(300);
    expect(sink.messages.map((m) => m.to)).toEqual(emails);
    expect((await summaryOf(ctx, admin, eventId)).failed).toEqual([]);
  }, 30_000);
});
