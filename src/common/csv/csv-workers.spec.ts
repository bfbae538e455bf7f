import { PERSON_CSV } from '../../people/dto/person-csv';
import type { CsvLimits } from '../../config/env';
import { CSV_WORKERS, csvWorkers, CsvWorkersBusy } from './csv-workers';
import { parseCsv, RowErrors } from './csv-import';

const limits: CsvLimits = { bytes: 1 << 20, maxRows: 1000, maxLineChars: 1000, maxColumns: 10, maxWaiting: 4 };
const file = (...lines: string[]) => Buffer.from(lines.join('\n'));

describe('CSV worker threads', () => {
  it('answers rows with their file lines and row problems, each file on its own, several at once', async () => {
    const [a, b, c] = await Promise.all([
      csvWorkers.read(file('full_name,organization_code,email', 'An,X,AN@X.VN', '', 'Bình,X,not-an-email'), PERSON_CSV, limits),
      csvWorkers.read(file('Họ và tên;Mã đơn vị;Lãnh đạo', 'Chi;Y;có'), PERSON_CSV, limits),
      csvWorkers.read(file('title', 'x'), PERSON_CSV, limits),
    ]);
    expect(a).toEqual({
      ok: true,
      rows: [{ line: 2, value: { fullName: 'An', organizationCode: 'X', email: 'an@x.vn' } }],
      problems: [{ line: 4, column: 'email', message: 'email must be an email' }],
    });
    expect(b).toMatchObject({ ok: true, rows: [{ line: 2, value: { fullName: 'Chi', organizationCode: 'Y', isLeader: true } }] });
    expect(c).toEqual({ ok: false, message: 'Required column(s) missing from the header', details: [{ field: 'row 1', message: 'missing required column(s): full_name, organization_code' }], code: 'validation.failed' });
  }, 60_000);

  it('checks the header before the rows past the limit', async () => {
    const rows = Array.from({ length: 2000 }, () => 'A,X');
    expect(await csvWorkers.read(file('name,code', ...rows), PERSON_CSV, limits)).toMatchObject({ ok: false, message: 'Unknown column(s) in the header' });
    expect(await csvWorkers.read(file('full_name,organization_code', ...rows), PERSON_CSV, limits)).toMatchObject({ ok: false, details: [{ field: 'body', message: 'too many rows' }] });
  }, 60_000);

  it('rejects when the schema cannot be loaded, and the next file still gets a thread', async () => {
    await expect(csvWorkers.read(file('full_name,organization_code', 'A,X'), { ...PERSON_CSV, name: 'NO_SUCH_SCHEMA' }, limits)).rejects.toThrow(/exports no CSV schema NO_SUCH_SCHEMA/);
    expect(await csvWorkers.read(file('full_name,organization_code', 'A,X'), PERSON_CSV, limits)).toMatchObject({ ok: true, rows: [{ line: 2 }] });
  }, 60_000);

  it('lets at most maxWaiting imports wait for a busy thread, refuses one more at once, and takes them again once threads are free', async () => {
    const good = () => file('full_name,organization_code', 'An,X');
    const queue = { ...limits, maxWaiting: 2 };
    expect(csvWorkers.full(queue.maxWaiting)).toBe(false);
    // All asked in the same turn of the event loop: every thread gets a file, two wait, the rest are refused.
    const reads = Array.from({ length: CSV_WORKERS + 4 }, () => csvWorkers.read(good(), PERSON_CSV, queue));
    expect(csvWorkers.full(queue.maxWaiting)).toBe(true);
    const outcomes = await Promise.allSettled(reads);
    expect(outcomes.map((o) => o.status)).toEqual([...Array(CSV_WORKERS + 2).fill('fulfilled'), 'rejected', 'rejected']);
    for (const o of outcomes.slice(CSV_WORKERS + 2)) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(CsvWorkersBusy);
    expect(csvWorkers.full(queue.maxWaiting)).toBe(false);
    // An import refused that way answers 503 with Retry-After and its code (the house error shape).
    const busy = [csvWorkers.read(good(), PERSON_CSV, { ...limits, maxWaiting: 0 })];
    for (let i = 1; i < CSV_WORKERS; i++) busy.push(csvWorkers.read(good(), PERSON_CSV, { ...limits, maxWaiting: 0 }));
    const refused = await parseCsv(good(), PERSON_CSV, new RowErrors(), { ...limits, maxWaiting: 0 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 503, retryAfterSeconds: 10, response: { code: 'server.imports_busy' } });
    await Promise.all(busy);
    expect(await csvWorkers.read(good(), PERSON_CSV, { ...limits, maxWaiting: 0 })).toMatchObject({ ok: true, rows: [{ line: 2 }] });
  }, 60_000);
});
