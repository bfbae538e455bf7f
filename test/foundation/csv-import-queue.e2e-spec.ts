import type { Worker } from 'node:worker_threads';
import type { Response } from 'supertest';
import { CSV_WORKERS, csvWorkers } from '../../src/common/csv/csv-workers';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { until } from '../support/until';

/**
 * The queue of imports waiting for a CSV thread is bounded (CSV_MAX_WAITING): one more is a 503 with
 * Retry-After, answered before its body is read. The threads are held deterministically: each file
 * reaches its (real) thread only when the test lets it.
 */
describe('CSV imports waiting for a thread', () => {
  let ctx: TestContext, admin: string, f: Factories;
  let holding = true;
  const held: (() => void)[] = [];

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp({ CSV_MAX_WAITING: '1', CSV_LIMIT_BYTES: '100000' }));
    await f.province('UBND tỉnh Cao Bằng', '04');
    // Every thread the pool starts gets its files only when `holding` is off (or once released).
    const pool = csvWorkers as unknown as { start(): Worker };
    const start = pool.start.bind(pool);
    jest.spyOn(pool, 'start').mockImplementation(() => {
      const worker = start();
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message, transfer) => (holding ? held.push(() => post(message, transfer)) : post(message, transfer));
      return worker;
    });
  });
  afterAll(() => ctx.close());

  const importCsv = (body: string): Promise<Response> =>
    ctx.http().post('/api/organizations/import').set(bearer(admin)).set('content-type', 'text/csv; charset=utf-8').send(body).then((r) => r);
  const org = (code: string) => `code,name,kind,level,parent_code\n${code},Phòng ${code},department,province,04\n`;

  it('answers 503 with Retry-After and server.imports_busy when every thread is busy and the queue is full, before reading the body', async () => {
    // Every thread busy with an import, and one more waiting: the queue (1) is full.
    const first = Array.from({ length: CSV_WORKERS + 1 }, (_, i) => importCsv(org(`Q${i}`)));
    await until(() => csvWorkers.full(1));
    expect(held).toHaveLength(CSV_WORKERS);

    const refused = await importCsv(org('Q-REFUSED'));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'server.imports_busy',
      message: expect.stringMatching(/Too many imports/),
      details: [],
    });
    // Refused before its body is read: a file over CSV_LIMIT_BYTES is not even a 413.
    const big = await importCsv(org('Q-BIG') + `x,${'y'.repeat(200_000)}\n`);
    expect(big.status).toBe(503);
    expect(big.body.code).toBe('server.imports_busy');
    // Other requests are answered as usual meanwhile.
    await ctx.http().get('/api/organizations?q=Q0').set(bearer(admin)).expect(200);

    // The threads go on: every import that was taken (running or waiting) is answered, in full.
    holding = false;
    for (const go of held.splice(0)) go();
    expect((await Promise.all(first)).map((r) => [r.status, r.body.created])).toEqual(Array(CSV_WORKERS + 1).fill([200, 1]));
    expect(csvWorkers.full(1)).toBe(false);
    expect((await importCsv(org('Q-AFTER'))).status).toBe(200);
    const refusedCodes = await ctx.http().get('/api/organizations?q=Q-REFUSED').set(bearer(admin)).expect(200);
    expect(refusedCodes.body.total).toBe(0);
  });

  it('documents the 503 and its Retry-After on every import endpoint', async () => {
    const doc = (await ctx.http().get('/api/docs-json').expect(200)).body;
    for (const path of ['/api/organizations/import', '/api/people/import', '/api/events/{id}/enrollments/import']) {
      expect(doc.paths[path].post.responses['503']).toMatchObject({ headers: { 'Retry-After': expect.anything() } });
    }
  });
});
