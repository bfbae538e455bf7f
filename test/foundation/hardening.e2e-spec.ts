import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

/** Rules found in review: each protects against a concrete misuse or failure. */
describe('hardening', () => {
  let ctx: TestContext, admin: string, f: Factories;
  beforeAll(async () => ({ ctx, admin, f } = await startAdminApp()));
  afterAll(() => ctx.close());

  it('refuses a scoped administrator (create or change), so no admin can lift its own scope', async () => {
    const p = await f.province('Tỉnh Phạm Vi');
    const created = await ctx.http().post('/api/users').set(bearer(admin)).send({ email: 'sa@x.vn', displayName: 'SA', password: 'long-enough-pw', role: 'admin', scopeOrganizationId: p.id }).expect(400);
    expect(created.body.details).toEqual([{ field: 'scopeOrganizationId', message: 'must be empty for the admin role' }]);
    const org = await ctx.http().post('/api/users').set(bearer(admin)).send({ email: 'org@x.vn', displayName: 'O', password: 'long-enough-pw', role: 'organizer', scopeOrganizationId: p.id }).expect(201);
    await ctx.http().patch(`/api/users/${org.body.id}`).set(bearer(admin)).send({ role: 'admin' }).expect(400);
    await ctx.http().patch(`/api/users/${org.body.id}`).set(bearer(admin)).send({ role: 'admin', scopeOrganizationId: null }).expect(200);
  });

  it('lets only administrators create top-level organizations, even an unscoped organizer cannot', async () => {
    const organizer = await ctx.tokenFor('organizer', null);
    await ctx.http().post('/api/organizations').set(bearer(organizer)).send({ code: 'TOP.1', name: 'Tỉnh', kind: 'province', level: 'province' }).expect(403);
  });

  it('drops control characters such as NUL instead of failing in PostgreSQL', async () => {
    const p = await f.province('Tỉnh NUL');
    await ctx.http().get('/api/organizations').query({ q: 'a\u0000b' }).set(bearer(admin)).expect(200);
    const res = await ctx.http().post('/api/people').set(bearer(admin)).send({ fullName: 'Trần\u0000 Văn', organizationId: p.id }).expect(201);
    expect(res.body.fullName).toBe('Trần Văn');
    const csv = await ctx.http().post('/api/people/import').set(bearer(admin)).set('content-type', 'text/csv').send(Buffer.from('full_name,organization_code\nA\u0000B,X\n')).expect(400);
    expect(csv.body.details).toEqual([{ field: 'body', message: 'contains NUL bytes' }]);
  });

  it('names NOT NULL violations by field when a PATCH sends null for a required field', async () => {
    const o = await f.org();
    const res = await ctx.http().patch(`/api/organizations/${o.id}`).set(bearer(admin)).send({ name: null }).expect(400);
    expect(res.body.details).toEqual([{ field: 'name', message: 'A required value is missing' }]);
  });

  it('reports the real file line of a bad row after blank lines and multi-line fields', async () => {
    const p = await f.province('Tỉnh Dòng', 'LINES');
    expect(p.code).toBe('LINES');
    const csv = 'full_name,title,organization_code\n\nNguyễn A,"Chuyên viên\nphòng CNTT",LINES\n\nTrần B,,NOPE\n';
    const res = await ctx.http().post('/api/people/import').set(bearer(admin)).set('content-type', 'text/csv').send(csv).expect(400);
    expect(res.body.details).toEqual([{ field: 'row 6, organization_code', message: 'no organization with code NOPE' }]);
  });

  it('imports a large file whose parent row comes after thousands of its children', async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => `X${i},UBND xã ${i},commune,commune,BIGD`);
    const csv = ['code,name,kind,level,parent_code', ...rows, 'BIGD,UBND huyện Lớn,district,district,BIGP', 'BIGP,UBND tỉnh Lớn,province,province,'].join('\n');
    const res = await ctx.http().post('/api/organizations/import').set(bearer(admin)).set('content-type', 'text/csv').send(csv).expect(200);
    expect(res.body).toEqual({ created: 2102, updated: 0, unchanged: 0, dryRun: false });
    const big = await ctx.http().get('/api/organizations?q=ubnd tinh lon').set(bearer(admin)).expect(200);
    const sub = await ctx.http().get(`/api/organizations/${big.body.items[0].id}/subtree`).set(bearer(admin)).expect(200);
    expect(sub.body).toHaveLength(2102);
  });

  it('survives many concurrent moves without exhausting the pool, leaving every path consistent', async () => {
    const a = await f.province('Tỉnh Đi');
    const b = await f.province('Tỉnh Đến');
    const units = await Promise.all(Array.from({ length: 14 }, () => f.org({ parentId: a.id, kind: 'district', level: 'district' })));
    await Promise.all(units.map((u) => f.org({ parentId: u.id, kind: 'commune', level: 'commune' })));
    const moves = await Promise.all(units.map((u) => ctx.http().patch(`/api/organizations/${u.id}`).set(bearer(admin)).send({ parentId: b.id })));
    expect(moves.map((r) => r.status)).toEqual(units.map(() => 200));
    const sub = await ctx.http().get(`/api/organizations/${b.id}/subtree`).set(bearer(admin)).expect(200);
    expect(sub.body).toHaveLength(1 + 14 * 2);
    expect((await ctx.http().get('/health').expect(200)).body.status).toBe('ok');
  });
});
