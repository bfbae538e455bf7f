import { readState, withServer } from './test-database';

export default async function globalTeardown() {
  const { serverUrl, template } = readState();
  await withServer(serverUrl, async (c) => {
    // Drop the template and any per-file database a crashed worker left behind in this run.
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  });
  await globalThis.__HOINGHI_EMBEDDED_PG__?.stop();
}
