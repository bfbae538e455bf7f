import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { ListPeopleQuery } from '../../src/people/dto/person.dto';
import { PeopleService } from '../../src/people/people.service';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

/**
 * A list filtered by an organization's subtree (`/api/people?organizationId=`, `/api/events?hostOrganizationId=`)
 * takes that organization's path from the paths read before, checked in the list's own statement:
 * one statement per request, and the right rows, 404 or 403 after the organization moved.
 */
describe('subtree filters with kept paths', () => {
  let ctx: TestContext, admin: string, f: Factories;
  beforeAll(async () => ({ ctx, admin, f } = await startAdminApp()));
  afterAll(() => ctx.close());

  /** The statements a request ran (TypeORM's logger and the unit of work's prepared statements both log through it). */
  const statementsOf = async (path: string, token: string, status = 200) => {
    const ds = ctx.app.get(DataSource);
    const original = ds.logger.logQuery;
    const seen: string[] = [];
    ds.logger.logQuery = (sql, params, runner) => {
      seen.push(sql);
      return original.call(ds.logger, sql, params, runner);
    };
    try {
      const res = await ctx.http().get(path).set(bearer(token)).expect(status);
      return { body: res.body, statements: seen.filter((s) => /\b(people|events|organizations)\b/.test(s)) };
    } finally {
      ds.logger.logQuery = original;
    }
  };
  const names = (body: { items: { fullName: string }[] }) => body.items.map((p) => p.fullName).sort();

  it('reads the filter organization once, then lists in one statement; after a move it lists the moved subtree, or 403 outside scope', async () => {
    const a = await f.province('Tỉnh Giữ A');
    const b = await f.province('Tỉnh Giữ B');
    const district = await f.org({ parentId: a.id, kind: 'district', level: 'district', name: 'UBND huyện Giữ' });
    const commune = await f.org({ parentId: district.id, kind: 'commune', level: 'commune', name: 'UBND xã Giữ' });
    await f.person(district.id, { fullName: 'Lê Văn Huyện' });
    await f.person(commune.id, { fullName: 'Lê Thị Xã' });
    const organizerOfA = await ctx.tokenFor('organizer', a.id);
    const path = `/api/people?organizationId=${district.id}`;

    const first = await statementsOf(path, admin);
    expect(names(first.body)).toEqual(['Lê Thị Xã', 'Lê Văn Huyện']);
    expect(first.statements.some((s) => /SELECT path FROM organizations WHERE id/.test(s))).toBe(true);
    const again = await statementsOf(path, admin);
    expect(names(again.body)).toEqual(['Lê Thị Xã', 'Lê Văn Huyện']);
    expect(again.statements).toHaveLength(1);
    expect(again.statements[0]).toMatch(/f\.path = /);
    // An organizer (whose scope is checked in the list's statement too): also one statement.
    const scoped = await statementsOf(path, organizerOfA);
    expect(names(scoped.body)).toEqual(['Lê Thị Xã', 'Lê Văn Huyện']);
    expect(scoped.statements).toHaveLength(1);
    const eventsPath = `/api/events?hostOrganizationId=${district.id}`;
    expect((await statementsOf(eventsPath, organizerOfA)).body).toMatchObject({ items: [], total: 0, hasMore: false });
    // An organizer of B, with the district's path kept: its scope is tested in the statement, and refused.
    const organizerOfB = await ctx.tokenFor('organizer', b.id);
    expect((await statementsOf(path, organizerOfB, 403)).body.statusCode).toBe(403);
    expect((await statementsOf(eventsPath, organizerOfB, 403)).body.statusCode).toBe(403);

    // Moved to province B. An organizer of A, who saw them a moment ago, asks first: the kept path
    // fails the statement's check, the list reads it again and refuses — the district lies outside A.
    await ctx.http().patch(`/api/organizations/${district.id}`).set(bearer(admin)).send({ parentId: b.id }).expect(200);
    expect((await statementsOf(path, organizerOfA, 403)).body.statusCode).toBe(403);
    expect((await statementsOf(eventsPath, organizerOfA, 403)).body.statusCode).toBe(403);
    // The administrator gets the same people, read under the district's new path.
    const moved = await statementsOf(path, admin);
    expect(names(moved.body)).toEqual(['Lê Thị Xã', 'Lê Văn Huyện']);
    expect((await statementsOf(path, admin)).statements).toHaveLength(1);
    // …and the organizer is refused still (the kept path now lies outside A: decided on a fresh read).
    expect((await statementsOf(path, organizerOfA, 403)).body.statusCode).toBe(403);
    // The events list keeps paths the same way: a filter organization with no events answers an empty page.
    const events = await statementsOf(eventsPath, admin);
    expect(events.body).toMatchObject({ items: [], total: 0, hasMore: false });
  });

  it('re-checks a kept path when the page comes back empty (the pages\' lists), and answers 404 for an unknown organization', async () => {
    const people = ctx.app.get(PeopleService);
    const list = (organizationId: string) => people.list(SYSTEM, plainToInstance(ListPeopleQuery, { organizationId }));
    const a = await f.province('Tỉnh Rỗng A');
    const b = await f.province('Tỉnh Rỗng B');
    const district = await f.org({ parentId: a.id, kind: 'district', level: 'district', name: 'UBND huyện Rỗng' });
    await f.person(district.id, { fullName: 'Trần Văn Rỗng' });
    expect((await list(district.id)).items.map((p) => p.fullName)).toEqual(['Trần Văn Rỗng']);
    // Moved: the kept path matches no row, so the statement returns none and its check has no row to tell.
    await ctx.http().patch(`/api/organizations/${district.id}`).set(bearer(admin)).send({ parentId: b.id }).expect(200);
    expect((await list(district.id)).items.map((p) => p.fullName)).toEqual(['Trần Văn Rỗng']);
    await statementsOf('/api/people?organizationId=00000000-0000-4000-8000-000000000000', admin, 404);
  });
});
