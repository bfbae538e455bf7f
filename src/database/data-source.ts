import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';
import { ENTITIES } from './entities';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** Every migration class in `migrations/`, in file-name (timestamp) order; works from src (ts) and dist (js). */
export function loadMigrations(): Function[] {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+-.+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  return files.flatMap((f) => Object.values(require(join(MIGRATIONS_DIR, f)) as Record<string, Function>));
}

/**
 * Settings of every session hoinghi opens: UTC and ISO dates, so that a `timestamptz`'s text is the
 * same whatever the server was initialised with (the lists' views cut it instead of parsing it, see
 * `isoField`; a session set otherwise is still read right, through node-pg's parser, only slower).
 * Local dates are always written with an explicit zone (`AT TIME ZONE 'Asia/Ho_Chi_Minh'`). Sent as
 * the `options` startup parameter, which a connection pooler in front of PostgreSQL must pass on (or
 * set the role's `TimeZone` to UTC there).
 */
export const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO,MDY';

/** The single definition of how hoinghi talks to PostgreSQL: used by the app, the CLI, the migration tools and tests. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: loadMigrations(),
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10, application_name: 'hoinghi', options: SESSION_OPTIONS },
    ...overrides,
  } as DataSourceOptions;
}

/**
 * Pool settings of the running app (not of migrations, which may take longer): each statement is
 * cancelled by PostgreSQL after `statementTimeoutMs` (the filter answers 503), and a connection that
 * cannot be opened within 5 s fails instead of queueing requests behind a server that does not answer.
 */
export function appPoolOptions(statementTimeoutMs: number): Record<string, unknown> {
  return { max: 10, application_name: 'hoinghi', options: SESSION_OPTIONS, connectionTimeoutMillis: 5_000, ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}) };
}

export function createDataSource(url: string, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(url, overrides));
}
