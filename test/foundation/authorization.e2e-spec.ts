import type { Role } from '../../src/common/auth/principal';
import { bearer, startTestApp, type TestContext } from '../support/app';
import { factories } from '../support/factories';

/**
 * Every endpoint of the foundation against every role, inside and outside the caller's scope.
 * Organizer, trainer, viewer and leader are scoped to province A; the "out" targets live in province B.
 */
describe('authorization matrix', () => {
  let ctx: TestContext;
  let f: ReturnType<typeof factories>;
  const tokens = {} as Record<Role, string>;
  let provinceA: string, deptA: string, provinceB: string, personA: string, personB: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    f = factories(ctx);
    provinceA = (await f.province('Tỉnh A')).id;
    provinceB = (await f.province('Tỉnh B')).id;
    deptA = (await f.org({ parentId: provinceA })).id;
    personA = (await f.person(deptA)).id;
    personB = (await f.person(provinceB)).id;
    tokens.admin = await ctx.tokenFor('admin');
    tokens.organizer = await ctx.tokenFor('organizer', provinceA);
    tokens.trainer = await ctx.tokenFor('trainer', provinceA);
    tokens.viewer = await ctx.tokenFor('viewer', provinceA);
    tokens.leader = await ctx.tokenFor('leader', provinceA);
  });
  afterAll(() => ctx.close());

  type Call = { name: string; method: 'get' | 'post' | 'patch' | 'delete'; path: () => string; body?: () => unknown; csv?: () => string };
  const ALL: Role[] = ['admin', 'organizer', 'trainer', 'viewer', 'leader'];
  let n = 0;
  const next = () => `${Date.now().toString(36)}${++n}`;

  /** [call, roles allowed (2xx), expected status for the others] */
  const matrix: [Call, Role[], number][] = [
    [{ name: 'list organizations', method: 'get', path: () => '/api/organizations' }, ALL, 403],
    [{ name: 'get organization in scope', method: 'get', path: () => `/api/organizations/${deptA}` }, ALL, 403],
    [{ name: 'get organization out of scope', method: 'get', path: () => `/api/organizations/${provinceB}` }, ['admin'], 403],
    [{ name: 'subtree in scope', method: 'get', path: () => `/api/organizations/${provinceA}/subtree` }, ALL, 403],
    [{ name: 'subtree out of scope', method: 'get', path: () => `/api/organizations/${provinceB}/subtree` }, ['admin'], 403],
    [{ name: 'ancestors in scope', method: 'get', path: () => `/api/organizations/${deptA}/ancestors` }, ALL, 403],
    [{ name: 'ancestors out of scope', method: 'get', path: () => `/api/organizations/${provinceB}/ancestors` }, ['admin'], 403],
    [{ name: 'create organization in scope', method: 'post', path: () => '/api/organizations', body: () => ({ code: `C${next()}`, name: 'Phòng mới', kind: 'department', level: 'province', parentId: provinceA }) }, ['admin', 'organizer'], 403],
    [{ name: 'create organization out of scope', method: 'post', path: () => '/api/organizations', body: () => ({ code: `C${next()}`, name: 'Phòng mới', kind: 'department', level: 'province', parentId: provinceB }) }, ['admin'], 403],
    [{ name: 'create root organization', method: 'post', path: () => '/api/organizations', body: () => ({ code: `R${next()}`, name: 'Tỉnh mới', kind: 'province', level: 'province' }) }, ['admin'], 403],
    [{ name: 'update organization in scope', method: 'patch', path: () => `/api/organizations/${deptA}`, body: () => ({ shortName: `Sở ${next()}` }) }, ['admin', 'organizer'], 403],
    [{ name: 'update organization out of scope', method: 'patch', path: () => `/api/organizations/${provinceB}`, body: () => ({ shortName: `B ${next()}` }) }, ['admin'], 403],
    [{ name: 'import organizations in scope', method: 'post', path: () => '/api/organizations/import', csv: () => `code,name,kind,level,parent_code\nI${next()},Phòng nhập,department,province,${codeOf('A')}` }, ['admin', 'organizer'], 403],
    [{ name: 'list people', method: 'get', path: () => '/api/people' }, ALL, 403],
    [{ name: 'get person in scope', method: 'get', path: () => `/api/people/${personA}` }, ALL, 403],
    [{ name: 'get person out of scope', method: 'get', path: () => `/api/people/${personB}` }, ['admin'], 403],
    [{ name: 'create person in scope', method: 'post', path: () => '/api/people', body: () => ({ fullName: 'Trần Văn Mới', organizationId: deptA, email: `m${next()}@example.gov.vn` }) }, ['admin', 'organizer'], 403],
    [{ name: 'create person out of scope', method: 'post', path: () => '/api/people', body: () => ({ fullName: 'Trần Văn Mới', organizationId: provinceB }) }, ['admin'], 403],
    [{ name: 'update person in scope', method: 'patch', path: () => `/api/people/${personA}`, body: () => ({ title: `Chuyên viên ${next()}` }) }, ['admin', 'organizer'], 403],
    [{ name: 'update person out of scope', method: 'patch', path: () => `/api/people/${personB}`, body: () => ({ title: 'x' }) }, ['admin'], 403],
    [{ name: 'import people in scope', method: 'post', path: () => '/api/people/import', csv: () => `Họ và tên,Mã đơn vị\nLê Văn Nhập,${codeOf('A')}` }, ['admin', 'organizer'], 403],
    [{ name: 'list users', method: 'get', path: () => '/api/users' }, ['admin'], 403],
    [{ name: 'create user', method: 'post', path: () => '/api/users', body: () => ({ email: `u${next()}@x.vn`, displayName: 'U', password: 'long-enough-pw', role: 'viewer' }) }, ['admin'], 403],
    [{ name: 'create a leader account', method: 'post', path: () => '/api/users', body: () => ({ email: `l${next()}@x.vn`, displayName: 'Lãnh đạo', password: 'long-enough-pw', role: 'leader', scopeOrganizationId: provinceA }) }, ['admin'], 403],
    [{ name: 'who am I', method: 'get', path: () => '/api/auth/me' }, ALL, 403],
  ];

  const codes: Record<string, string> = {};
  const codeOf = (k: 'A') => codes[k];
  beforeAll(async () => {
    const res = await ctx.http().get(`/api/organizations/${provinceA}`).set(bearer(tokens.admin)).expect(200);
    codes.A = res.body.code;
  });

  const send = (call: Call, token?: string) => {
    let req = ctx.http()[call.method](call.path());
    if (token) req = req.set(bearer(token));
    if (call.csv) return req.set('content-type', 'text/csv').send(call.csv());
    return call.body ? req.send(call.body() as object) : req;
  };

  describe.each(matrix.map(([call, allowed, denied]) => [call.name, call, allowed, denied] as const))('%s', (_name, call, allowed, denied) => {
    it('answers 401 without a token', async () => {
      const res = await send(call);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it.each(ALL)('as %s', async (role) => {
      const res = await send(call, tokens[role]);
      if (allowed.includes(role)) expect(res.status).toBeLessThan(300);
      else {
        expect(res.status).toBe(denied);
        expect(res.body).toMatchObject({ statusCode: denied, error: 'Forbidden' });
      }
    });
  });

  describe('deletes', () => {
    it('lets the organizer delete in scope and refuses out of scope; trainer, viewer and leader never', async () => {
      const mk = async (parentId: string) => (await f.org({ parentId })).id;
      for (const role of ['trainer', 'viewer', 'leader'] as const) {
        await ctx.http().delete(`/api/organizations/${await mk(provinceA)}`).set(bearer(tokens[role])).expect(403);
        await ctx.http().delete(`/api/people/${(await f.person(deptA)).id}`).set(bearer(tokens[role])).expect(403);
      }
      await ctx.http().delete(`/api/organizations/${await mk(provinceB)}`).set(bearer(tokens.organizer)).expect(403);
      await ctx.http().delete(`/api/people/${personB}`).set(bearer(tokens.organizer)).expect(403);
      await ctx.http().delete(`/api/organizations/${await mk(provinceA)}`).set(bearer(tokens.organizer)).expect(204);
      await ctx.http().delete(`/api/people/${(await f.person(deptA)).id}`).set(bearer(tokens.organizer)).expect(204);
      await ctx.http().delete(`/api/organizations/${await mk(provinceB)}`).set(bearer(tokens.admin)).expect(204);
    });

    it('refuses the organizer deleting or moving their own scope root', async () => {
      await ctx.http().delete(`/api/organizations/${provinceA}`).set(bearer(tokens.organizer)).expect(403);
      await ctx.http().patch(`/api/organizations/${provinceA}`).set(bearer(tokens.organizer)).send({ parentId: provinceB }).expect(403);
    });

    it('lets only admins manage users, and not delete themselves', async () => {
      const created = await ctx.http().post('/api/users').set(bearer(tokens.admin)).send({ email: 'tam@x.vn', displayName: 'Tâm', password: 'long-enough-pw', role: 'viewer' }).expect(201);
      for (const role of ['organizer', 'trainer', 'viewer', 'leader'] as const) {
        await ctx.http().patch(`/api/users/${created.body.id}`).set(bearer(tokens[role])).send({ displayName: 'x' }).expect(403);
        await ctx.http().delete(`/api/users/${created.body.id}`).set(bearer(tokens[role])).expect(403);
      }
      const me = await ctx.http().get('/api/auth/me').set(bearer(tokens.admin)).expect(200);
      await ctx.http().delete(`/api/users/${me.body.id}`).set(bearer(tokens.admin)).expect(403);
      await ctx.http().delete(`/api/users/${created.body.id}`).set(bearer(tokens.admin)).expect(204);
    });
  });

  describe('scoped lists', () => {
    it('shows scoped users only their subtree; admins everything', async () => {
      const scoped = await ctx.http().get('/api/organizations').query({ limit: 200 }).set(bearer(tokens.viewer)).expect(200);
      const ids = scoped.body.items.map((o: { id: string }) => o.id);
      expect(ids).toContain(provinceA);
      expect(ids).toContain(deptA);
      expect(ids).not.toContain(provinceB);
      const people = await ctx.http().get('/api/people').query({ limit: 200 }).set(bearer(tokens.viewer)).expect(200);
      expect(people.body.items.map((p: { id: string }) => p.id)).not.toContain(personB);
      const all = await ctx.http().get('/api/organizations').query({ limit: 200 }).set(bearer(tokens.admin)).expect(200);
      expect(all.body.items.map((o: { id: string }) => o.id)).toContain(provinceB);
    });

    it('refuses a people list below an organization outside the scope', async () => {
      await ctx.http().get('/api/people').query({ organizationId: provinceB }).set(bearer(tokens.viewer)).expect(403);
    });

    it('answers 404 and 403 for a filter organization of the lists that check their caller in their own statement', async () => {
      const unknown = '0b6a3c0e-0000-4000-8000-000000000000';
      for (const [path, key] of [['/api/people', 'organizationId'], ['/api/events', 'hostOrganizationId']] as const) {
        await ctx.http().get(path).query({ [key]: unknown }).set(bearer(tokens.admin)).expect(404);
        await ctx.http().get(path).query({ [key]: unknown }).set(bearer(tokens.viewer)).expect(404);
        await ctx.http().get(path).query({ [key]: provinceB }).set(bearer(tokens.viewer)).expect(403);
        await ctx.http().get(path).query({ [key]: provinceA }).set(bearer(tokens.viewer)).expect(200);
      }
      const below = await ctx.http().get('/api/people').query({ organizationId: provinceA, limit: 200 }).set(bearer(tokens.admin)).expect(200);
      expect(below.body.items.map((p: { id: string }) => p.id)).not.toContain(personB);
    });
  });

  describe('tokens and accounts', () => {
    it('rejects a forged, expired or malformed token with 401', async () => {
      await ctx.http().get('/api/auth/me').set('authorization', 'Bearer not-a-jwt').expect(401);
      const [h, p] = tokens.admin.split('.');
      await ctx.http().get('/api/auth/me').set('authorization', `Bearer ${h}.${p}.forgedsignature`).expect(401);
    });

    it('stops a deactivated user at once, token or not', async () => {
      const token = await ctx.tokenFor('viewer');
      const me = await ctx.http().get('/api/auth/me').set(bearer(token)).expect(200);
      await ctx.http().patch(`/api/users/${me.body.id}`).set(bearer(tokens.admin)).send({ active: false }).expect(200);
      await ctx.http().get('/api/auth/me').set(bearer(token)).expect(401);
      await ctx.http().post('/api/auth/login').send({ email: me.body.email, password: 'test-password-1' }).expect(401);
    });

    it('revokes older tokens when the password, role or scope changes, not on a name change', async () => {
      const token = await ctx.tokenFor('viewer', provinceA);
      const me = await ctx.http().get('/api/auth/me').set(bearer(token)).expect(200);
      await ctx.http().patch(`/api/users/${me.body.id}`).set(bearer(tokens.admin)).send({ displayName: 'Tên mới' }).expect(200);
      await ctx.http().get('/api/auth/me').set(bearer(token)).expect(200);
      await ctx.http().patch(`/api/users/${me.body.id}`).set(bearer(tokens.admin)).send({ password: 'a-new-password-1' }).expect(200);
      const revoked = await ctx.http().get('/api/auth/me').set(bearer(token)).expect(401);
      expect(revoked.body.message).toMatch(/revoked/);
      const fresh = await ctx.http().post('/api/auth/login').send({ email: me.body.email, password: 'a-new-password-1' }).expect(200);
      await ctx.http().get('/api/auth/me').set(bearer(fresh.body.accessToken)).expect(200);
      await ctx.http().patch(`/api/users/${me.body.id}`).set(bearer(tokens.admin)).send({ scopeOrganizationId: provinceB }).expect(200);
      await ctx.http().get('/api/auth/me').set(bearer(fresh.body.accessToken)).expect(401);
    });

    it('stops a revoked token on the lists that check their caller in their own statement, on a full page, an empty page and an error', async () => {
      const token = await ctx.tokenFor('viewer', provinceA);
      const lists = ['/api/organizations', '/api/people', '/api/events', '/api/events/calendar?month=2031-04', '/api/people?q=không-ai-tên-này'];
      for (const path of lists) await ctx.http().get(path).set(bearer(token)).expect(200);
      // Still within its scope, with the scope read in the same statement.
      const scoped = await ctx.http().get('/api/organizations').query({ limit: 200 }).set(bearer(token)).expect(200);
      expect(scoped.body.items.map((o: { id: string }) => o.id)).not.toContain(provinceB);
      const me = await ctx.http().get('/api/auth/me').set(bearer(token)).expect(200);
      await ctx.http().patch(`/api/users/${me.body.id}`).set(bearer(tokens.admin)).send({ role: 'organizer' }).expect(200);
      for (const path of lists) {
        const res = await ctx.http().get(path).set(bearer(token)).expect(401);
        expect(res.body.message).toMatch(/revoked/);
      }
      // An error of the route itself is not answered to a revoked token either.
      await ctx.http().get('/api/people').query({ organizationId: provinceB }).set(bearer(token)).expect(401);
      await ctx.http().patch(`/api/users/${me.body.id}`).set(bearer(tokens.admin)).send({ active: false }).expect(200);
      await ctx.http().get('/api/organizations').set(bearer(token)).expect(401);
    });

    it('answers a wrong password and an unknown e-mail alike with 401', async () => {
      const wrong = await ctx.http().post('/api/auth/login').send({ email: 'admin-1@test.hoinghi', password: 'nope' }).expect(401);
      const unknown = await ctx.http().post('/api/auth/login').send({ email: 'nobody@test.hoinghi', password: 'nope' }).expect(401);
      expect(wrong.body.message).toBe(unknown.body.message);
    });
  });
});
