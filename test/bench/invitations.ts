/**
 * Benchmark: sending invitations (`npm run bench:invitations`).
 *
 * hoinghi: an event (two sessions, an agenda of six items) with N = 10,000 person participants
 * (people written in SQL, spread over 100 organizations; participants through the API's bulk add),
 * then `POST /api/events/:id/invitations/send` over real HTTP against the real
 * app (in this process, RUN_WORKER=false: it writes the outbox and relays it to BullMQ), and the
 * real worker as its own process (`node -r @swc-node/register src/worker.ts`, BullMQ on Redis,
 * MAIL_RATE_PER_SECOND high enough never to limit) rendering each invitation (HTML + text +
 * text/calendar) and sending it over pooled SMTP. Measured from sending the request until the sink
 * accepted the Nth message.
 * Baseline: plain nodemailer in its own process — a pooled transport with MailService's pool size
 * — sending one of hoinghi's invitations, rendered once by hoinghi's MailRenderer and passed to
 * `sendMail` with the same fields MailService passes, N times (one per recipient), with the worker's
 * mail concurrency in flight. Same sink, same machine.
 * The sink (test/bench/invitations-peers.ts) is a minimal `smtp-server` in its own process that
 * counts messages and discards them.
 *
 * One warm-up round of each (200 messages), then one measured round of each. The worker's RSS is
 * sampled every 200 ms (/proc/<pid>/status) and read at 25/50/75/100% of the messages; its peak is
 * the kernel's high-water mark (VmHWM, reset before the round) or the sampled peak if that fails.
 * Also printed: how long the `send` request took (10,000 outbox rows in one transaction) and when the
 * relay had moved every row to BullMQ, CPU of each process (with a warning when processes that are
 * not part of the bench were busy: the figures are then pessimistic), PostgreSQL transactions and
 * Redis commands per message. The worker runs with NODE_ENV=production, under swc-node like the
 * baseline (the loader alone is ~75 MiB of each process's RSS; `node dist/src/worker.js` has less).
 * Ends with one BENCH line per figure (see DESIGN.md, Benchmarks).
 *
 * Knobs for exploring, not for the figures: BENCH_N (default 10000), BENCH_WORKER_NODE_ARGS (extra
 * node options for the worker, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`; the profile is written
 * when the worker exits at the end).
 *
 * Needs Redis: REDIS_URL, default redis://127.0.0.1:6379. PostgreSQL: DATABASE_URL's server, else
 * an embedded one. Everything it creates (database, BullMQ keys under its own prefix, temporary
 * directory, child processes) is removed at the end, also on Ctrl-C.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AccountsService } from '../../src/accounts/accounts.service';
import { createApp } from '../../src/bootstrap';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { loadConfig } from '../../src/config/env';
import type { MailJob } from '../../src/invitations/participants/mail-job';
import { MailRenderer } from '../../src/invitations/sending/mail-renderer';
import { CONCURRENCY as JOB_CONCURRENCY } from '../../src/jobs/drivers/job-driver';
import { SMTP_POOL, toNodemailerMessage } from '../../src/mail/mail.service';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import type { FromBaseline, FromSink, ToBaseline, ToSink } from './invitations-peers';
import { dropRedisKeys } from '../support/redis-keys';
import { generatePeople } from './people-data';
import { allProcessTicks, cpuByName, machineCpu, memory, MiB, processCpuMs, resetPeak, RSS_SAMPLE_MS, RssSampler } from './proc-stats';
import { nextMessage, spawnTs, stopChild } from './children';
import { cleanupStepTimeout, freshDatabase, onCleanup, round1, round3, runBench, tempDir, withTimeout } from './harness';

const N = Number(process.env.BENCH_N ?? 10_000);
const WARMUP_N = 200;
const ORGANIZATIONS = 100;
const PROGRESS_EVERY = 100;
/** Message counts at which the worker's RSS is read (multiples of PROGRESS_EVERY, and N). */
const CHECKPOINTS = [...new Set([0.25, 0.5, 0.75].map((f) => Math.round((N * f) / PROGRESS_EVERY) * PROGRESS_EVERY).filter((c) => c > 0 && c < N)), N];
/** PostgreSQL publishes an idle backend's counters 10 s late (PGSTAT_IDLE_INTERVAL): wait this long before reading them. */
const PG_STATS_SETTLE_MS = 11_000;
/** Messages in flight: the worker's mail concurrency. */
const CONCURRENCY = JOB_CONCURRENCY.mail;
const POOL = SMTP_POOL;
const MAIL_FROM = 'sotttt@hagiang.gov.vn';
const PASSWORD = 'bench-password-1';
const PEERS = join(__dirname, 'invitations-peers.ts');
const TITLE = 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II năm 2031';

cleanupStepTimeout(10_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the run -------------------------------------------------------------------------------------

interface Round {
  ms: number;
  sendMs?: number;
  checkpointsKiB: Map<number, number>;
  /** RSS read at every PROGRESS_EVERY messages: [min, max] per quarter of the messages. */
  quartersKiB: [number, number][];
  /** CPU seconds by process during the round (see cpuByName). */
  processes: [string, number][];
  peakKiB: number;
  peakFrom: 'VmHWM' | 'samples';
  samples: number;
  beforeKiB: number;
  cpuMs: number;
  machineBusy: number;
  sinkCpuMs: number;
  benchCpuMs: number;
  bytesPerMsg: number;
}

async function main() {
  const t0 = performance.now();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(`bench:invitations needs Redis (REDIS_URL, default redis://127.0.0.1:6379): ${(e as Error).message}`, { cause: e });
  }
  onCleanup(async () => void redis.disconnect());
  const prefix = `hoinghi-bench-${randomBytes(5).toString('hex')}`;
  onCleanup(() => dropRedisKeys(redisUrl, prefix));

  // ---- PostgreSQL: a fresh, migrated database on DATABASE_URL's server or an embedded one -------
  const { databaseUrl } = await freshDatabase();

  const dataDir = tempDir();

  // ---- the sink --------------------------------------------------------------------------------------
  const sink = spawnTs([PEERS, 'sink'], { ...process.env }, true, 'sink');
  onCleanup(() => stopChild(sink, 3_000, { type: 'stop' } satisfies ToSink));
  const { port } = await nextMessage<FromSink & { type: 'ready' }>(sink, (m) => m.type === 'ready', 30_000, 'starting the sink');
  const smtpUrl = `smtp://127.0.0.1:${port}`;

  // ---- the worker (own process) and the API (here), sharing database, Redis prefix and secret ---------
  const common = {
    JWT_SECRET: randomBytes(24).toString('hex'),
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    QUEUE_PREFIX: prefix,
    MAIL_RATE_PER_SECOND: '100000',
    MAIL_FROM,
    PUBLIC_BASE_URL: 'https://hoinghi.hagiang.gov.vn',
    LOG_LEVEL: 'warn',
  };
  const worker = spawnTs(
    [...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'src/worker.ts'],
    { ...process.env, ...common, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: undefined, RUN_WORKER: undefined },
    false,
    'worker',
  );
  onCleanup(() => stopChild(worker));
  const workerReady = withTimeout(
    new Promise<void>((resolve, reject) => {
      let ready = false;
      let early = '';
      worker.stdout!.on('data', (c: Buffer) => {
        let text = c.toString('utf8');
        if (!ready) {
          early += text;
          if (!early.includes('hoinghi worker ready')) return;
          ready = true;
          resolve();
          text = early.replace(/^hoinghi worker ready.*\n?/m, '');
        }
        if (text) process.stdout.write(text.replace(/^(?=.)/gm, '[worker] '));
      });
      worker.once('exit', (code) => reject(new Error(`the worker exited during start-up (${code})`)));
    }),
    60_000,
    'starting the worker',
  );
  workerReady.catch(() => {}); // awaited below; this keeps an exit during cleanup from being unhandled

  const config = loadConfig({ NODE_ENV: 'test', ...common, RUN_WORKER: 'false' });
  const app: NestFastifyApplication = await createApp({ config, databaseUrl });
  onCleanup(() => app.close());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  const baseline = spawnTs([PEERS, 'baseline'], { ...process.env }, true, 'baseline');
  onCleanup(() => stopChild(baseline, 3_000, { type: 'stop' } satisfies ToBaseline));

  await workerReady;
  const workerPid = worker.pid!;

  await app.get(AccountsService).ensureUser({ email: 'admin@bench.hoinghi', password: PASSWORD, role: 'admin', displayName: 'Bench admin' });
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bench.hoinghi', password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const api = async <T>(method: string, path: string, body: unknown, expect: number): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expect) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const db = new Client({ connectionString: databaseUrl });
  // Errors reach us through the query promises; this only stops a dropped connection (cleanup's DROP … FORCE) from crashing the process.
  db.on('error', () => {});
  await db.connect();
  onCleanup(() => db.end());

  // ---- data: people in SQL, two events through the API (a warm-up one and the measured one) ---------
  // The invitees work in ORGANIZATIONS agencies (a province's departments and districts), not all in one.
  const organizations = app.get(OrganizationsService);
  const org = await organizations.create(SYSTEM, { code: 'BENCH', name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', kind: 'department', level: 'province' });
  const orgIds = [org.id];
  for (let i = 1; i < ORGANIZATIONS; i++) {
    orgIds.push((await organizations.create(SYSTEM, { code: `BENCH${String(i).padStart(3, '0')}`, name: `${i % 2 ? 'UBND huyện' : 'Sở'} số ${i} tỉnh Hà Giang`, kind: i % 2 ? 'district' : 'department', level: i % 2 ? 'district' : 'province' })).id);
  }
  const generated = generatePeople(N + WARMUP_N, 'inv');
  const { rows: people }: { rows: { id: string; full_name: string; email: string }[] } = await db.query(
    `INSERT INTO people (full_name, title, organization_id, email, phone, is_leader)
     SELECT f, t, o, e, p, l FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::boolean[]) WITH ORDINALITY AS v(f, t, o, e, p, l, i) ORDER BY i
     RETURNING id, full_name, email`,
    [generated.map((p) => p.fullName), generated.map((p) => p.title), generated.map((_, i) => orgIds[i % ORGANIZATIONS]), generated.map((p) => p.email), generated.map((p) => p.phone), generated.map((p) => p.isLeader)],
  );
  await db.query('VACUUM ANALYZE people');
  const speakers = people.slice(0, 3);

  const createEvent = async (title: string, day: string, invitees: typeof people) => {
    const event = await api<{ id: string; sequence: number }>('POST', '/api/events', {
      kind: 'conference',
      title,
      format: 'hybrid',
      hostOrganizationId: org.id,
      venueName: 'Hội trường lớn UBND tỉnh',
      venueAddress: 'Đường Nguyễn Trãi, phường Nguyễn Trãi, TP Hà Giang',
      onlineUrl: 'https://vc.hagiang.gov.vn/room/q1-2031',
      chairPersonId: speakers[0].id,
      description: 'Đánh giá kết quả ứng dụng công nghệ thông tin Quý I; triển khai nhiệm vụ Quý II, trọng tâm: chữ ký số, dịch vụ công trực tuyến mức độ 3, 4.',
      sessions: [{ startsAt: `${day}T08:00`, endsAt: `${day}T11:30`, title: 'Buổi sáng' }, { startsAt: `${day}T14:00`, endsAt: `${day}T16:30`, title: 'Buổi chiều' }],
    }, 201);
    await api('PUT', `/api/events/${event.id}/agenda`, {
      items: [
        { startsAt: `${day}T08:00`, title: 'Khai mạc hội nghị', type: 'opening_speech', speakerPersonId: speakers[0].id },
        { startsAt: `${day}T08:15`, title: 'Báo cáo kết quả ứng dụng CNTT Quý I', type: 'report', speakerPersonId: speakers[1].id },
        { startsAt: `${day}T09:00`, title: 'Triển khai chữ ký số chuyên dùng', type: 'presentation', speakerPersonId: speakers[2].id },
        { startsAt: `${day}T10:00`, title: 'Thảo luận tại các điểm cầu', type: 'discussion' },
        { startsAt: `${day}T14:00`, title: 'Hướng dẫn dịch vụ công trực tuyến', type: 'presentation', speakerName: 'Đại diện Cục Tin học hoá' },
        { startsAt: `${day}T16:00`, title: 'Kết luận của Chủ tịch UBND tỉnh', type: 'conclusion', speakerPersonId: speakers[0].id },
      ],
    }, 200);
    await api('POST', `/api/events/${event.id}/publish`, undefined, 200);
    const start = performance.now();
    await api('POST', `/api/events/${event.id}/participants`, { participants: invitees.map((p, i) => ({ personId: p.id, role: i === 0 ? 'chair' : i < 3 ? 'speaker' : 'delegate' })) }, 201);
    return { id: event.id, addMs: performance.now() - start, recipients: invitees.map((p) => ({ name: p.full_name, address: p.email })) };
  };
  const warmEvent = await createEvent(`${TITLE} (khởi động)`, '2031-04-09', people.slice(N));
  const event = await createEvent(TITLE, '2031-04-10', people.slice(0, N));

  // ---- the baseline's message: one of the measured event's invitations, rendered once by hoinghi ------
  // The job exactly as `send` will write it for this participant (the outbox payload), read from the rows themselves.
  const [sample] = (
    await db.query(
      `SELECT p.id, e.sequence, to_jsonb(p) ->> 'invitation_round' AS round FROM participants p JOIN events e ON e.id = p.event_id WHERE p.event_id = $1 ORDER BY p.created_at, p.id LIMIT 1 OFFSET 5`,
      [event.id],
    )
  ).rows as { id: string; sequence: number; round: string | null }[];
  const job = { participantId: sample.id, type: 'request', sequence: sample.sequence, ...(sample.round === null ? {} : { round: Number(sample.round) }) } as MailJob;
  const rendered = await app.get(MailRenderer).render(job);
  if (!rendered) throw new Error('MailRenderer rendered nothing for a fresh participant');
  baseline.send({ type: 'prepare', smtpUrl, pool: POOL, mail: toNodemailerMessage(rendered, MAIL_FROM) } satisfies ToBaseline);
  await nextMessage<FromBaseline>(baseline, (m) => m.type === 'ready', 30_000, 'starting the baseline');

  // ---- one round of each ----------------------------------------------------------------------------------
  const names = new Map<number, string>([[process.pid, 'bench (API)'], [workerPid, 'worker'], [sink.pid!, 'sink'], [baseline.pid!, 'baseline']]);
  const sinkStats = async () => {
    const reply = nextMessage<FromSink & { type: 'stats' }>(sink, (m) => m.type === 'stats', 5_000, 'sink stats');
    sink.send({ type: 'stats' } satisfies ToSink);
    return reply;
  };
  const outboxDone = async (eventId: string, n: number, ms: number) => {
    const until = performance.now() + ms;
    for (;;) {
      const { rows } = await db.query(`SELECT count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM outbox WHERE topic = $1`, [`mail:${eventId}`]);
      if (rows[0].done + rows[0].failed >= n) return rows[0] as { done: number; failed: number };
      if (performance.now() > until) throw new Error(`outbox of ${eventId}: ${rows[0].done} done, ${rows[0].failed} failed after ${ms} ms, expected ${n}`);
      await sleep(100);
    }
  };

  /** Runs `start` and waits until the sink has accepted `n` messages; measures the process `pid`. */
  const round = async (n: number, pid: number, start: () => Promise<number | undefined>): Promise<Round> => {
    const checkpointsKiB = new Map<number, number>();
    const hwm = resetPeak(pid);
    const beforeKiB = memory(pid)?.rssKiB ?? NaN;
    const sampler = new RssSampler(pid);
    const quartersKiB: [number, number][] = [0, 1, 2, 3].map(() => [Infinity, 0]);
    const onProgress = (m: FromSink) => {
      if (m.type !== 'progress' && m.type !== 'done') return;
      const rss = memory(pid)?.rssKiB ?? NaN;
      if (CHECKPOINTS.includes(m.count) && n === N) checkpointsKiB.set(m.count, rss);
      const q = quartersKiB[Math.min(3, Math.floor(((m.count - 1) * 4) / n))];
      q[0] = Math.min(q[0], rss);
      q[1] = Math.max(q[1], rss);
    };
    sink.on('message', onProgress);
    sink.send({ type: 'expect', n, every: PROGRESS_EVERY } satisfies ToSink);
    const cpu0 = processCpuMs(pid);
    const procs0 = allProcessTicks();
    const machine0 = machineCpu();
    const bench0 = process.cpuUsage();
    sampler.start();
    const done = nextMessage<FromSink>(sink, (m) => m.type === 'done', 300_000, `waiting for ${n} messages at the sink`);
    const begin = performance.now();
    const sendMs = await start();
    await done;
    const ms = performance.now() - begin;
    sampler.stop();
    sink.off('message', onProgress);
    const machine1 = machineCpu();
    const procs1 = allProcessTicks();
    const roundNames = new Map(names);
    for (const r of (await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows as { pid: number }[]) roundNames.set(r.pid, 'postgres (bench db)');
    const benchCpu = process.cpuUsage(bench0);
    const end = memory(pid);
    const stats = await sinkStats();
    return {
      ms,
      sendMs,
      checkpointsKiB,
      quartersKiB,
      processes: cpuByName(procs0, procs1, roundNames),
      peakKiB: hwm && end ? end.hwmKiB : sampler.peakKiB,
      peakFrom: hwm && end ? 'VmHWM' : 'samples',
      samples: sampler.samples,
      beforeKiB,
      cpuMs: processCpuMs(pid) - cpu0,
      machineBusy: (machine1.busy - machine0.busy) / (machine1.total - machine0.total),
      sinkCpuMs: stats.cpuMs,
      benchCpuMs: (benchCpu.user + benchCpu.system) / 1000,
      bytesPerMsg: stats.bytes / stats.count,
    };
  };

  /** When the relay had handed every row of the event to BullMQ (ms after the send request started). */
  let relayedMs: Promise<number> = Promise.resolve(NaN);
  const sendInvitations = (eventId: string, n: number) => async () => {
    const start = performance.now();
    const res = await api<{ invitations: number }>('POST', `/api/events/${eventId}/invitations/send`, undefined, 202);
    const sendMs = performance.now() - start;
    if (res.invitations !== n) throw new Error(`send said ${JSON.stringify(res)}, expected ${n} invitations`);
    relayedMs = (async () => {
      for (;;) {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND status = 'pending'`, [`mail:${eventId}`]);
        if (rows[0].n === 0) return performance.now() - start;
        await sleep(50);
      }
    })();
    return sendMs;
  };
  let baselineFinished: Promise<FromBaseline & { type: 'finished' }> = Promise.resolve({ type: 'finished', sent: 0, errors: [], cpuMs: 0 });
  const runBaseline = (recipients: { name: string; address: string }[]) => async () => {
    baselineFinished = nextMessage<FromBaseline & { type: 'finished' }>(baseline, (m) => m.type === 'finished', 300_000, 'the baseline');
    baseline.send({ type: 'run', recipients, concurrency: CONCURRENCY } satisfies ToBaseline);
    return undefined;
  };
  const baselineErrors = async () => {
    const f = await baselineFinished;
    if (f.errors.length) throw new Error(`baseline: ${f.errors.length} or more messages failed, e.g. ${f.errors[0]}`);
  };

  // warm-up: JIT, pools, connections on both sides
  process.stdout.write(`warm-up: ${WARMUP_N} invitations, ${WARMUP_N} baseline messages …\n`);
  await round(WARMUP_N, workerPid, sendInvitations(warmEvent.id, WARMUP_N));
  const warmEnd = performance.now();
  await outboxDone(warmEvent.id, WARMUP_N, 30_000);
  await round(WARMUP_N, baseline.pid!, runBaseline(warmEvent.recipients));
  await baselineErrors();

  const pgXacts = async () => Number((await db.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0].n);
  const redisCommands = async () => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))![1]);
  await sleep(Math.max(0, PG_STATS_SETTLE_MS - (performance.now() - warmEnd)));
  const xact0 = await pgXacts();
  const redis0 = await redisCommands();

  process.stdout.write(`measuring: hoinghi, ${N} invitations …\n`);
  const hoinghi = await round(N, workerPid, sendInvitations(event.id, N));
  const relayMs = await relayedMs;
  const redis1 = await redisCommands();
  const settle0 = performance.now();
  const outbox = await outboxDone(event.id, N, 60_000);
  const settleMs = performance.now() - settle0;
  const hoinghiEnd = performance.now();
  await sleep(500);
  const afterHoinghi = await sinkStats();
  const {
    rows: [participantCounts],
  } = await db.query(`SELECT count(*) FILTER (WHERE status = 'invited')::int AS invited, count(*)::int AS total FROM participants WHERE event_id = $1`, [event.id]);
  const workerAfterKiB = memory(workerPid)?.rssKiB ?? NaN;

  process.stdout.write(`measuring: baseline, ${N} messages …\n`);
  const plain = await round(N, baseline.pid!, runBaseline(event.recipients));
  await baselineErrors();
  await sleep(300);
  const afterBaseline = await sinkStats();

  await sleep(Math.max(0, PG_STATS_SETTLE_MS - (performance.now() - hoinghiEnd)));
  const xact1 = await pgXacts();

  // ---- report ---------------------------------------------------------------------------------------
  const rate = (r: Round) => N / (r.ms / 1000);
  const hoinghiRate = rate(hoinghi);
  const baselineRate = rate(plain);
  const ratio = hoinghiRate / baselineRate;
  const mib = (kib: number) => `${MiB(kib).toFixed(1)} MiB`;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const cpuLine = (r: Round, who: string) =>
    `    CPU: ${who} ${(r.cpuMs / 1000).toFixed(1)} s (${pct(r.cpuMs / r.ms)} of one core), sink ${(r.sinkCpuMs / 1000).toFixed(1)} s (${pct(r.sinkCpuMs / r.ms)}), bench process ${(r.benchCpuMs / 1000).toFixed(1)} s, machine ${pct(r.machineBusy)} busy of ${cpus().length} cores`;

  const ours = new Set(['worker', 'sink', 'baseline', 'bench (API)', 'postgres (bench db)', 'redis-server']);
  const byProcess = (r: Round) => {
    const others = r.processes.filter(([name]) => !ours.has(name));
    const otherSec = others.reduce((a, [, sec]) => a + sec, 0);
    const line = `    CPU by process: ${r.processes.slice(0, 7).map(([name, sec]) => `${name} ${sec.toFixed(1)} s`).join(', ')}`;
    // Anything else busy on the machine (another test run, a build) takes cores from this round.
    return otherSec > (0.1 * r.ms) / 1000 ? `${line}\n    WARNING: other processes used ${otherSec.toFixed(1)} s of CPU during this round (${others.slice(0, 3).map(([name, sec]) => `${name} ${sec.toFixed(1)} s`).join(', ')}): the machine was not quiet, so the figure is pessimistic` : line;
  };
  console.log('');
  console.log(`invitations: ${N} participants, worker concurrency ${CONCURRENCY}, SMTP pool ${POOL.maxConnections} connections × ${POOL.maxMessages} messages, PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}, Redis ${redisUrl.replace(/\/\/[^@]*@/, '//***@')}`);
  console.log(`  setup: POST participants (bulk, ${N}) ${(event.addMs / 1000).toFixed(2)} s; message ${(hoinghi.bytesPerMsg / 1024).toFixed(1)} KiB (hoinghi) / ${(plain.bytesPerMsg / 1024).toFixed(1)} KiB (baseline)`);
  console.log(`  hoinghi   POST …/invitations/send → ${N}th message at the sink: ${(hoinghi.ms / 1000).toFixed(2)} s = ${hoinghiRate.toFixed(1)} msg/s`);
  console.log(`    the send request itself (${N} outbox rows, one transaction): ${hoinghi.sendMs!.toFixed(0)} ms; every row relayed to BullMQ ${relayMs.toFixed(0)} ms after the request started; outbox all done ${settleMs.toFixed(0)} ms after the last message (${outbox.done} done, ${outbox.failed} failed)`);
  console.log(`    received ${afterHoinghi.count} messages for ${afterHoinghi.recipients} recipients (${afterHoinghi.count - afterHoinghi.recipients} duplicates) over ${afterHoinghi.sessions} new SMTP connections; participants invited: ${participantCounts.invited}/${participantCounts.total}`);
  console.log(`    worker RSS: before ${mib(hoinghi.beforeKiB)}, ${CHECKPOINTS.map((c) => `at ${c}: ${mib(hoinghi.checkpointsKiB.get(c) ?? NaN)}`).join(', ')}, peak ${mib(hoinghi.peakKiB)} (${hoinghi.peakFrom}; ${hoinghi.samples} samples every ${RSS_SAMPLE_MS} ms), after ${mib(workerAfterKiB)}`);
  console.log(`    worker RSS by quarter of the messages (min–max of reads every ${PROGRESS_EVERY} messages): ${hoinghi.quartersKiB.map(([lo, hi]) => `${MiB(lo).toFixed(0)}–${MiB(hi).toFixed(0)}`).join(', ')} MiB`);
  console.log(cpuLine(hoinghi, 'worker'));
  console.log(byProcess(hoinghi));
  console.log(`    per message: ${((xact1 - xact0) / N).toFixed(1)} PostgreSQL transactions (API + worker; a statement outside a transaction counts as one), ${((redis1 - redis0) / N).toFixed(1)} Redis commands`);
  console.log(`  baseline  plain nodemailer, ${CONCURRENCY} in flight, same pre-rendered message: ${(plain.ms / 1000).toFixed(2)} s = ${baselineRate.toFixed(1)} msg/s`);
  console.log(`    received ${afterBaseline.count} messages for ${afterBaseline.recipients} recipients over ${afterBaseline.sessions} new SMTP connections; process RSS before ${mib(plain.beforeKiB)}, peak ${mib(plain.peakKiB)} (${plain.peakFrom})`);
  console.log(cpuLine(plain, 'baseline'));
  console.log(byProcess(plain));
  console.log(`  ratio ${ratio.toFixed(3)} (aim ≥ 0.5); total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const problems: string[] = [];
  if (afterHoinghi.count !== N || afterHoinghi.recipients !== N) problems.push(`hoinghi delivered ${afterHoinghi.count} messages to ${afterHoinghi.recipients} recipients, expected ${N}`);
  if (outbox.failed) problems.push(`${outbox.failed} outbox rows failed`);
  if (afterBaseline.count !== N) problems.push(`the baseline delivered ${afterBaseline.count} messages, expected ${N}`);
  if (problems.length) throw new Error(problems.join('; '));

  console.log(`BENCH ${JSON.stringify({ name: 'invitations.send', value: round1(hoinghiRate), unit: 'msg/s', baseline: round1(baselineRate), ratio: round3(ratio), n: N })}`);
  // Memory: smaller is better, so ratio = baseline ÷ hoinghi (the plain nodemailer process's peak).
  console.log(`BENCH ${JSON.stringify({ name: 'invitations.worker_peak_rss', value: round1(MiB(hoinghi.peakKiB)), unit: 'MiB', baseline: round1(MiB(plain.peakKiB)), ratio: round3(plain.peakKiB / hoinghi.peakKiB), n: N })}`);
}

/** What MailService.send passes to nodemailer for this message (src/mail/mail.service.ts). */

runBench('bench:invitations', main);
