import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/database-runtime';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/database/embedded-postgres';
import { STATE_ENV, urlFor, withServer } from './test-database';

declare global {
  var __HOINGHI_EMBEDDED_PG__: RunningPostgres | undefined;
}

/** Starts (or connects to) PostgreSQL once, and migrates a template database for the run. */
export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres(join(__dirname, '..', '..', '.data', 'test-postgres'));
    globalThis.__HOINGHI_EMBEDDED_PG__ = pg;
    serverUrl = pg.serverUrl;
  }
  const template = `hoinghi_test_template_${randomBytes(4).toString('hex')}`;
  await withServer(serverUrl, (c) => c.query(`CREATE DATABASE ${template}`));
  await runMigrations(urlFor(serverUrl, template));
  process.env[STATE_ENV] = JSON.stringify({ serverUrl, template });
}
