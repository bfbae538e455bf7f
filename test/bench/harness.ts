import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/database-runtime';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { urlFor, withServer } from '../support/test-database';

/**
 * What every benchmark needs around its measurement: a fresh database, a temporary directory, a
 * seeded PRNG, and undo steps (databases, child processes, Redis keys, temp dirs), run once at the
 * end or on Ctrl-C, newest first, each bounded in time so one that hangs cannot keep the rest.
 */
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
let stepMs = 5_000;

/** How long one undo step may take (default 5 s). */
export function cleanupStepTimeout(ms: number) {
  stepMs = ms;
}

/** Registers an undo step; if cleanup already ran (Ctrl-C during setup), undoes at once. */
export function onCleanup(fn: () => Promise<void>) {
  if (cleaning) void withTimeout(fn(), stepMs).catch(() => {});
  else cleanups.push(fn);
}

/** Runs every registered cleanup once, newest first, even if one fails or hangs. */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        // A step may hang (e.g. app.close() while Nest's own shutdown hook is closing it on Ctrl-C): don't let it block the rest.
        await withTimeout(fn(), stepMs);
      } catch (e) {
        console.error('cleanup failed:', e instanceof Error ? e.message : e);
      }
    }
  })();
  return cleaning;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what = 'step'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * A fresh database on DATABASE_URL's server (or on an embedded PostgreSQL in .data/bench-postgres),
 * migrated, and dropped at cleanup.
 */
export async function freshDatabase(): Promise<{ serverUrl: string; databaseUrl: string }> {
  let serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    serverUrl = urlFor(serverUrl, 'postgres');
  } else {
    const pg = await startEmbeddedPostgres(join(__dirname, '..', '..', '.data', 'bench-postgres'));
    onCleanup(() => pg.stop());
    serverUrl = pg.serverUrl;
  }
  const server = serverUrl;
  const name = `hoinghi_bench_${randomBytes(6).toString('hex')}`;
  await withServer(server, (c) => c.query(`CREATE DATABASE ${name}`));
  // BENCH_KEEP=1 keeps the database (its name is printed) for EXPLAIN or pgbench after the run.
  if (process.env.BENCH_KEEP === '1') console.log(`database kept: ${name}`);
  else onCleanup(() => withServer(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined));
  const databaseUrl = urlFor(server, name);
  await runMigrations(databaseUrl);
  return { serverUrl: server, databaseUrl };
}

/** A temporary directory removed at cleanup. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoinghi-bench-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a benchmark's main: cleans up on success, failure, Ctrl-C or SIGTERM, and exits with main's code (0 by default). */
export function runBench(name: string, main: () => Promise<number | void>): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      void cleanup().finally(() => process.exit(code));
    });
  }
  main()
    .then(
      (code) => cleanup().then(() => code ?? 0),
      async (e: unknown) => {
        console.error(`${name} failed:`, e instanceof Error ? (e.stack ?? e.message) : e);
        await cleanup();
        return 1;
      },
    )
    .then((code) => process.exit(code));
}

/** mulberry32: a small seeded PRNG, so every run benchmarks the same rows. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The middle item by `key` (of an even count, the lower middle). */
export function median<T>(xs: T[], key: (x: T) => number): T {
  return [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)];
}

/** Figures as BENCH lines print them. */
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Runs `fn` under V8's CPU profiler when BENCH_PROFILE names a directory (one .cpuprofile per call,
 * named after `label`; open it in Chrome DevTools), and plainly otherwise. Only this thread is profiled,
 * so autocannon's worker and the baseline loops stay out of the app's profile.
 */
export async function profiled<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${label.replace(/[^\w.-]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
