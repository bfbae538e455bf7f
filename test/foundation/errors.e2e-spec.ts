import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

describe('one error shape, never a 500 for client input', () => {
  let ctx: TestContext, admin: string, f: Factories, orgId: string;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    orgId = (await f.province('Tỉnh Lỗi')).id;
  });
  afterAll(() => ctx.close());

  const shape = { statusCode: expect.any(Number), error: expect.any(String), code: expect.any(String), message: expect.any(String), details: expect.any(Array) };

  it('answers malformed JSON with 400 in the house shape', async () => {
    const res = await ctx.http().post('/api/people').set(bearer(admin)).set('content-type', 'application/json').send('{"fullName": "Nguyễn",').expect(400);
    expect(res.body).toEqual({ ...shape, statusCode: 400, error: 'Bad Request', code: 'request.malformed' });
  });

  it('answers an unknown route with 404 in the house shape', async () => {
    const res = await ctx.http().get('/api/khong-co').set(bearer(admin)).expect(404);
    expect(res.body).toEqual({ ...shape, statusCode: 404, code: 'http.not_found' });
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await ctx.http().post('/api/people').set(bearer(admin)).set('content-type', 'application/xml').send('<x/>').expect(415);
    expect(res.body).toEqual({ ...shape, statusCode: 415, code: 'request.unsupported_media_type' });
  });

  it('answers an oversized JSON body with 413', async () => {
    const res = await ctx.http().post('/api/people').set(bearer(admin)).send({ fullName: 'x'.repeat(2 * 1024 * 1024), organizationId: orgId }).expect(413);
    expect(res.body).toEqual({ ...shape, statusCode: 413, code: 'request.too_large' });
  });

  it('rejects unknown fields and wrong types, naming each field', async () => {
    const res = await ctx.http().post('/api/people').set(bearer(admin)).send({ fullName: 42, organizationId: orgId, isLeader: 'yes', email: 'nope', role: 'x' }).expect(400);
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['email', 'fullName', 'isLeader', 'role']);
    expect(res.body.code).toBe('validation.failed');
  });

  it('maps a duplicate e-mail (any case) to 409 on the email field', async () => {
    await ctx.http().post('/api/people').set(bearer(admin)).send({ fullName: 'Lý Thị Hơn', organizationId: orgId, email: 'lthon@hagiang.gov.vn' }).expect(201);
    const res = await ctx.http().post('/api/people').set(bearer(admin)).send({ fullName: 'Lý Thị Hơn 2', organizationId: orgId, email: 'LTHon@HaGiang.gov.vn' }).expect(409);
    expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'people.email_taken', message: 'A person with this e-mail already exists', details: [{ field: 'email', message: 'A person with this e-mail already exists' }] });
  });

  it('rejects junk in query strings with 400 instead of passing it to SQL', async () => {
    const res = await ctx.http().get('/api/organizations?limit=abc&offset=-1&kind=planet').set(bearer(admin)).expect(400);
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['kind', 'limit', 'offset']);
    expect(res.body.code).toBe('validation.failed');
    expect((await ctx.http().get('/api/people?organizationId=not-a-uuid').set(bearer(admin)).expect(400)).body.code).toBe('validation.failed');
  });

  it('names the entity in the code of a 404 for an unknown id, and answers a malformed id with validation.failed', async () => {
    const res = await ctx.http().get('/api/people/6f1f6c1e-1111-4111-8111-111111111111').set(bearer(admin)).expect(404);
    expect(res.body).toEqual({ ...shape, statusCode: 404, error: 'Not Found', code: 'people.not_found', details: [] });
    expect((await ctx.http().get('/api/people/not-a-uuid').set(bearer(admin)).expect(400)).body.code).toBe('validation.failed');
  });

  it('answers 401 auth.unauthorized without or with a bad token, and accounts.wrong_credentials for a wrong password', async () => {
    expect((await ctx.http().get('/api/people').expect(401)).body).toEqual({ ...shape, statusCode: 401, error: 'Unauthorized', code: 'auth.unauthorized', message: 'Missing bearer token' });
    expect((await ctx.http().get('/api/people').set(bearer('not.a.token')).expect(401)).body.code).toBe('auth.unauthorized');
    const login = await ctx.http().post('/api/auth/login').send({ email: 'nobody@test.hoinghi', password: 'wrong-password-1' }).expect(401);
    expect(login.body).toEqual({ ...shape, statusCode: 401, error: 'Unauthorized', code: 'accounts.wrong_credentials', message: 'Wrong e-mail or password' });
  });

  it('answers 403 auth.forbidden outside the role', async () => {
    const viewer = await ctx.tokenFor('viewer');
    const res = await ctx.http().post('/api/people').set(bearer(viewer)).send({ fullName: 'Không được', organizationId: orgId }).expect(403);
    expect(res.body).toEqual({ ...shape, statusCode: 403, error: 'Forbidden', code: 'auth.forbidden' });
  });

  it('documents the error body, with its code, as every operation\'s default response in OpenAPI', async () => {
    const doc = (await ctx.http().get('/api/docs-json').expect(200)).body;
    const schema = doc.components.schemas.ErrorBodyDto;
    expect(schema.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'code', 'message', 'details']));
    expect(schema.properties.code).toMatchObject({ type: 'string' });
    expect(doc.paths['/api/people'].post.responses.default.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBodyDto' });
  });

  it('stores and returns Vietnamese text composed (NFC) and trimmed', async () => {
    const res = await ctx.http().post('/api/people').set(bearer(admin)).send({ fullName: '  Nguye\u0302\u0303n   Va\u0306n  Sơn ', organizationId: orgId }).expect(201);
    expect(res.body.fullName).toBe('Nguyễn Văn Sơn');
    expect(res.headers['content-type']).toMatch(/charset=utf-8/i);
  });

  it('sends a request id back on every response', async () => {
    const res = await ctx.http().get('/health').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});
