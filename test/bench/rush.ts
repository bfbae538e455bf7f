/**
 * What the "morning rush" benches share (bench:rsvp, bench:checkin): N people each POSTing once at
 * a fixed concurrency, a bare NestJS-on-Fastify baseline app, the figure lines, and a capture of the
 * SQL statements one request runs (TypeORM's logger and the driver's pool, prepared statements included).
 */
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/env';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { autocannon } from './cannon';
import { freshDatabase, onCleanup, profiled, tempDir } from './harness';
import { generatePeople } from './people-data';
import { cpuMeter } from './proc-stats';

export interface Figures {
  rate: number;
  p50: number;
  p99: number;
  count: number;
  seconds: number;
  /** CPU per request (µs): this process (app or baseline app, and autocannon) and PostgreSQL's backends (see cpuMeter). */
  cpu?: { node: number; pg: number };
}

/** Each item POSTed once (JSON), `connections` at a time; throws on any error or non-2xx. */
export async function postEach(base: string, items: { path: string; body: () => string }[], connections: number): Promise<Figures> {
  let i = 0;
  const start = performance.now();
  const r = await autocannon({
    url: base,
    connections,
    amount: items.length,
    timeout: 30,
    // autocannon notices that the last response came only at its next sample tick (1 s by default),
    // which rounded every rush up to whole seconds (2,000 answers "in 3.0 s" or "in 2.0 s"): tick often.
    sampleInt: 5,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const it = items[i++ % items.length];
          return { ...req, path: it.path, body: it.body() };
        },
      },
    ],
  });
  const seconds = (performance.now() - start) / 1000;
  if (r.errors || r.timeouts || r.non2xx) throw new Error(`autocannon ${base}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx ${JSON.stringify(r.statusCodeStats ?? {})}`);
  return { rate: r.requests.total / seconds, p50: r.latency.p50, p99: r.latency.p99, count: r.requests.total, seconds };
}

/** A bare NestJS 12 app on Fastify with this module (no guard, no pipe, no logger), listening on a free port; closed at cleanup. */
export async function startBareApp(module: new () => unknown): Promise<string> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  onCleanup(() => app.close());
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/** Warm-up on rows not measured, then the measured ones: the baseline first, then hoinghi. */
export async function baselineThenApp<T>(
  fire: (base: string, items: T[]) => Promise<Figures>,
  n: number,
  bare: { base: string; items: T[] },
  app: { base: string; items: T[] },
  name = 'rush',
  db?: { pool: Pool; databaseUrl: string },
) {
  const measured = async (label: string, run: () => Promise<Figures>): Promise<Figures> => {
    const meter = db && (await cpuMeter(db.pool, new URL(db.databaseUrl).pathname.slice(1)));
    const f = await profiled(label, run);
    if (!meter) return f;
    const { nodeMs, pgMs } = await meter.stop();
    return { ...f, cpu: { node: (nodeMs * 1000) / f.count, pg: (pgMs * 1000) / f.count } };
  };
  await fire(bare.base, bare.items.slice(n));
  const baseFig = await measured(`${name}.baseline`, () => fire(bare.base, bare.items.slice(0, n)));
  await fire(app.base, app.items.slice(n));
  const appFig = await measured(`${name}.hoinghi`, () => fire(app.base, app.items.slice(0, n)));
  return { baseFig, appFig };
}

/** `hoinghi   POST /api/… 412 answers/s  p50 … p99 … (2000 in 4.9 s)` */
export function figureLine(label: string, route: string, f: Figures, unit: string, extra = ''): string {
  const cpu = f.cpu ? `   cpu/req node ${f.cpu.node.toFixed(0)} µs + pg ${f.cpu.pg.toFixed(0)} µs` : '';
  return `  ${label.padEnd(9)} ${route}   ${f.rate.toFixed(0).padStart(6)} ${unit}   p50 ${f.p50.toFixed(1).padStart(7)} ms   p99 ${f.p99.toFixed(1).padStart(7)} ms   (${f.count} in ${f.seconds.toFixed(1)} s${extra})${cpu}`;
}

export interface CapturedStatement {
  sql: string;
  params: unknown[];
  /** The name of a prepared statement sent straight to the driver's pool. */
  prepared?: string;
}

/** Records the statements run between `start()` and `stop()`: TypeORM's logger, and named statements sent to the driver's pool. */
export function captureStatements(ds: DataSource) {
  let captured: CapturedStatement[] = [];
  let on = false;
  const logQuery = ds.logger.logQuery.bind(ds.logger);
  ds.logger.logQuery = (sql, params, runner) => {
    if (on) captured.push({ sql, params: (params ?? []) as unknown[] });
    return logQuery(sql, params, runner);
  };
  const master = (ds.driver as unknown as { master: { query: (...a: unknown[]) => unknown } }).master;
  const poolQuery = master.query.bind(master);
  master.query = (...a: unknown[]) => {
    const q = a[0] as string | { name?: string; text: string; values?: unknown[] };
    if (on && typeof q === 'object') captured.push({ sql: q.text, params: q.values ?? [], prepared: q.name });
    return poolQuery(...a);
  };
  return {
    start() {
      captured = [];
      on = true;
    },
    stop(): CapturedStatement[] {
      on = false;
      return captured;
    },
    restore() {
      ds.logger.logQuery = logQuery;
      master.query = poolQuery;
    },
  };
}

/** A statement on one line, cut at 160 characters, for the bench's report. */
export function showStatement(q: CapturedStatement): string {
  const one = `${q.prepared ? `[prepared ${q.prepared}] ` : ''}${q.sql.replace(/\s+/g, ' ').trim()}`;
  return `    ${one.length > 160 ? `${one.slice(0, 157)}...` : one}`;
}

/**
 * hoinghi on a fresh database, listening on a free port, with a `pg` pool of 10 for setup and checks
 * (both closed at cleanup). The per-address limit on public POSTs is off: every request of the rush
 * comes from autocannon's one address. `env` adds settings (e.g. REDIS_URL).
 */
export async function startRushApp(env: Record<string, string>): Promise<{ app: NestFastifyApplication; base: string; pool: Pool; databaseUrl: string }> {
  const { databaseUrl } = await freshDatabase();
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(20).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', PUBLIC_RATE_LIMIT: 'off', ...env });
  const app: NestFastifyApplication = await createApp({ config, databaseUrl });
  onCleanup(() => app.close());
  await app.listen(0, '127.0.0.1');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', () => {}); // a dropped connection at cleanup (DROP … FORCE) must not crash the process
  onCleanup(() => pool.end());
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, pool, databaseUrl };
}

/** `n` generated officials of one organization, inserted in one statement; their ids in order. */
export async function insertPeople(pool: Pool, organizationId: string, n: number, tag: string): Promise<{ id: string }[]> {
  const generated = generatePeople(n, tag);
  const { rows } = await pool.query(
    `INSERT INTO people (full_name, title, organization_id, email, phone, is_leader)
     SELECT f, t, $3, e, NULL, false FROM unnest($1::text[], $2::text[], $4::text[]) WITH ORDINALITY AS v(f, t, e, i) ORDER BY i RETURNING id`,
    [generated.map((p) => p.fullName), generated.map((p) => p.title), organizationId, generated.map((p) => p.email)],
  );
  return rows as { id: string }[];
}
