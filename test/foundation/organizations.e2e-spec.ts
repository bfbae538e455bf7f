import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

describe('organizations', () => {
  let ctx: TestContext, admin: string, f: Factories;
  beforeAll(async () => ({ ctx, admin, f } = await startAdminApp()));
  afterAll(() => ctx.close());

  const api = () => ({
    get: (path: string) => ctx.http().get(path).set(bearer(admin)),
    post: (path: string, body: object) => ctx.http().post(path).set(bearer(admin)).send(body),
    patch: (path: string, body: object) => ctx.http().patch(path).set(bearer(admin)).send(body),
    delete: (path: string) => ctx.http().delete(path).set(bearer(admin)),
  });

  it('creates an organization with headcounts per year and returns it with its depth', async () => {
    const hg = await f.province('UBND tỉnh Hà Giang', '02');
    const res = await api()
      .post('/api/organizations', {
        code: '02.STTTT',
        name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang',
        shortName: 'Sở TT&TT Hà Giang',
        kind: 'department',
        level: 'province',
        parentId: hg.id,
        headcounts: [{ year: 2015, officials: 52 }, { year: 2014, officials: 49 }],
      })
      .expect(201);
    expect(res.body).toMatchObject({ code: '02.STTTT', parentId: hg.id, depth: 1, headcounts: [{ year: 2014, officials: 49 }, { year: 2015, officials: 52 }] });
    const updated = await api().patch(`/api/organizations/${res.body.id}`, { headcounts: [{ year: 2015, officials: 55 }, { year: 2016, officials: 56 }] }).expect(200);
    expect(updated.body.headcounts).toEqual([{ year: 2014, officials: 49 }, { year: 2015, officials: 55 }, { year: 2016, officials: 56 }]);
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    await f.org({ code: 'DUP.1' });
    const res = await api().post('/api/organizations', { code: 'DUP.1', name: 'Trùng', kind: 'other', level: 'province' }).expect(409);
    expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'organizations.code_taken', message: 'An organization with this code already exists', details: [{ field: 'code', message: 'An organization with this code already exists' }] });
  });

  it('filters by kind, level and parent', async () => {
    const p = await f.province('Tỉnh Lọc');
    const d1 = await f.org({ parentId: p.id, kind: 'district', level: 'district', name: 'UBND huyện Một' });
    await f.org({ parentId: p.id, kind: 'department', level: 'province', name: 'Sở Hai' });
    await f.org({ parentId: d1.id, kind: 'commune', level: 'commune', name: 'UBND xã Ba' });
    const children = await api().get(`/api/organizations?parentId=${p.id}`).expect(200);
    expect(children.body.items.map((o: { name: string }) => o.name)).toEqual(['Sở Hai', 'UBND huyện Một']);
    const districts = await api().get(`/api/organizations?parentId=${p.id}&kind=district`).expect(200);
    expect(districts.body.total).toBe(1);
    const communes = await api().get('/api/organizations?level=commune&q=xa ba').expect(200);
    expect(communes.body.items.map((o: { name: string }) => o.name)).toEqual(['UBND xã Ba']);
  });

  it('returns a subtree parents-first and the ancestors root-first', async () => {
    const p = await f.province('Tỉnh Cây');
    const d = await f.org({ parentId: p.id, kind: 'district', level: 'district', name: 'UBND huyện Cây' });
    const c = await f.org({ parentId: d.id, kind: 'commune', level: 'commune', name: 'UBND xã Lá' });
    const sub = await api().get(`/api/organizations/${p.id}/subtree`).expect(200);
    expect(sub.body.map((o: { id: string; depth: number }) => [o.id, o.depth])).toEqual([[p.id, 0], [d.id, 1], [c.id, 2]]);
    const anc = await api().get(`/api/organizations/${c.id}/ancestors`).expect(200);
    expect(anc.body.map((o: { id: string }) => o.id)).toEqual([p.id, d.id]);
  });

  it('moves a subtree with its descendants and refuses a move below itself', async () => {
    const a = await f.province('Tỉnh Cũ');
    const b = await f.province('Tỉnh Mới');
    const d = await f.org({ parentId: a.id, kind: 'district', level: 'district' });
    const c = await f.org({ parentId: d.id, kind: 'commune', level: 'commune' });
    await api().patch(`/api/organizations/${d.id}`, { parentId: b.id }).expect(200);
    const anc = await api().get(`/api/organizations/${c.id}/ancestors`).expect(200);
    expect(anc.body.map((o: { id: string }) => o.id)).toEqual([b.id, d.id]);
    const sub = await api().get(`/api/organizations/${a.id}/subtree`).expect(200);
    expect(sub.body).toHaveLength(1);
    const cycle = await api().patch(`/api/organizations/${d.id}`, { parentId: c.id }).expect(400);
    expect(cycle.body.details).toEqual([{ field: 'parentId', message: 'is the organization itself or one of its descendants' }]);
  });

  it('refuses to delete an organization that is still referenced, with 409 saying by what', async () => {
    const p = await f.province('Tỉnh Xóa');
    const child = await f.org({ parentId: p.id });
    const withChild = await api().delete(`/api/organizations/${p.id}`).expect(409);
    expect(withChild.body.message).toBe('The organization still has child organizations');
    await f.person(child.id);
    const withPerson = await api().delete(`/api/organizations/${child.id}`).expect(409);
    expect(withPerson.body.message).toBe('The organization still has people');
    const empty = await f.org({ parentId: p.id });
    await api().delete(`/api/organizations/${empty.id}`).expect(204);
    await api().get(`/api/organizations/${empty.id}`).expect(404);
  });

  it('answers 404 for unknown ids and 400 for malformed ids', async () => {
    const unknown = await api().get('/api/organizations/6f1f6c1e-1111-4111-8111-111111111111').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'organizations.not_found', details: [] });
    const bad = await api().get('/api/organizations/not-a-uuid').expect(400);
    expect(bad.body.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('validates input and names every bad field', async () => {
    const res = await api().post('/api/organizations', { code: 'có dấu', name: '', kind: 'planet', level: 'province', headcounts: [{ year: 1800, officials: -1 }], extra: 1 }).expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'kind', 'headcounts.0.year', 'headcounts.0.officials', 'extra']));
    const missingParent = await api().post('/api/organizations', { code: 'X.1', name: 'Mồ côi', kind: 'other', level: 'province', parentId: '6f1f6c1e-1111-4111-8111-111111111111' }).expect(400);
    expect(missingParent.body.details[0].field).toBe('parentId');
    const twice = await api().post('/api/organizations', { code: 'X.2', name: 'Hai lần', kind: 'other', level: 'province', headcounts: [{ year: 2015, officials: 1 }, { year: 2015, officials: 2 }] }).expect(400);
    expect(twice.body.details[0].field).toBe('headcounts.1.year');
  });
});
