/**
 * Benchmark: event listing and calendar (`npm run bench:events`).
 *
 * Data: 20,000 events with 1–3 sessions each over 2008–2027, hosted across a 300-organization tree
 * (4 provinces with departments, districts and communes), inserted directly in SQL.
 *
 * hoinghi: autocannon (its own worker thread) against the real app on 127.0.0.1 — Fastify, the
 * caller's token check (in the list's own statement), validation, scope checks, TypeORM, JSON — for these requests:
 *   list      GET /api/events?from=2019-01-01&to=2019-12-31&kind=conference&status=completed&hostOrganizationId=<a province>
 *             (a list counts its total only when asked: `hasMore` pages on)
 *   list.total  the same &total=true                (baseline: the same page with the same count, one statement)
 *   search    GET /api/events?q=chu ky so                (a search counts its total only when asked: `hasMore` pages on)
 *   search.total  GET /api/events?q=chu ky so&total=true  (baseline: the same page with the same count, one statement)
 *   calendar  GET /api/events/calendar?month=2019-04
 *   people    GET /api/people?organizationId=<a province>   (20,000 officials across the tree; the subtree's first page by name)
 *   orgs      GET /api/organizations?level=commune          (the first page of 200 communes by name)
 * Baseline: the plainest way to get the same rows — one bare `SELECT` of the same page of events /
 * the same month of sessions, run in a loop via `pg` with the same concurrency (a pool of as many
 * connections as autocannon opens), on the same server and data. A second reference, "bare HTTP":
 * a bare NestJS-on-Fastify route running that SELECT and answering its rows, under the same
 * autocannon — what HTTP alone costs here (its own BENCH line, `<case>.bare_http`, against the same baseline).
 *
 * Each case: 1 s warm-up of each side, then ROUNDS rounds of the three sides, DURATION seconds each; requests/s, p99 latency and the CPU per
 * request of this process and of PostgreSQL's backends (a figure the other work on a shared machine
 * disturbs less than the rates; see cpuMeter). BENCH_ONLY=<regex> measures only the matching cases. Then the
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL hoinghi ran for each request (captured from TypeORM), and a
 * check that no plan scans `events` or `event_sessions` sequentially (exit 1 if one does).
 * Ends with one BENCH line per figure (see DESIGN.md, Benchmarks).
 */
import 'reflect-metadata';
import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../src/accounts/accounts.service';
import { createApp } from '../../src/bootstrap';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { loadConfig } from '../../src/config/env';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { generateEvents, generateTree } from './events-data';
import { generatePeople } from './people-data';
import { startBareApp } from './rush';
import { cpuMeter } from './proc-stats';
import { autocannon } from './cannon';
import { freshDatabase, median, onCleanup, profiled, round1, round2, runBench, tempDir } from './harness';

const N = 20_000;
const PEOPLE = 20_000;
const CONNECTIONS = 10;
const DURATION = 2;
/** Rounds per case (BENCH_ROUNDS, default 3): see the measurement loop. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const WARMUP = 1;
const PASSWORD = 'bench-password-1';



interface Figures {
  rate: number;
  p99: number;
  p50: number;
  count: number;
  /** Bytes per HTTP response (headers and body), for the HTTP sides. */
  bytes?: number;
  /** CPU per request (µs): this process (app or pg client, autocannon's worker) and PostgreSQL's backends. */
  cpu?: { node: number; pg: number };
}

/** `measure()` with the CPU each request took (see cpuMeter). */
async function metered(pool: Pool, database: string, measure: () => Promise<Figures>): Promise<Figures> {
  const meter = await cpuMeter(pool, database);
  const f = await measure();
  const { nodeMs, pgMs } = await meter.stop();
  return { ...f, cpu: { node: (nodeMs * 1000) / f.count, pg: (pgMs * 1000) / f.count } };
}
const cpuText = (f: Figures) =>
  (f.cpu ? `   cpu/req node ${f.cpu.node.toFixed(0).padStart(4)} µs + pg ${f.cpu.pg.toFixed(0).padStart(4)} µs` : '') +
  (f.bytes ? `   ${(f.bytes / 1024).toFixed(1)} KiB/response` : '');

/** `CONNECTIONS` loops running `sql` back to back on a pool of as many connections, for `seconds`. */
async function loop(pool: Pool, sql: string, params: unknown[], seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < until) {
          const t = performance.now();
          await client.query(sql, params);
          latencies.push(performance.now() - t);
        }
      } finally {
        client.release();
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return { rate: latencies.length / elapsed, p99: pct(0.99), p50: pct(0.5), count: latencies.length };
}

async function cannon(url: string, token: string, seconds: number): Promise<Figures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, workers: 1, headers: { authorization: `Bearer ${token}` } });
  if (r.errors || r.timeouts || r.non2xx) throw new Error(`autocannon ${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  return { rate: r.requests.total / r.duration, p99: r.latency.p99, p50: r.latency.p50, count: r.requests.total, bytes: r.throughput.total / r.requests.total };
}

/** The bare-HTTP reference's app: `GET /bare/<i>` runs case i's baseline SELECT and answers `{ items: rows }`. */
function bareListModule(pool: Pool, cases: { sql: string; params: unknown[] }[]) {
  @Controller()
  class BareListController {
    @Get('bare/:i')
    async list(@Param('i') i: string) {
      const c = cases[Number(i)];
      return { items: (await pool.query(c.sql, c.params)).rows };
    }
  }
  @Module({ controllers: [BareListController] })
  class BareListModule {}
  return BareListModule;
}

async function main() {
  const t0 = performance.now();

  // ---- PostgreSQL: a fresh, migrated database on DATABASE_URL's server or an embedded one -------
  const { databaseUrl } = await freshDatabase();
  const database = new URL(databaseUrl).pathname.slice(1);

  // ---- the real app, listening on 127.0.0.1 only ---------------------------------------------------
  const dataDir = tempDir();
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(20).toString('hex'), DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
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

  // ---- data: the tree through the importer, the events straight in SQL ----------------------------
  const tSetup = performance.now();
  const tree = generateTree();
  const csvRow = (v: (string | undefined)[]) => v.map((x) => `"${(x ?? '').replace(/"/g, '""')}"`).join(',');
  const treeCsv = [csvRow(['code', 'name', 'short_name', 'kind', 'level', 'parent_code']), ...tree.map((o) => csvRow([o.code, o.name, o.shortName, o.kind, o.level, o.parentCode]))].join('\n');
  await app.get(OrganizationsService).importCsv(SYSTEM, Buffer.from(treeCsv), false);
  const orgIds = await app.get(OrganizationsService).idsByCode(tree.map((o) => o.code));

  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  pool.on('error', () => {}); // a dropped connection at cleanup (DROP … FORCE) must not crash the process
  onCleanup(() => pool.end());

  const events = generateEvents(N, tree);
  const ids = events.map(() => randomUUID());
  const col = <T>(f: (e: (typeof events)[number], i: number) => T) => events.map(f);
  await pool.query(
    `INSERT INTO events (id, kind, title, format, host_organization_id, venue_name, status, ical_uid, sequence, starts_at, ends_at)
     SELECT id, kind, title, format, host, venue, status, id || '@hoinghi', 0, s, e
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
         AS t(id, kind, title, format, host, venue, status, s, e)`,
    [
      ids,
      col((e) => e.kind),
      col((e) => e.title),
      col((e) => e.format),
      col((e) => orgIds.get(e.hostCode)!.id),
      col((e) => e.venueName),
      col((e) => e.status),
      col((e) => e.sessions[0].startsAt),
      col((e) => e.sessions[e.sessions.length - 1].endsAt),
    ],
  );
  const sessions = events.flatMap((e, i) => e.sessions.map((s) => ({ eventId: ids[i], ...s })));
  await pool.query(
    `INSERT INTO event_sessions (event_id, starts_at, ends_at) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[])`,
    [sessions.map((s) => s.eventId), sessions.map((s) => s.startsAt), sessions.map((s) => s.endsAt)],
  );
  const people = generatePeople(PEOPLE, 'ev');
  await pool.query(
    `INSERT INTO people (full_name, title, organization_id, email, phone, is_leader)
     SELECT f, t, o, e, p, l FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::boolean[]) AS v(f, t, o, e, p, l)`,
    [people.map((p) => p.fullName), people.map((p) => p.title), people.map((_, i) => orgIds.get(tree[i % tree.length].code)!.id), people.map((p) => p.email), people.map((p) => p.phone), people.map((p) => p.isLeader)],
  );
  await pool.query('VACUUM ANALYZE people');
  await pool.query('VACUUM ANALYZE events');
  await pool.query('VACUUM ANALYZE event_sessions');
  await pool.query('VACUUM ANALYZE organizations');
  const setupSeconds = (performance.now() - tSetup) / 1000;

  // ---- the three requests and their bare-SELECT baselines -------------------------------------------
  const province = orgIds.get('BP2')!;
  const COLUMNS = `e.id, e.created_at, e.updated_at, e.kind, e.title, e.description, e.format, e.host_organization_id, e.venue_name, e.venue_address,
    e.online_url, e.chair_person_id, e.public_summary, e.status, e.ical_uid, e.sequence, e.starts_at, e.ends_at, e.period_year, e.period_quarter,
    e.period_from_month, e.period_to_month, e.conclusion, e.campaign_id, e.campaign_target_organization_id`;
  // The filtered list's request and conditions (over alias `a`), shared by its counted and uncounted cases.
  const listPath = `/api/events?from=2019-01-01&to=2019-12-31&kind=conference&status=completed&hostOrganizationId=${province.id}`;
  const listWhere = (a: string) => `${a}.host_organization_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1)
               AND tstzrange(${a}.starts_at, ${a}.ends_at) && tstzrange($2, $3) AND ${a}.kind = 'conference' AND ${a}.status = 'completed'`;
  const listParams = [`${province.path}%`, new Date('2018-12-31T17:00:00Z'), new Date('2019-12-31T17:00:00Z')];
  const allCases = [
    {
      name: 'events.list',
      what: 'list: 2019, conference, completed, host subtree (a province)',
      path: listPath,
      sql: `SELECT ${COLUMNS} FROM events e WHERE ${listWhere('e')} ORDER BY e.starts_at, e.id LIMIT 50`,
      params: listParams,
      ids: (body: { items: { id: string }[] }) => body.items.map((x) => x.id),
    },
    {
      name: 'events.list.total',
      what: 'the same list asking for its total (&total=true)',
      path: `${listPath}&total=true`,
      // The same page with the same count beside it, in one statement (as hoinghi runs it).
      sql: `SELECT ${COLUMNS}, (SELECT count(*) FROM events c WHERE ${listWhere('c')}) AS total
              FROM events e WHERE ${listWhere('e')} ORDER BY e.starts_at, e.id LIMIT 50`,
      params: listParams,
      ids: (body: { items: { id: string }[] }) => body.items.map((x) => x.id),
    },
    {
      name: 'events.search',
      what: 'search: q=chu ky so',
      path: `/api/events?q=${encodeURIComponent('chu ky so')}`,
      sql: `SELECT ${COLUMNS} FROM events e WHERE e.search_text LIKE '%' || vn_fold($1) || '%' ORDER BY e.starts_at, e.id LIMIT 50`,
      params: ['chu ky so'],
      ids: (body: { items: { id: string }[] }) => body.items.map((x) => x.id),
    },
    {
      name: 'events.search.total',
      what: 'search asking for its total: q=chu ky so&total=true',
      path: `/api/events?q=${encodeURIComponent('chu ky so')}&total=true`,
      // The same page with the same count beside it, in one statement (as hoinghi runs it).
      sql: `SELECT ${COLUMNS}, (SELECT count(*) FROM events c WHERE c.search_text LIKE '%' || vn_fold($1) || '%') AS total
              FROM events e WHERE e.search_text LIKE '%' || vn_fold($1) || '%' ORDER BY e.starts_at, e.id LIMIT 50`,
      params: ['chu ky so'],
      ids: (body: { items: { id: string }[] }) => body.items.map((x) => x.id),
    },
    {
      name: 'events.calendar',
      what: 'calendar: month=2019-04, every session',
      path: '/api/events/calendar?month=2019-04',
      sql: `SELECT s.id, s.event_id, s.starts_at, s.ends_at, s.title AS session_title, e.title, e.kind, e.format, e.status, e.venue_name
              FROM event_sessions s JOIN events e ON e.id = s.event_id
             WHERE tstzrange(s.starts_at, s.ends_at) && tstzrange($1, $2)
             ORDER BY s.starts_at, s.id`,
      params: [new Date('2019-03-31T17:00:00Z'), new Date('2019-04-30T17:00:00Z')],
      ids: (body: { sessionId: string }[]) => body.map((x) => x.sessionId),
    },
    {
      name: 'people.list',
      what: 'people: a province subtree, first page by name',
      path: `/api/people?organizationId=${province.id}`,
      sql: `SELECT p.id, p.full_name, p.title, p.organization_id, p.is_leader, p.email, p.phone, p.created_at, p.updated_at FROM people p
             WHERE p.organization_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1)
             ORDER BY p.full_name, p.id LIMIT 50`,
      params: [`${province.path}%`],
      ids: (body: { items: { id: string }[] }) => body.items.map((x) => x.id),
    },
    {
      name: 'organizations.list',
      what: 'organizations: communes, first page by name',
      path: '/api/organizations?level=commune',
      sql: `SELECT o.id, o.code, o.name, o.short_name, o.kind, o.level, o.parent_id, o.path, o.created_at, o.updated_at FROM organizations o
             WHERE o.level = 'commune' ORDER BY o.name, o.code LIMIT 50`,
      params: [],
      ids: (body: { items: { id: string }[] }) => body.items.map((x) => x.id),
    },
  ];

  const cases = allCases.filter((c) => !process.env.BENCH_ONLY || new RegExp(process.env.BENCH_ONLY).test(c.name));
  // Same rows on both sides, and the SQL hoinghi runs for each request (captured from TypeORM's logger).
  const ds = app.get(DataSource);
  const logQuery = ds.logger.logQuery.bind(ds.logger);
  let captured: { sql: string; params: unknown[] }[] | null = null;
  ds.logger.logQuery = (sql, params, runner) => {
    captured?.push({ sql, params: (params ?? []) as unknown[] });
    return logQuery(sql, params, runner);
  };
  const plans: { name: string; sql: string; params: unknown[] }[] = [];
  const sizes: Record<string, string> = {};
  for (const c of cases) {
    captured = [];
    const res = await fetch(`${base}${c.path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { total?: number | null };
    if (res.status !== 200) throw new Error(`${c.path}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    const queries = captured.filter((q) => /\b(events|event_sessions|people|organizations)\b/.test(q.sql) && !/^\s*SELECT u\.id AS "userId"/.test(q.sql));
    captured = null;
    plans.push(...queries.map((q, i) => ({ name: `${c.name} #${i + 1}`, ...q })));
    const mine = (c.ids as (b: unknown) => string[])(body);
    const { rows } = await pool.query(c.sql, c.params);
    const theirs = rows.map((r: { id: string }) => r.id);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) throw new Error(`${c.name}: hoinghi and the baseline return different rows (${mine.length} vs ${theirs.length})`);
    const of = body.total === null ? ', more follow (no total asked for)' : body.total !== undefined ? ` of ${body.total}` : '';
    sizes[c.name] = `${mine.length} rows${of}`;
  }

  // The second reference: the least any HTTP route can do for these rows here — a bare NestJS-on-Fastify
  // route (no guard, pipe, interceptor, logger or helmet) running the baseline's SELECT on the same pool
  // and answering its rows as JSON, under the same autocannon. It shows how much of the distance to the
  // bare SELECT is HTTP itself (autocannon shares this machine's cores with the app and PostgreSQL).
  const bareHttp = await startBareApp(bareListModule(pool, cases));
  // Each case in ROUNDS rounds of the three sides back to back, so each round's ratio compares
  // measurements a few seconds apart (this machine's speed drifts by up to 2× over minutes); the
  // figures shown are each side's median round, the ratio the median of the rounds' ratios.
  const results: { c: (typeof cases)[number]; app: Figures; base: Figures; http: Figures; ratios: number[]; httpRatios: number[] }[] = [];
  for (const [i, c] of cases.entries()) {
    await cannon(`${base}${c.path}`, token, WARMUP);
    await loop(pool, c.sql, c.params, WARMUP);
    await cannon(`${bareHttp}/bare/${i}`, token, WARMUP);
    const rounds: { app: Figures; base: Figures; http: Figures }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const appFig = await metered(pool, database, () => profiled(`${c.name}.${r + 1}`, () => cannon(`${base}${c.path}`, token, DURATION)));
      const baseFig = await metered(pool, database, () => loop(pool, c.sql, c.params, DURATION));
      const httpFig = await metered(pool, database, () => cannon(`${bareHttp}/bare/${i}`, token, DURATION));
      rounds.push({ app: appFig, base: baseFig, http: httpFig });
    }
    const side = (k: 'app' | 'base' | 'http') => median(rounds.map((r) => r[k]), (f) => f.rate);
    results.push({
      c,
      app: side('app'),
      base: side('base'),
      http: side('http'),
      ratios: rounds.map((r) => r.app.rate / r.base.rate),
      httpRatios: rounds.map((r) => r.http.rate / r.base.rate),
    });
  }

  // ---- plans ------------------------------------------------------------------------------------------
  const seqScans: string[] = [];
  const planText: string[] = [];
  const client = await pool.connect();
  try {
    for (const p of plans) {
      const json = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${p.sql}`, p.params);
      const walk = (node: { 'Node Type': string; 'Relation Name'?: string; Plans?: unknown[] }) => {
        if (node['Node Type'] === 'Seq Scan' && ['events', 'event_sessions'].includes(node['Relation Name'] ?? '')) seqScans.push(`${p.name}: Seq Scan on ${node['Relation Name']}`);
        for (const child of (node.Plans ?? []) as (typeof node)[]) walk(child);
      };
      walk(json.rows[0]['QUERY PLAN'][0].Plan);
      const text = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${p.sql}`, p.params);
      planText.push(`-- ${p.name}\n${p.sql.replace(/\s+/g, ' ').trim()}\n${text.rows.map((r: { 'QUERY PLAN': string }) => `   ${r['QUERY PLAN']}`).join('\n')}`);
    }
  } finally {
    client.release();
  }
  const { rows: counts } = await pool.query('SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM event_sessions)::int AS sessions, (SELECT count(*) FROM organizations)::int AS orgs');

  console.log('query plans of the SQL hoinghi ran (EXPLAIN ANALYZE, BUFFERS):\n');
  console.log(planText.join('\n\n'));
  console.log('');
  console.log(
    `events list and calendar, people and organizations lists: ${PEOPLE} people, ${counts[0].events} events, ${counts[0].sessions} sessions, ${counts[0].orgs} organizations (set up in ${setupSeconds.toFixed(1)} s), PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}`,
  );
  console.log(`${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${ROUNDS} rounds of ${DURATION} s per side (app, baseline, bare HTTP), request logs off; baseline = the same SELECT in a loop via pg, pool of ${CONNECTIONS}`);
  for (const { c, app: a, base: b, http: h, ratios, httpRatios } of results) {
    console.log(`  ${c.what} (${sizes[c.name]}); ratio per round ${ratios.map((x) => x.toFixed(2)).join(' ')} (bare HTTP ${httpRatios.map((x) => x.toFixed(2)).join(' ')})`);
    console.log(`    hoinghi   ${`GET ${c.path.split('?')[0]}`.padEnd(24)} ${a.rate.toFixed(0).padStart(6)} req/s   p50 ${a.p50.toFixed(2).padStart(6)} ms   p99 ${a.p99.toFixed(2).padStart(6)} ms   (${a.count} requests)${cpuText(a)}`);
    console.log(`    baseline  ${'bare SELECT via pg'.padEnd(24)} ${b.rate.toFixed(0).padStart(6)} q/s     p50 ${b.p50.toFixed(2).padStart(6)} ms   p99 ${b.p99.toFixed(2).padStart(6)} ms   (${b.count} queries)${cpuText(b)}`);
    console.log(`    bare HTTP ${'Nest route, same SELECT'.padEnd(24)} ${h.rate.toFixed(0).padStart(6)} req/s   p50 ${h.p50.toFixed(2).padStart(6)} ms   p99 ${h.p99.toFixed(2).padStart(6)} ms   (${h.count} requests)${cpuText(h)}`);
  }
  console.log(seqScans.length ? `INDEX CHECK FAILED: ${seqScans.join('; ')}` : 'index check: no sequential scan of events or event_sessions in any plan');
  console.log(`  total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  for (const { c, app: a, base: b, http: h, ratios, httpRatios } of results) {
    const ratio = (xs: number[]) => Math.round(median(xs, (x) => x) * 1000) / 1000;
    console.log(`BENCH ${JSON.stringify({ name: c.name, value: round1(a.rate), unit: 'req/s', baseline: round1(b.rate), ratio: ratio(ratios), n: N })}`);
    console.log(`BENCH ${JSON.stringify({ name: `${c.name}.bare_http`, value: round1(h.rate), unit: 'req/s', baseline: round1(b.rate), ratio: ratio(httpRatios), n: N })}`);
    console.log(`BENCH ${JSON.stringify({ name: `${c.name}.p99`, value: round2(a.p99), unit: 'ms', baseline: round2(b.p99), ratio: Math.round((b.p99 / a.p99) * 1000) / 1000, n: N })}`);
  }
  return seqScans.length ? 1 : 0;
}

runBench('bench:events', main);
