/**
 * One real PostgreSQL server for the whole test run (DATABASE_URL's server, or an embedded one),
 * one migrated template database, and a fresh copy of it for each test file
 * (`CREATE DATABASE … TEMPLATE …`), so files share no rows and may run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const STATE_ENV = 'HOINGHI_TEST_DB';

export interface TestDbState {
  serverUrl: string;
  template: string;
}

export function readState(): TestDbState {
  const raw = process.env[STATE_ENV];
  if (!raw) throw new Error('test database state missing: run the tests through jest (globalSetup)');
  return JSON.parse(raw) as TestDbState;
}

export function urlFor(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withServer<T>(serverUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new database cloned from the migrated template; its name says "test" so nothing else is ever dropped. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const { serverUrl, template } = readState();
  const name = `hoinghi_test_${randomBytes(6).toString('hex')}`;
  await withServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  // TypeORM files generated-column expressions in typeorm_metadata under the database *name*;
  // a clone carries the template's name, so re-label it as a restored/renamed database would need.
  await withServer(urlFor(serverUrl, name), (c) => c.query('UPDATE typeorm_metadata SET database = current_database()'));
  return {
    name,
    url: urlFor(serverUrl, name),
    drop: () => withServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
