import { plainToInstance } from 'class-transformer';
import { types } from 'pg';
import { DataSource, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { isoField, localIsoField, rowView } from '../../src/common/pagination/page';
import { toLocalIso } from '../../src/common/time/time';
import { UnitOfWork } from '../../src/common/unit-of-work/unit-of-work';
import { ListEventsQuery } from '../../src/events/dto/event.dto';
import { EventsService } from '../../src/events/events.service';
import { ListOrganizationsQuery } from '../../src/organizations/dto/organization.dto';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { ListPeopleQuery } from '../../src/people/dto/person.dto';
import { PeopleService } from '../../src/people/people.service';
import { bearer, type TestContext } from '../support/app';
import { startAdminApp, type Factories } from '../support/factories';

/**
 * The API's lists answer JSON of the views PostgreSQL selects (`pageJsonOf`, `arrayJsonOf`); the pages and
 * other modules read the same lists as objects (`pageOf` and the services' views). These hold the
 * two to the same JSON, field by field, on data that exercises every field (nulls, periods of every
 * kind, timestamps with microseconds, Vietnamese text, paging past the end, searches without a total).
 */
describe('lists answered as JSON of the views PostgreSQL selects equal the services’ views', () => {
  let ctx: TestContext, admin: string, f: Factories;
  let province: string;
  const asJson = (x: unknown) => JSON.parse(JSON.stringify(x));
  const get = async (path: string) => {
    const res = await ctx.http().get(path).set(bearer(admin)).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.body;
  };

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    province = (await f.province('UBND tỉnh Hà Giang, "Quý I"; \\ thử')).id;
    const district = await f.org({ name: 'UBND huyện Đồng Văn', kind: 'district', level: 'district', parentId: province });
    await f.person(province, { fullName: 'Đặng Xuân Thanh', title: 'Phó Giám đốc', isLeader: true, phone: '0912 345 678' });
    await f.person(province, { fullName: 'Nguyễn Thị Hoà' });
    await f.person(district.id, { fullName: 'Lò Văn Sùng', title: null } as never);
    const periods = [
      { year: 2015, quarter: 1 },
      { year: 2015, fromMonth: 1, toMonth: 6 },
      { year: 2015, fromMonth: 5, toMonth: 5 },
      { year: 2015, fromMonth: 4, toMonth: 9 },
      { year: 2015 },
      null,
    ];
    for (const [i, period] of periods.entries()) {
      await ctx
        .http()
        .post('/api/events')
        .set(bearer(admin))
        .send({
          kind: i % 2 ? 'conference' : 'training_class',
          title: `Hội nghị sơ kết chữ ký số ${i}`,
          format: i % 3 ? 'online' : 'in_person',
          hostOrganizationId: province,
          ...(i % 3 ? {} : { venueName: 'Hội trường UBND tỉnh', venueAddress: 'Số 1, đường Nguyễn Trãi' }),
          ...(period ? { period } : {}),
          sessions: [
            { startsAt: `2015-04-${10 + i}T14:00`, endsAt: `2015-04-${10 + i}T17:30`, title: 'Buổi chiều' },
            ...(i === 0 ? [{ startsAt: '2015-04-30T22:30', endsAt: '2015-05-01T01:00' }] : []),
          ],
        })
        .expect(201);
    }
  });
  afterAll(() => ctx.close());

  it('organizations: every page shape (first, middle, past the end, a search with and without its total)', async () => {
    const orgs = ctx.app.get(OrganizationsService);
    for (const q of ['', 'limit=1', 'limit=1&offset=1', 'offset=50', 'q=ha giang', 'q=huyen&limit=1', 'q=huyen&limit=1&total=true', 'q=khong co']) {
      const query = plainToInstance(ListOrganizationsQuery, Object.fromEntries(new URLSearchParams(q)));
      expect(await get(`/api/organizations?${q}`)).toEqual(asJson(await orgs.list(SYSTEM, query)));
    }
  });

  it('people', async () => {
    const people = ctx.app.get(PeopleService);
    for (const q of ['', `organizationId=${province}`, 'limit=2', 'limit=2&offset=2', 'isLeader=true', 'q=hoa', 'q=van&limit=1']) {
      const query = plainToInstance(ListPeopleQuery, Object.fromEntries(new URLSearchParams(q)));
      expect(await get(`/api/people?${q}`)).toEqual(asJson(await people.list(SYSTEM, query)));
    }
  });

  it('events: the list with periods of every kind, local times, filters and search', async () => {
    const events = ctx.app.get(EventsService);
    const page = await get('/api/events?limit=200');
    expect(page.items.map((e: { period: { label: string } | null }) => e.period?.label ?? null)).toEqual(
      expect.arrayContaining(['Quý I/2015', '6 tháng 2015', 'Tháng 5/2015', 'Tháng 4–9/2015', 'Năm 2015', null]),
    );
    for (const q of ['limit=200', 'limit=2&offset=1', `hostOrganizationId=${province}&kind=conference`, 'from=2015-04-11&to=2015-04-12', 'q=chu ky so&limit=2', 'q=chu ky so&total=true', 'offset=99']) {
      const query = plainToInstance(ListEventsQuery, Object.fromEntries(new URLSearchParams(q)));
      expect(await get(`/api/events?${q}`)).toEqual(asJson(await events.list(SYSTEM, query)));
    }
  });

  it('events: the calendar of a month, a session across local midnight included, and an empty month', async () => {
    const events = ctx.app.get(EventsService);
    for (const month of ['2015-04', '2015-05', '2016-01']) {
      expect(await get(`/api/events/calendar?month=${month}`)).toEqual(asJson(await events.calendar(SYSTEM, month)));
    }
    expect(await get('/api/events/calendar?month=2015-05')).toHaveLength(1);
  });

  it('a timestamp’s text from PostgreSQL finishes as Date#toJSON and toLocalIso write the instant node-pg parses', async () => {
    // Every width of the fraction (none to microseconds), the ends of a millisecond, local midnight, a year's end, leap days,
    // and the hours where seven more turn to two digits and past midnight.
    const instants = [
      '2015-04-10 07:00:00+00', '2015-04-10 07:00:00.5+00', '2015-04-10 07:00:00.05+00', '2015-04-10 07:00:00.123+00', '2015-04-10 07:00:00.1234+00',
      '2015-04-10 07:00:00.12345+00', '2015-04-10 07:00:00.999999+00', '2015-04-10 07:00:00.000001+00', '2015-04-30 16:59:59.999+00',
      '2015-04-30 17:00:00+00', '2026-12-31 23:59:59.9995+00', '1999-12-31 16:30:00.070001+00', '2016-02-28 17:30:00+00', '2015-02-28 18:00:00+00',
      '2015-04-10 16:59:59.999+00', '2015-04-10 02:59:59+00', '2015-04-10 03:00:00+00',
    ];
    const view = rowView([isoField('iso', 't'), localIsoField('local', 'iso'), 't AS "text"']);
    const uow = ctx.app.get(UnitOfWork);
    const parse = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date;
    const sql = `SELECT ${view.select} FROM unnest($1::timestamptz[]) WITH ORDINALITY AS v(t, i) ORDER BY i`;
    const check = (rows: Record<string, unknown>[], zone: string) => {
      expect(rows).toHaveLength(instants.length);
      for (const row of rows) {
        // What an entity's column would hold: node-pg's own parse of the same text.
        const parsed = parse(row.text as string);
        view.finish(row);
        expect({ zone, iso: row.iso, local: row.local }).toEqual({ zone, iso: parsed.toJSON(), local: toLocalIso(parsed) });
      }
    };
    // The pool's sessions are in UTC, where the text is cut; in a session set to another zone (in a unit of work, on its
    // transaction's connection) the text carries that offset and is parsed.
    expect((await ctx.app.get(DataSource).query('SHOW TimeZone'))[0].TimeZone).toBe('UTC');
    expect((await ctx.app.get(DataSource).query('SHOW DateStyle'))[0].DateStyle).toBe('ISO, MDY');
    check(await uow.textRows(sql, [instants]), 'UTC');
    check(await uow.preparedTextRows(sql, [instants]), 'UTC');
    for (const zone of ['Asia/Ho_Chi_Minh', 'America/St_Johns', 'Asia/Kathmandu']) {
      const rows = await uow.run(async () => {
        await uow.manager.query(`SET LOCAL TIME ZONE '${zone}'`);
        return uow.textRows(sql, [instants]);
      });
      expect(String(rows[0].text)).not.toMatch(/\+00$/);
      check(rows, zone);
    }
  });

  it('a timestamp of infinity finishes as JSON.stringify writes what node-pg reads (null), not a 500', async () => {
    const view = rowView([isoField('iso', 't'), localIsoField('local', 'iso')]);
    const rows = await ctx.app.get(UnitOfWork).textRows(`SELECT ${view.select} FROM (VALUES ('infinity'::timestamptz), ('-infinity')) AS v(t)`, []);
    for (const row of rows) view.finish(row);
    expect(JSON.stringify(rows)).toBe('[{"iso":null,"local":null},{"iso":null,"local":null}]');
  });

  it('a read on a unit’s connection after the unit ended is refused, not sent on a connection lent to another request', async () => {
    const uow = ctx.app.get(UnitOfWork);
    let late: Promise<unknown> | undefined;
    await uow.run(async () => {
      // (A task started in the unit keeps its context past the commit.)
      late = new Promise((resolve) => setTimeout(resolve, 50)).then(() => uow.textRows('SELECT 1 AS one', []));
    });
    await expect(late).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
    expect(await uow.textRows('SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
  });

  it('a view refuses a local time derived from a field it has not finished yet', () => {
    expect(() => rowView([localIsoField('local', 'iso'), isoField('iso', 't')])).toThrow(/local derives from iso/);
  });
});
