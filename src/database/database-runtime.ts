import { join } from 'node:path';
import { Client } from 'pg';
import type { AppConfig } from '../config/env';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createDataSource } from './data-source';

export interface DatabaseRuntime {
  url: string;
  mode: 'embedded' | 'external';
  /** A short description for the startup line (no password). */
  describe: string;
  stop(): Promise<void>;
}

/**
 * The one place that decides which PostgreSQL hoinghi uses: `DATABASE_URL` when set,
 * otherwise a real PostgreSQL embedded from the `embedded-postgres` package in `DATA_DIR/postgres`.
 */
export async function startDatabase(
  config: AppConfig,
  log: (line: string) => void = () => {},
  onGiveUp?: (reason: string) => void,
): Promise<DatabaseRuntime> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, mode: 'external', describe: `PostgreSQL ${redact(config.databaseUrl)}`, stop: async () => {} };
  }
  const dir = join(config.dataDir, 'postgres');
  const server = await startEmbeddedPostgres(dir, log, onGiveUp);
  const url = await ensureDatabase(server.serverUrl, 'hoinghi');
  const opened = server.opened.length ? `; made ${server.opened.join(', ')} searchable for the postgres user` : '';
  return { url, mode: 'embedded', describe: `embedded PostgreSQL (${dir}, ${redact(url)}${opened})`, stop: server.stop };
}

/** Creates database `name` on the server if missing and returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Key of the advisory lock that serialises migration runs ("hoin" in ASCII). */
const MIGRATION_LOCK = 0x686f696e;

/**
 * Applies pending migrations; returns the names applied. Several API or worker processes starting
 * together take turns under a PostgreSQL advisory lock; the later ones find nothing left to do.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ds = createDataSource(url, { logging: false });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
