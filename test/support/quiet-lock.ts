import { Client } from 'pg';
import { readState, urlFor } from './test-database';

/**
 * Spec files that measure this process's own event loop (the bounded-cost spec: the main thread's longest
 * CPU stretch during a hostile import, bound 50 ms) need the cores to themselves. With jest's two workers,
 * a browser journey in the other worker made those stretches 60–140 ms on this 2-core machine kind — a
 * measurement of the neighbour, not of hoinghi. So every e2e file holds a shared PostgreSQL advisory lock
 * while it runs and a file listed here takes it exclusively: it waits for the file beside it to end, and
 * the next file waits for it (PostgreSQL queues a shared request behind a waiting exclusive one). Unit
 * specs take no lock.
 */
const RUNS_ALONE = [/\/test\/foundation\/bounded-cost\.e2e-spec\.ts$/];
/** Any constant; advisory locks are per database, so every file locks in the server's `postgres` database. */
const LOCK_KEY = 0x686f696e;
const WAIT_MS = 15 * 60_000;

const testPath = expect.getState().testPath ?? '';
if (testPath.endsWith('.e2e-spec.ts')) {
  const alone = RUNS_ALONE.some((p) => p.test(testPath.replace(/\\/g, '/')));
  let client: Client | null = null;
  beforeAll(async () => {
    client = new Client({ connectionString: urlFor(readState().serverUrl, 'postgres') });
    // A lost connection only ends the lock (a spec that restarts the server): nothing to report.
    client.on('error', () => undefined);
    await client.connect();
    await client.query(alone ? 'SELECT pg_advisory_lock($1)' : 'SELECT pg_advisory_lock_shared($1)', [LOCK_KEY]);
  }, WAIT_MS);
  afterAll(async () => {
    await client?.end();
  });
}
