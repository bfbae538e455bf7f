/**
 * Benchmark: people CSV import (`npm run bench:import`).
 *
 * hoinghi: POST a 10,000-row CSV to /api/people/import over real HTTP against the real app
 * (Fastify, guards, pipes, importer) — once creating every row, once more updating every row.
 * Baseline: the plainest way to put the same 10,000 rows into the same `people` table on the same
 * server — one `INSERT … VALUES (…),(…)…` with literal-escaped values, in one transaction, via `pg`.
 *
 * One warm-up of each, then 3 measured repetitions (people deleted before each), median reported.
 * Ends with one BENCH line per figure (see DESIGN.md, Benchmarks).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AccountsService } from '../../src/accounts/accounts.service';
import { createApp } from '../../src/bootstrap';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { loadConfig } from '../../src/config/env';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { type BenchPerson, generatePeople, toCsv } from './people-data';
import { freshDatabase, onCleanup, round1, runBench, tempDir } from './harness';

const N = 10_000;
const WARMUP_N = 200;
const REPS = 3;
const PASSWORD = 'bench-password-1';


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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
  const create = rate(median(createMs));
  const update = rate(median(updateMs));
  const baseline = rate(median(baseMs));

  console.log(`people import, ${N} rows (${(csv.length / 1024).toFixed(0)} KiB CSV), PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}, median of ${REPS}`);
  console.log(`  hoinghi create  POST /api/people/import, every row new           ${fmtRate(create)}   runs (s): ${fmtRuns(createMs)}`);
  console.log(`  hoinghi update  the same people, every title changed            ${fmtRate(update)}   runs (s): ${fmtRuns(updateMs)}`);
  console.log(`  baseline        one INSERT … VALUES (literals) in 1 transaction  ${fmtRate(baseline)}   runs (s): ${fmtRuns(baseMs)}`);
  console.log(`  total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const line = (name: string, value: number) =>
    `BENCH ${JSON.stringify({ name, value: round1(value), unit: 'rows/s', baseline: round1(baseline), ratio: Math.round((value / baseline) * 1000) / 1000, n: N })}`;
  console.log(line('import.people.create', create));
  console.log(line('import.people.update', update));
}

runBench('bench:import', main);
