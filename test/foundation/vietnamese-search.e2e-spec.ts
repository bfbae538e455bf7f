import { DataSource } from 'typeorm';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

describe('Vietnamese search and ordering', () => {
  let ctx: TestContext, token: string, f: Factories;

  beforeAll(async () => {
    ({ ctx, admin: token, f } = await startAdminApp());
    const hg = await f.province('UBND tỉnh Hà Giang');
    await f.province('UBND tỉnh Hà Nam');
    await f.province('UBND tỉnh Lào Cai');
    await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', shortName: 'Sở TT&TT Hà Giang', parentId: hg.id });
    await f.org({ name: 'UBND huyện Đồng Văn', kind: 'district', level: 'district', parentId: hg.id });
    for (const fullName of ['Nguyễn Văn Sơn', 'Nguyễn Văn Sinh', 'Đặng Xuân Thanh', 'Lý Thị Hơn', 'Bùi Ánh', 'Bạch Minh', 'Ân Đức', 'An Hòa']) {
      await f.person(hg.id, { fullName });
    }
  });
  afterAll(() => ctx.close());

  const search = async (path: string, q: string) => {
    const res = await ctx.http().get(path).query({ q }).set(bearer(token)).expect(200);
    return res.body;
  };
  const names = (body: { items: { name?: string; fullName?: string }[] }) => body.items.map((i) => i.name ?? i.fullName);

  it('finds "Hà Giang" for q=ha giang, ignoring diacritics and case', async () => {
    const body = await search('/api/organizations', 'ha giang');
    expect(names(body).sort()).toEqual(['Sở Thông tin và Truyền thông tỉnh Hà Giang', 'UBND tỉnh Hà Giang']);
    expect(body.total).toBe(2);
  });

  it('finds "Nguyễn Văn Sơn" for q=nguyen van son and not Nguyễn Văn Sinh', async () => {
    expect(names(await search('/api/people', 'NGUYEN VAN SON'))).toEqual(['Nguyễn Văn Sơn']);
  });

  it('folds đ to d both ways', async () => {
    expect(names(await search('/api/organizations', 'dong van'))).toEqual(['UBND huyện Đồng Văn']);
    expect(names(await search('/api/people', 'dang xuan'))).toEqual(['Đặng Xuân Thanh']);
    expect((await search('/api/people', 'Đặng')).total).toBe(1);
  });

  it('matches a query typed with decomposed (NFD) diacritics', async () => {
    expect(names(await search('/api/people', 'Ly\u0301 Thi\u0323 Ho\u031b\u0300n'))).toEqual(['Lý Thị Hơn']);
  });

  it('treats % and _ in a query literally', async () => {
    expect((await search('/api/people', '%')).total).toBe(0);
    expect((await search('/api/organizations', '_')).total).toBe(0);
  });

  it('sorts people in Vietnamese alphabetical order (a < ă < â, d < đ) and paginates with a total', async () => {
    const first = await ctx.http().get('/api/people').query({ limit: 4, offset: 0, total: 'true' }).set(bearer(token)).expect(200);
    expect(first.body.total).toBe(8);
    expect(names(first.body)).toEqual(['An Hòa', 'Ân Đức', 'Bạch Minh', 'Bùi Ánh']);
    const next = await ctx.http().get('/api/people').query({ limit: 4, offset: 4 }).set(bearer(token)).expect(200);
    expect(names(next.body)).toEqual(['Đặng Xuân Thanh', 'Lý Thị Hơn', 'Nguyễn Văn Sinh', 'Nguyễn Văn Sơn']);
  });

  it('pages a list or a search with hasMore and counts its total only when asked (or when the page reaches the end)', async () => {
    const page = (query: Record<string, unknown>) => ctx.http().get('/api/people').query(query).set(bearer(token)).expect(200).then((r) => r.body);
    // "nguyen" matches two of eight.
    expect(await page({ q: 'nguyen', limit: 1 })).toMatchObject({ total: null, hasMore: true, items: [{ fullName: 'Nguyễn Văn Sinh' }] });
    expect(await page({ q: 'nguyen', limit: 1, total: 'true' })).toMatchObject({ total: 2, hasMore: true });
    expect(await page({ q: 'nguyen', limit: 1, offset: 1 })).toMatchObject({ total: 2, hasMore: false, items: [{ fullName: 'Nguyễn Văn Sơn' }] });
    expect(await page({ q: 'nguyen', limit: 1, offset: 5 })).toMatchObject({ total: null, hasMore: false, items: [] });
    expect(await page({ q: 'nguyen', limit: 1, offset: 5, total: 'true' })).toMatchObject({ total: 2, hasMore: false, items: [] });
    // A list without a search likewise.
    expect(await page({ limit: 1 })).toMatchObject({ total: null, hasMore: true });
    expect(await page({ limit: 1, total: 'true' })).toMatchObject({ total: 8, hasMore: true });
    expect(await page({ limit: 5, offset: 5 })).toMatchObject({ total: 8, hasMore: false });
    await ctx.http().get('/api/people').query({ q: 'nguyen', total: 'yes' }).set(bearer(token)).expect(400);
  });

  it('answers search from the trigram index, not by scanning', async () => {
    const ds = new DataSource({ type: 'postgres', url: ctx.databaseUrl });
    await ds.initialize();
    try {
      await ds.query('SET enable_seqscan = off');
      const plan: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN SELECT id FROM people WHERE search_text LIKE '%' || vn_fold('nguyen van son') || '%'`);
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('people_search_idx');
    } finally {
      await ds.destroy();
    }
  });
});
