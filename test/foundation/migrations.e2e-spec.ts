import { Client } from 'pg';
import { dataSourceOptions } from '../../src/database/data-source';
import { schemaDiff } from '../../src/database/schema-diff';
import { createTestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('leave nothing for TypeORM to change: the entities and the migrations agree', async () => {
    const diff = await schemaDiff(db.url);
    expect(diff.up.map((s) => s.query)).toEqual([]);
  });

  it('would notice a drift (the check can fail)', async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    await c.query('ALTER TABLE people ALTER COLUMN phone TYPE varchar(20)');
    await c.end();
    const diff = await schemaDiff(db.url);
    expect(diff.up.length).toBeGreaterThan(0);
    expect(diff.up.some((s) => s.query.includes('"phone"'))).toBe(true);
  });

  it('never synchronizes: the data source is built with synchronize off', async () => {
    expect(dataSourceOptions(db.url).synchronize).toBe(false);
  });
});
