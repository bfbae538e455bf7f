import { DataSource } from 'typeorm';
import { bearer, type TestContext } from '../support/app';
import { startAdminApp, type Factories } from '../support/factories';

/** Date ranges as overlaps, the calendar across month ends, and that both are answered from indexes. */
describe('event queries: date ranges, calendar, query plans', () => {
  let ctx: TestContext, admin: string, f: Factories;
  let host: string;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    host = (await f.province('UBND tỉnh Hà Giang')).id;
  });
  afterAll(() => ctx.close());

  let n = 0;
  const create = async (sessions: { startsAt: string; endsAt: string }[]) =>
    (await ctx.http().post('/api/events').set(bearer(admin)).send({ kind: 'conference', title: `Hội nghị ${++n}`, format: 'online', hostOrganizationId: host, sessions }).expect(201)).body.id as string;
  const listed = async (query: string) => (await ctx.http().get(`/api/events?hostOrganizationId=${host}&limit=200&${query}`).set(bearer(admin)).expect(200)).body.items.map((e: { id: string }) => e.id);
  const calendar = async (month: string) => (await ctx.http().get(`/api/events/calendar?month=${month}`).set(bearer(admin)).expect(200)).body.map((c: { eventId: string }) => c.eventId);

  describe('date ranges', () => {
    let spanning: string, acrossMidnight: string, before: string, after: string;
    beforeAll(async () => {
      // A two-day training that starts before the range and ends after it.
      spanning = await create([
        { startsAt: '2015-03-31T07:30', endsAt: '2015-03-31T17:00' },
        { startsAt: '2015-04-02T07:30', endsAt: '2015-04-02T17:00' },
      ]);
      // 31/03 22:00 → 01/04 01:00 Hà Nội time: in March and in April.
      acrossMidnight = await create([{ startsAt: '2015-03-31T22:00', endsAt: '2015-04-01T01:00' }]);
      before = await create([{ startsAt: '2015-03-31T08:00', endsAt: '2015-03-31T11:00' }]);
      after = await create([{ startsAt: '2015-04-02T00:00', endsAt: '2015-04-02T02:00' }]);
    });

    it('lists every event that overlaps the local days, including one that spans them', async () => {
      const day = await listed('from=2015-04-01&to=2015-04-01');
      expect(day.sort()).toEqual([spanning, acrossMidnight].sort());
      expect(await listed('from=2015-04-02')).toEqual(expect.arrayContaining([spanning, after]));
      expect(await listed('from=2015-04-02')).not.toContain(before);
      expect((await listed('to=2015-03-31')).sort()).toEqual([spanning, acrossMidnight, before].sort());
    });

    it('puts a session that crosses Hà Nội midnight at the month end in both months', async () => {
      expect(await calendar('2015-03')).toEqual(expect.arrayContaining([acrossMidnight, before, spanning]));
      expect(await calendar('2015-04')).toEqual(expect.arrayContaining([acrossMidnight, after, spanning]));
      expect(await calendar('2015-04')).not.toContain(before);
    });

    it('refuses a range that ends before it starts with 400 naming the field', async () => {
      const res = await ctx.http().get('/api/events?from=2015-05-01&to=2015-04-30').set(bearer(admin)).expect(400);
      expect(res.body.details).toEqual([{ field: 'to', message: 'must be on or after from' }]);
      await ctx.http().get('/api/events?from=2015-04-30&to=2015-04-30').set(bearer(admin)).expect(200);
    });
  });

  describe('query plans', () => {
    /** The SQL the app runs for a request, captured from TypeORM's logger. */
    const sqlOf = async (path: string) => {
      const ds = ctx.app.get(DataSource);
      const original = ds.logger.logQuery;
      const seen: { sql: string; params: unknown[] }[] = [];
      ds.logger.logQuery = (sql, params, runner) => {
        seen.push({ sql, params: (params ?? []) as unknown[] });
        return original.call(ds.logger, sql, params, runner);
      };
      try {
        await ctx.http().get(path).set(bearer(admin)).expect(200);
      } finally {
        ds.logger.logQuery = original;
      }
      return seen.filter((q) => /\b(events|event_sessions)\b/.test(q.sql));
    };
    const plan = async (q: { sql: string; params: unknown[] }) => {
      const rows: { 'QUERY PLAN': string }[] = await ctx.app.get(DataSource).query(`EXPLAIN ${q.sql}`, q.params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };

    beforeAll(async () => {
      // 6,000 events over 2008–2027, each with a session: enough rows for the planner to prefer an index.
      const ds = ctx.app.get(DataSource);
      await ds.query(
        `WITH e AS (
           INSERT INTO events (kind, title, format, host_organization_id, status, ical_uid, starts_at, ends_at)
           SELECT CASE WHEN g % 5 = 0 THEN 'training_class' ELSE 'conference' END, 'Hội nghị số ' || g, 'online', $1,
                  CASE WHEN g % 10 = 0 THEN 'cancelled' ELSE 'completed' END, 'bulk-' || g || '@hoinghi', t, t + interval '3 hours'
             FROM generate_series(1, 6000) g, LATERAL (SELECT timestamptz '2008-01-01 01:00Z' + g * interval '29 hours' AS t) x
           RETURNING id, starts_at, ends_at)
         INSERT INTO event_sessions (event_id, starts_at, ends_at) SELECT id, starts_at, ends_at FROM e`,
        [host],
      );
      await ds.query('ANALYZE events');
      await ds.query('ANALYZE event_sessions');
    });

    it('answers the filtered list (date range, kind, status, host subtree) from the time-range index', async () => {
      const path = `/api/events?from=2015-01-01&to=2015-12-31&kind=conference&status=completed&hostOrganizationId=${host}`;
      const queries = await sqlOf(`${path}&total=true`);
      expect(queries).toHaveLength(1); // one statement: the page with its count as a scalar subquery
      const text = await plan(queries[0]);
      expect(text.match(/events_time_range_idx/g)?.length).toBeGreaterThanOrEqual(2); // the page and the count each use it
      expect(text).not.toMatch(/Seq Scan on events/);
      // Not asked for, the total is not counted: the index is read once, for the page.
      const [uncounted] = await sqlOf(path);
      expect(uncounted.sql).not.toMatch(/AS total/);
      const once = await plan(uncounted);
      expect(once.match(/events_time_range_idx/g)).toHaveLength(1);
      expect(once).not.toMatch(/Seq Scan on events/);
    });

    it('answers the calendar of a month from the sessions time-range index', async () => {
      const [q] = await sqlOf('/api/events/calendar?month=2015-04');
      const text = await plan(q);
      expect(text).toContain('event_sessions_time_range_idx');
      expect(text).not.toMatch(/Seq Scan on (events|event_sessions)/);
    });
  });
});
