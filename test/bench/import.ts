/**
 * Benchmark: people CSV import (`npm run bench:import`).
 *
 * hoinghi: POST a 10,000-row CSV to /api/people/import over real HTTP against the real app
 * (Fastify, guards, pipes, importer) — once creating every row, once more updating every row.
 * Baseline: the plainest way to put the same 10,000 rows into the same `people` table on the same
 * server — one `INSERT … VALUES (…),(…)…` with literal-escaped values, in one transaction, via `pg`.
 *
 * One warm-up of each, then 3 measured repetitions (people deleted before each), median reported.
 *
 * Bounded cost (issue 15 §1: "/health answers within 200 ms while the worst of these is processed"):
 * a separate process asks GET /health every 10 ms over HTTP and times each answer, first with the app
 * idle (the baseline), then while the app checks the worst valid file, 100,000 people with
 * `?dryRun=true` (3 runs); meanwhile a probe in the app (test/support/loop-probe.ts) records the most
 * CPU time its main thread spent between two turns of the event loop. Reported: the worst /health of
 * each phase, and the longest blockage.
 *
 * Ends with one BENCH line per figure (see DESIGN.md, Benchmarks).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type ChildProcess, spawn } from 'node:child_process';
import { Client } from 'pg';
import { AccountsService } from '../../src/accounts/accounts.service';
import { createApp } from '../../src/bootstrap';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { loadConfig } from '../../src/config/env';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { type BenchPerson, generatePeople, toCsv } from './people-data';
import { type LoopBlockage, watchEventLoop } from '../support/loop-probe';
import { freshDatabase, median, onCleanup, round1, runBench, tempDir } from './harness';

const N = 10_000;
const WARMUP_N = 200;
const REPS = 3;
const PASSWORD = 'bench-password-1';


const middle = (xs: number[]) => median(xs, (x) => x);
const fmtRate = (x: number) => `${x.toFixed(1).padStart(9)} rows/s`;
const fmtRuns = (ms: number[]) => ms.map((m) => (m / 1000).toFixed(3)).join(', ');

async function main() {
  const t0 = performance.now();

  // ---- PostgreSQL: a fresh, migrated database on DATABASE_URL's server or an embedded one -------
  const { databaseUrl } = await freshDatabase();

  // ---- the real app, listening on a real port -----------------------------------------------------
  const dataDir = tempDir();
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(20).toString('hex'), DATA_DIR: dataDir });
  const app: NestFastifyApplication = await createApp({ config, databaseUrl });
  onCleanup(() => app.close());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  await app.get(AccountsService).ensureUser({ email: 'admin@bench.hoinghi', password: PASSWORD, role: 'admin', displayName: 'Bench admin' });
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@bench.hoinghi', password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as { accessToken: string }).accessToken;

  const organizations = app.get(OrganizationsService);
  const org = await organizations.create(SYSTEM, { code: 'BENCH', name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', kind: 'province', level: 'province' });
  const warmOrg = await organizations.create(SYSTEM, { code: 'WARMUP', name: 'Đơn vị khởi động', kind: 'province', level: 'province' });

  // ---- data: the same rows for hoinghi (as CSV) and the baseline (as SQL literals) ------------------
  const people = generatePeople(N, 'b');
  const csv = Buffer.from(toCsv(people, 'BENCH'), 'utf8');
  // The same people with every title changed: a re-import where every row is a real update
  // (an identical re-import changes nothing and is reported as unchanged).
  const retitled = (list: BenchPerson[]) => list.map((p) => ({ ...p, title: `${p.title ?? 'Chuyên viên'} (kiêm nhiệm)` }));
  const changedCsv = Buffer.from(toCsv(retitled(people), 'BENCH'), 'utf8');
  const warmPeople = generatePeople(WARMUP_N, 'w', 7);
  const warmCsv = Buffer.from(toCsv(warmPeople, 'WARMUP'), 'utf8');
  const warmChangedCsv = Buffer.from(toCsv(retitled(warmPeople), 'WARMUP'), 'utf8');

  const client = new Client({ connectionString: databaseUrl });
  // Errors reach us through the query promises; this only stops a dropped connection (cleanup's DROP … FORCE) from crashing the process.
  client.on('error', () => {});
  await client.connect();
  onCleanup(() => client.end());

  const literal = (v: string | null) => (v === null ? 'NULL' : client.escapeLiteral(v));
  const insertSql = (rows: BenchPerson[], organizationId: string) =>
    'INSERT INTO people (full_name, title, organization_id, email, phone, is_leader) VALUES ' +
    rows.map((p) => `(${literal(p.fullName)},${literal(p.title)},${literal(organizationId)},${literal(p.email)},${literal(p.phone)},${p.isLeader ? 'TRUE' : 'FALSE'})`).join(',');
  const baselineSql = insertSql(people, org.id);
  const warmBaselineSql = insertSql(warmPeople, warmOrg.id);

  /** Same starting point for every measured run: an empty, vacuumed `people`. */
  const reset = async () => {
    await client.query('DELETE FROM people');
    await client.query('VACUUM ANALYZE people');
  };

  /** One import over HTTP; returns milliseconds from sending the request to the parsed response. */
  const importOnce = async (body: Buffer, expect: { created: number; updated: number }) => {
    const start = performance.now();
    const res = await fetch(`${base}/api/people/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body });
    const text = await res.text();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`import failed: HTTP ${res.status} ${text.slice(0, 500)}`);
    const out = JSON.parse(text) as { created: number; updated: number; dryRun: boolean };
    if (out.created !== expect.created || out.updated !== expect.updated || out.dryRun !== false) {
      throw new Error(`import said ${text}, expected created ${expect.created}, updated ${expect.updated}`);
    }
    return ms;
  };

  /** The baseline: one INSERT of every row as literals, in its own transaction. */
  const baselineOnce = async (sql: string, rows: number) => {
    const start = performance.now();
    await client.query('BEGIN');
    try {
      const r = await client.query(sql);
      if (r.rowCount !== rows) throw new Error(`baseline inserted ${r.rowCount}, expected ${rows}`);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
    return performance.now() - start;
  };

  // ---- warm-up -------------------------------------------------------------------------------------
  await importOnce(warmCsv, { created: WARMUP_N, updated: 0 });
  await importOnce(warmChangedCsv, { created: 0, updated: WARMUP_N });
  await client.query('DELETE FROM people');
  await baselineOnce(warmBaselineSql, WARMUP_N);

  // ---- measured runs, interleaved so drift hits both sides alike -----------------------------------
  const createMs: number[] = [];
  const updateMs: number[] = [];
  const baseMs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    await reset();
    createMs.push(await importOnce(csv, { created: N, updated: 0 }));
    updateMs.push(await importOnce(changedCsv, { created: 0, updated: N }));
    await reset();
    baseMs.push(await baselineOnce(baselineSql, N));
  }
  const { rows: check } = await client.query('SELECT count(*)::int AS n FROM people WHERE organization_id = $1', [org.id]);
  if (check[0].n !== N) throw new Error(`after the baseline people has ${check[0].n} rows, expected ${N}`);

  const rate = (ms: number) => N / (ms / 1000);
  const create = rate(middle(createMs));
  const update = rate(middle(updateMs));
  const baseline = rate(middle(baseMs));

  console.log(`people import, ${N} rows (${(csv.length / 1024).toFixed(0)} KiB CSV), PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}, median of ${REPS}`);
  console.log(`  hoinghi create  POST /api/people/import, every row new           ${fmtRate(create)}   runs (s): ${fmtRuns(createMs)}`);
  console.log(`  hoinghi update  the same people, every title changed            ${fmtRate(update)}   runs (s): ${fmtRuns(updateMs)}`);
  console.log(`  baseline        one INSERT … VALUES (literals) in 1 transaction  ${fmtRate(baseline)}   runs (s): ${fmtRuns(baseMs)}`);
  console.log(`  total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // ---- bounded cost: /health from another process while the worst valid file is checked ----------
  const many = await organizations.create(SYSTEM, { code: 'MANY', name: 'Tỉnh Nhiều Người', kind: 'province', level: 'province' });
  const worst = Buffer.from(['full_name,organization_code,email', ...Array.from({ length: WORST_N }, (_, i) => `Cán bộ ${i},${many.code},cb${i}@many.vn`)].join('\n'));
  const prober = startProber(`${base}/health`);
  onCleanup(async () => void prober.kill('SIGKILL'));
  const idleProbe = watchEventLoop();
  const idle = await probe(prober, () => new Promise((r) => setTimeout(r, IDLE_MS)));
  const idleLoop = idleProbe.stop();
  const runs: { health: HealthFigures; loop: LoopBlockage; ms: number }[] = [];
  for (let i = 0; i < REPS; i++) {
    const loopProbe = watchEventLoop();
    const start = performance.now();
    const health = await probe(prober, async () => {
      const res = await fetch(`${base}/api/people/import?dryRun=true`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body: worst });
      const text = await res.text();
      if (res.status !== 200 || JSON.parse(text).created !== WORST_N) throw new Error(`dry run failed: HTTP ${res.status} ${text.slice(0, 300)}`);
    });
    runs.push({ health, loop: loopProbe.stop(), ms: performance.now() - start });
  }
  prober.kill('SIGTERM');
  const worstHealth = middle(runs.map((r) => r.health.max));
  const worstLoop = middle(runs.map((r) => r.loop.maxCpuMs));
  const fmtHealth = (h: HealthFigures) => `${h.n} answers, median ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms, worst ${h.max.toFixed(1)} ms`;
  console.log(`bounded cost: GET /health every ${PROBE_EVERY_MS} ms from another process`);
  const fmtLoop = (l: LoopBlockage) => `event loop held at most ${l.maxCpuMs} ms CPU (${l.maxWallMs} ms wall; code ${l.maxWorkMs} ms, GC pause ${l.maxGcMs} ms)`;
  console.log(`  idle (baseline)                 ${fmtHealth(idle)}; ${fmtLoop(idleLoop)}`);
  for (const [i, r] of runs.entries()) {
    console.log(
      `  ${WORST_N} people, dryRun (${i + 1})  ${fmtHealth(r.health)}; ${fmtLoop(r.loop)}; import ${(r.ms / 1000).toFixed(1)} s`,
    );
  }
  console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores: more than 2 means other work shared them)`);

  const line = (name: string, value: number) =>
    `BENCH ${JSON.stringify({ name, value: round1(value), unit: 'rows/s', baseline: round1(baseline), ratio: Math.round((value / baseline) * 1000) / 1000, n: N })}`;
  console.log(line('import.people.create', create));
  console.log(line('import.people.update', update));
  const msLine = (name: string, value: number, base: number) =>
    `BENCH ${JSON.stringify({ name, value: round1(value), unit: 'ms', baseline: round1(base), ratio: Math.round((base / value) * 1000) / 1000, n: WORST_N })}`;
  console.log(msLine('import.worst.health_max', worstHealth, idle.max));
  console.log(msLine('import.worst.loop_blocked', worstLoop, idleLoop.maxCpuMs));
}

const WORST_N = 100_000;
const IDLE_MS = 3000;
const PROBE_EVERY_MS = 10;

interface HealthFigures {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * The /health prober: its own process (its timing is not held by the app's event loop), asking one
 * /health at a time every PROBE_EVERY_MS and timing each answer; on 'start' it begins a phase, on
 * 'stop' it answers the phase's latencies.
 */
function startProber(url: string): ChildProcess {
  const code = `
    const { performance } = require('node:perf_hooks');
    let on = false, ms = [];
    const loop = async () => {
      while (on) {
        const t = performance.now();
        const res = await fetch(${JSON.stringify(url)}).catch((e) => ({ status: String(e) }));
        if (res.text) await res.text();
        if (res.status !== 200) { process.send({ error: 'health answered ' + res.status }); }
        ms.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, ${PROBE_EVERY_MS}));
      }
    };
    let running = null;
    process.on('message', async (m) => {
      if (m === 'start') { on = true; ms = []; running = loop(); }
      if (m === 'stop') { on = false; await running; process.send({ ms }); }
    });`;
  return spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Runs `phase` while the prober asks /health; answers the latencies it saw. */
async function probe(prober: ChildProcess, phase: () => Promise<unknown>): Promise<HealthFigures> {
  const answer = new Promise<number[]>((resolve, reject) => {
    const onMessage = (m: { ms?: number[]; error?: string }) => {
      if (m.error) return reject(new Error(m.error));
      prober.off('message', onMessage);
      resolve(m.ms!);
    };
    prober.on('message', onMessage);
  });
  prober.send('start');
  await new Promise((r) => setTimeout(r, 100)); // a few answers before the phase's work begins
  await phase();
  prober.send('stop');
  const ms = [...(await answer)].sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { n: ms.length, p50: at(0.5), p99: at(0.99), max: ms[ms.length - 1] };
}

runBench('bench:import', main);
