import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

describe('people', () => {
  let ctx: TestContext, admin: string, f: Factories;
  beforeAll(async () => ({ ctx, admin, f } = await startAdminApp()));
  afterAll(() => ctx.close());

  it('creates, reads, updates and deletes an official', async () => {
    const org = await f.province('UBND tỉnh Lào Cai', '10');
    const created = await ctx.http().post('/api/people').set(bearer(admin))
      .send({ fullName: 'Đặng Xuân Thanh', title: 'Phó Chủ tịch UBND tỉnh – Trưởng Ban Chỉ đạo', organizationId: org.id, isLeader: true, email: 'DXThanh@LaoCai.gov.vn', phone: '0214 3840 000' })
      .expect(201);
    expect(created.body).toMatchObject({ fullName: 'Đặng Xuân Thanh', email: 'dxthanh@laocai.gov.vn', isLeader: true });
    const id = created.body.id;
    const moved = await f.org({ parentId: org.id, name: 'Sở TT&TT Lào Cai' });
    const updated = await ctx.http().patch(`/api/people/${id}`).set(bearer(admin)).send({ organizationId: moved.id, title: 'Giám đốc' }).expect(200);
    expect(updated.body).toMatchObject({ organizationId: moved.id, title: 'Giám đốc', email: 'dxthanh@laocai.gov.vn' });
    await ctx.http().delete(`/api/people/${id}`).set(bearer(admin)).expect(204);
    await ctx.http().get(`/api/people/${id}`).set(bearer(admin)).expect(404);
  });

  it('lists the people of an organization and everything below it, and filters leaders', async () => {
    const p = await f.province('Tỉnh Danh Sách');
    const d = await f.org({ parentId: p.id, kind: 'district', level: 'district' });
    const other = await f.province('Tỉnh Ngoài');
    await f.person(p.id, { fullName: 'Cấp Tỉnh', isLeader: true });
    await f.person(d.id, { fullName: 'Cấp Huyện' });
    await f.person(other.id, { fullName: 'Người Ngoài' });
    const res = await ctx.http().get(`/api/people?organizationId=${p.id}`).set(bearer(admin)).expect(200);
    expect(res.body.items.map((x: { fullName: string }) => x.fullName)).toEqual(['Cấp Huyện', 'Cấp Tỉnh']);
    const leaders = await ctx.http().get(`/api/people?organizationId=${p.id}&isLeader=true`).set(bearer(admin)).expect(200);
    expect(leaders.body.items.map((x: { fullName: string }) => x.fullName)).toEqual(['Cấp Tỉnh']);
  });

  it('refuses a person in an organization that does not exist with 400 on organizationId', async () => {
    const res = await ctx.http().post('/api/people').set(bearer(admin)).send({ fullName: 'Không Đơn Vị', organizationId: '6f1f6c1e-1111-4111-8111-111111111111' }).expect(400);
    expect(res.body.details).toEqual([{ field: 'organizationId', message: 'organization 6f1f6c1e-1111-4111-8111-111111111111 does not exist' }]);
  });
});
