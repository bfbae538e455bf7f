import { randomUUID } from 'node:crypto';
import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer, TEST_PASSWORD, type TestContext } from '../support/app';
import { csrfOf, signedIn as signIn } from '../support/session';
import { type Factories, startAdminApp } from '../support/factories';

/**
 * Changing an indicator definition (PATCH): what may change and what may not, who may change it, and
 * that the live ranking follows while a published snapshot keeps what it froze.
 */
describe('indicator definitions: changes', () => {
  let ctx: TestContext;
  let admin: string;
  let admin_: string;
  let f: Factories;
  let province: string;
  const agencies: string[] = [];
  const defs: Record<string, string> = {};
  const YEAR = 2031;
  const tag = () => randomUUID().slice(0, 6).toUpperCase();

  const ranking = async () => (await ctx.http().get('/api/indicators/ranking').query({ period: YEAR, organizationId: province }).set(bearer(admin)).expect(200)).body as {
    definitions: { code: string }[];
    rows: { organizationId: string; score: number | null }[];
  };
  const scoreOf = (r: Awaited<ReturnType<typeof ranking>>, i: number) => r.rows.find((x) => x.organizationId === agencies[i])!.score;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    admin_ = admin;
    province = (await f.province('UBND tỉnh Lào Cai (chỉ số)')).id;
    for (const name of ['Sở Thông tin và Truyền thông', 'Sở Nội vụ']) agencies.push((await f.org({ parentId: province, name })).id);
    for (const [key, weight] of [['EMAIL', 1], ['DOCS', 1]] as const) {
      const code = `${key}_${tag()}`;
      defs[key] = (await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({ code, nameVi: `Chỉ số ${key}`, nameEn: key, unit: 'percent', source: 'reported', weight }).expect(201)).body.id;
    }
    // Agency 0: strong on e-mail, weak on documents; agency 1 the other way round.
    const values: [string, number, number][] = [['EMAIL', 0, 100], ['EMAIL', 1, 20], ['DOCS', 0, 20], ['DOCS', 1, 60]];
    for (const [key, i, value] of values) await ctx.http().put('/api/indicators/values').set(bearer(admin)).send({ definitionId: defs[key], organizationId: agencies[i], year: YEAR, value }).expect(200);
  });
  afterAll(() => ctx.close());

  it('changes weight, targets and names; the live ranking follows and a published snapshot does not', async () => {
    const before = await ranking();
    expect(scoreOf(before, 0)).toBe(60);
    const snapshot = (await ctx.http().post('/api/indicators/snapshots').set(bearer(admin)).send({ period: String(YEAR), organizationId: province }).expect(201)).body;

    const res = await ctx.http().patch(`/api/indicators/definitions/${defs.EMAIL}`).set(bearer(admin)).send({ weight: 3, nameVi: '  Tỷ lệ dùng thư điện tử công vụ ', targetDepartment: 50 }).expect(200);
    expect(res.body).toMatchObject({ id: defs.EMAIL, weight: 3, nameVi: 'Tỷ lệ dùng thư điện tử công vụ', targetDepartment: 50, source: 'reported', active: true });
    // E-mail counts three times as much, against a target of 50%: agency 0 (100 → 100) rises, agency 1 (20 → 40) too.
    const after = await ranking();
    expect(scoreOf(after, 0)).toBe(80);
    expect(scoreOf(after, 1)).toBe(45);
    const frozen = (await ctx.http().get(`/api/indicators/snapshots/${snapshot.snapshot?.id ?? snapshot.id}`).set(bearer(admin)).expect(200)).body;
    expect(frozen.rows.find((r: { organizationId: string }) => r.organizationId === agencies[0]).score).toBe(60);

    // A target given as null is cleared (percentages: 100% again).
    await ctx.http().patch(`/api/indicators/definitions/${defs.EMAIL}`).set(bearer(admin)).send({ targetDepartment: null }).expect(200);
    expect(scoreOf(await ranking(), 1)).toBe(30);
  });

  it('takes a deactivated indicator out of the live score, keeping its values, and back in', async () => {
    await ctx.http().patch(`/api/indicators/definitions/${defs.DOCS}`).set(bearer(admin)).send({ active: false }).expect(200);
    const without = await ranking();
    expect(without.definitions.map((d) => d.code)).not.toContain(expect.stringMatching(/^DOCS_/));
    expect(scoreOf(without, 0)).toBe(100);
    await ctx.http().patch(`/api/indicators/definitions/${defs.DOCS}`).set(bearer(admin)).send({ active: true }).expect(200);
    expect((await ranking()).definitions.map((d) => d.code)).toContainEqual(expect.stringMatching(/^DOCS_/));
    const values = (await ctx.http().get('/api/indicators/values').query({ period: YEAR, organizationId: province }).set(bearer(admin)).expect(200)).body as { definitionId: string }[];
    expect(values.filter((v) => v.definitionId === defs.DOCS)).toHaveLength(2);
  });

  it('refuses what would change what the values mean, thresholds that do not descend, other roles and unknown ids', async () => {
    const patch = (body: object, token = admin, id = defs.EMAIL) => ctx.http().patch(`/api/indicators/definitions/${id}`).set(bearer(token)).send(body);
    for (const field of ['code', 'source', 'metric', 'unit']) {
      const res = await patch({ [field]: field === 'unit' ? 'count' : 'X' }).expect(400);
      expect(res.body.details).toContainEqual(expect.objectContaining({ field }));
    }
    const steep = await patch({ thresholdFair: 90 }).expect(400);
    expect(steep.body.details).toEqual([{ field: 'thresholdFair', message: 'must be good ≥ fair ≥ average' }]);
    expect((await patch({ weight: 0 }).expect(400)).body.details).toContainEqual(expect.objectContaining({ field: 'weight' }));
    for (const role of ['organizer', 'leader', 'viewer'] as const) await patch({ weight: 2 }, await ctx.tokenFor(role, province)).expect(403);
    expect((await patch({ weight: 2 }, admin, randomUUID()).expect(404)).body.code).toBe('indicators.definition_not_found');
  });

  describe('the page /app/indicators/definitions', () => {
    async function signedIn(role: string) {
      const email = `${role}-${tag().toLowerCase()}@defs.test`;
      await ctx.app.get(AccountsService).ensureUser({ email, password: TEST_PASSWORD, role: role as never, displayName: role, scopeOrganizationId: role === 'admin' ? null : province });
      return signIn(ctx, email);
    }

    it('lists the indicators to a viewer, without forms, and refuses an organizer’s change', async () => {
      const viewer = await signedIn('viewer');
      const page = await viewer.get('/app/indicators/definitions').expect(200);
      expect(page.text).toContain('Bộ chỉ số');
      expect(page.text).toMatch(/data-definition="EMAIL_/);
      expect(page.text).not.toContain('data-create');
      const organizer = await signedIn('organizer');
      const list = await organizer.get('/app/indicators/definitions').expect(200);
      await organizer.post(`/app/indicators/definitions/${defs.DOCS}`).type('form').send({ _csrf: csrfOf(list.text), weight: '5' }).expect(403);
    });

    it('lets an administrator add one, change one (emptying a target clears it) and see every refusal beside its field', async () => {
      const admin = await signedIn('admin');
      const page = await admin.get('/app/indicators/definitions').expect(200);
      const csrf = csrfOf(page.text);
      const code = `WEB_${tag()}`;
      await admin.post('/app/indicators/definitions').type('form').send({ _csrf: csrf, code, nameVi: 'Tỷ lệ hồ sơ trực tuyến', nameEn: 'Online applications', unit: 'percent', source: 'reported', metric: '', weight: '2', targetDepartment: '40', targetDistrict: '' }).expect(303).expect('location', '/app/indicators/definitions?done=created');
      const after = await admin.get('/app/indicators/definitions?done=created').expect(200);
      expect(after.text).toContain('Đã thêm chỉ số.');
      const created = (await ctx.http().get('/api/indicators/definitions').set(bearer(admin_))).body.find((d: { code: string }) => d.code === code);
      expect(created).toMatchObject({ nameVi: 'Tỷ lệ hồ sơ trực tuyến', weight: 2, targetDepartment: 40, targetDistrict: null, active: true });

      // The same code again: 409, shown beside the code, what was typed kept.
      const taken = await admin.post('/app/indicators/definitions').type('form').send({ _csrf: csrf, code, nameVi: 'Lần hai', nameEn: 'Again', unit: 'percent', source: 'reported', weight: '1' }).expect(409);
      expect(taken.text).toMatch(/id="new-code"[^>]*aria-invalid="true"/);
      expect(taken.text).toContain('value="Lần hai"');
      // A weight of zero and a participation indicator without its metric: each beside its field.
      const bad = await admin.post('/app/indicators/definitions').type('form').send({ _csrf: csrf, code: `X_${tag()}`, nameVi: 'X', nameEn: 'X', unit: 'percent', source: 'participation', metric: '', weight: '0' }).expect(400);
      expect(bad.text).toContain('data-error="weight"');
      expect(bad.text).toContain('data-error="metric"');

      // Change it: a new weight, the department target emptied, out of use.
      await admin.post(`/app/indicators/definitions/${created.id}`).type('form').send({ _csrf: csrf, nameVi: 'Tỷ lệ hồ sơ trực tuyến mức độ 3, 4', nameEn: 'Online applications', weight: '4', targetDepartment: '', targetDistrict: '25', thresholdGood: '80', thresholdFair: '65', thresholdAverage: '50', active: 'false' }).expect(303).expect('location', '/app/indicators/definitions?done=saved');
      const changed = (await ctx.http().get(`/api/indicators/definitions/${created.id}`).set(bearer(admin_))).body;
      expect(changed).toMatchObject({ nameVi: 'Tỷ lệ hồ sơ trực tuyến mức độ 3, 4', weight: 4, targetDepartment: null, targetDistrict: 25, active: false });
      const shown = await admin.get('/app/indicators/definitions').expect(200);
      expect(shown.text).toMatch(new RegExp(`data-definition="${code}"[\\s\\S]*?data-active="false"`));
      // Thresholds that do not descend: 400, the edit form open with the field marked.
      const steep = await admin.post(`/app/indicators/definitions/${created.id}`).type('form').send({ _csrf: csrf, thresholdFair: '95' }).expect(400);
      expect(steep.text).toContain('data-error="thresholdFair"');
      expect(steep.text).toMatch(new RegExp(`<details class="card" open><summary>Sửa chỉ số ${code}`));
      // Without the form's token: refused before anything runs.
      await admin.post(`/app/indicators/definitions/${created.id}`).type('form').send({ weight: '9' }).expect(403);
      expect((await ctx.http().get(`/api/indicators/definitions/${created.id}`).set(bearer(admin_))).body.weight).toBe(4);
    });
  });
});
