import { Workbook } from 'exceljs';
import { AccountsService } from '../../src/accounts/accounts.service';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../src/common/time/clock';
import { bearer, TEST_PASSWORD, type TestContext } from '../support/app';
import { csrfOf, signedIn as signIn } from '../support/session';
import { type Factories, startAdminApp } from '../support/factories';

const hn = (local: string) => new Date(`${local}+07:00`);
const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const code = () => randomUUID().slice(0, 8);

async function sheetRows(body: Buffer): Promise<string[][]> {
  const wb = new Workbook();
  await wb.xlsx.load(body as never);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/**
 * Indicators (chỉ số) and the ranking of a province's departments and districts: definitions, reported
 * values (API and import), participation counted from training, scores and ties, published snapshots,
 * exports, and who may do what.
 */
describe('indicators: definitions, values, ranking, snapshots, exports', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  const tokens: Record<string, string> = {};
  const org: Record<string, { id: string; code: string; name: string }> = {};
  const def: Record<string, string> = {};
  const YEAR = 2030;

  const ranking = (token: string, q: Record<string, string | number> = {}) =>
    ctx.http().get('/api/indicators/ranking').query({ period: YEAR, ...q }).set(bearer(token));
  const rowOf = (body: { rows: { organizationId: string }[] }, key: string) => body.rows.find((r) => r.organizationId === org[key].id) as unknown as Record<string, unknown> & { indicators: { code: string; value: number | null; score: number | null; missing: boolean }[] };

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    const p = await f.province('UBND tỉnh Lào Cai (thử)');
    const q = await f.province('UBND tỉnh Hà Giang (thử)');
    org.P = p;
    org.Q = q;
    org.D1 = await f.org({ parentId: p.id, name: 'Sở Thông tin và Truyền thông', code: `D1${code()}`, headcounts: [{ year: YEAR, officials: 4 }] });
    org.D2 = await f.org({ parentId: p.id, name: 'Sở Nội vụ', code: `D2${code()}` });
    // A name a spreadsheet would run as a formula: the export must keep it text.
    org.D3 = await f.org({ parentId: p.id, name: '=SUM(1+1) Sở Tài chính', code: `D3${code()}` });
    org.H1 = await f.org({ parentId: p.id, name: 'UBND huyện Bát Xát', kind: 'district', level: 'district', code: `H1${code()}` });
    org.H2 = await f.org({ parentId: p.id, name: 'UBND huyện Sa Pa', kind: 'district', level: 'district', code: `H2${code()}` });
    org.C1 = await f.org({ parentId: org.H1.id, name: 'UBND xã Bản Vược', kind: 'commune', level: 'commune', code: `C1${code()}` });
    org.QD = await f.org({ parentId: q.id, name: 'Sở Nội vụ Hà Giang', code: `QD${code()}` });
    tokens.admin = admin;
    tokens.organizer = await ctx.tokenFor('organizer', p.id);
    tokens.trainer = await ctx.tokenFor('trainer', p.id);
    tokens.viewer = await ctx.tokenFor('viewer', p.id);
    tokens.leader = await ctx.tokenFor('leader', p.id);
    tokens.outsider = await ctx.tokenFor('leader', q.id);
  });
  afterAll(async () => {
    ctx.app.get(Clock).set(null);
    await ctx.close();
  });

  describe('definitions', () => {
    it('defines reported and computed indicators (admins only), with their targets per group', async () => {
      const email = await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({
        code: 'EMAIL', nameVi: 'Tỷ lệ cán bộ dùng thư điện tử công vụ', nameEn: 'Officials using official e-mail', unit: 'percent', source: 'reported', weight: 2, targetDepartment: 50, targetDistrict: 30,
      }).expect(201);
      expect(email.body).toMatchObject({ code: 'EMAIL', unit: 'percent', source: 'reported', metric: null, weight: 2, targetDepartment: 50, targetDistrict: 30, thresholdGood: 80, thresholdFair: 65, thresholdAverage: 50, active: true });
      def.EMAIL = email.body.id;
      def.DOCS = (await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({ code: 'DOCS', nameVi: 'Văn bản trao đổi qua mạng', nameEn: 'Documents exchanged online', unit: 'percent', source: 'reported', weight: 1 }).expect(201)).body.id;
      def.TRAINED = (await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({
        code: 'TRAINED', nameVi: 'Tỷ lệ cán bộ được tập huấn', nameEn: 'Officials trained', unit: 'percent', source: 'participation', metric: 'headcount_trained', weight: 1, targetDepartment: 50, targetDistrict: 50,
      }).expect(201)).body.id;
      const list = await ctx.http().get('/api/indicators/definitions').set(bearer(tokens.viewer)).expect(200);
      expect(list.body.map((d: { code: string }) => d.code)).toEqual(['DOCS', 'EMAIL', 'TRAINED']);
    });

    it('refuses a computed indicator without its metric, a duplicate code and bad numbers with 4xx naming the field', async () => {
      const base = { nameVi: 'X', nameEn: 'X', unit: 'percent', weight: 1 };
      const noMetric = await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({ ...base, code: 'X1', source: 'participation' }).expect(400);
      expect(noMetric.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'metric' })]));
      const dup = await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({ ...base, code: 'EMAIL', source: 'reported' }).expect(409);
      expect(dup.body).toMatchObject({ code: 'indicators.code_taken', details: [{ field: 'code' }] });
      const bad = await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({ ...base, code: 'X2', source: 'reported', weight: 0, unit: 'kg' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['weight', 'unit']));
      const order = await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({ ...base, code: 'X3', source: 'reported', thresholdGood: 50, thresholdFair: 70 }).expect(400);
      expect(order.body.details[0].field).toBe('thresholdFair');
      for (const role of ['organizer', 'leader', 'viewer', 'trainer']) {
        await ctx.http().post('/api/indicators/definitions').set(bearer(tokens[role])).send({ ...base, code: `Y${role}`, source: 'reported' }).expect(403);
      }
    });
  });

  describe('reported values', () => {
    const csvOf = (rows: (string | number)[][]) => ['Mã chỉ số,Mã đơn vị,Năm,Giá trị,Ghi chú', ...rows.map((r) => r.join(','))].join('\n');

    it('refuses a whole file with bad rows, listing every bad row, and writes nothing', async () => {
      const csv = csvOf([
        ['EMAIL', org.D2.code, YEAR, 45, ''],
        ['NOPE', org.D2.code, YEAR, 10, ''],
        ['TRAINED', org.D2.code, YEAR, 10, ''],
        ['EMAIL', org.C1.code, YEAR, 10, ''],
        ['EMAIL', org.QD.code, YEAR, 10, ''],
        ['EMAIL', org.D2.code, YEAR, 'abc', ''],
        ['EMAIL', org.D2.code, YEAR, 46, 'lần hai'],
      ]);
      const res = await ctx.http().post('/api/indicators/values/import').set(bearer(tokens.organizer)).set('content-type', 'text/csv').send(csv).expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['row 3, indicator_code', 'row 4, indicator_code', 'row 5, organization_code', 'row 6, organization_code', 'row 8, year']));
      expect(fields.some((x: string) => x.startsWith('row 7,'))).toBe(true);
      expect(fields.some((x: string) => x.startsWith('row 2,'))).toBe(false);
      expect(res.body.message).toMatch(/nothing was imported/);
      const values = await ctx.http().get('/api/indicators/values').query({ period: YEAR }).set(bearer(tokens.organizer)).expect(200);
      expect(values.body).toEqual([]);
    });

    it('imports an XLSX workbook (dry run first: counts, nothing kept), then enters one value through the API', async () => {
      const wb = new Workbook();
      const ws = wb.addWorksheet('Số liệu');
      ws.addRow(['Mã chỉ số', 'Mã đơn vị', 'Năm', 'Giá trị', 'Ghi chú']);
      const data: [string, string, number][] = [['EMAIL', 'D1', 50], ['DOCS', 'D1', 80], ['EMAIL', 'D2', 40], ['DOCS', 'D2', 70], ['EMAIL', 'D3', 35], ['DOCS', 'D3', 90], ['EMAIL', 'H1', 30]];
      for (const [c, o, v] of data) ws.addRow([c, org[o].code, YEAR, v, 'Báo cáo năm']);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const dry = await ctx.http().post('/api/indicators/values/import?dryRun=true').set(bearer(tokens.organizer)).set('content-type', type).send(xlsx).expect(200);
      expect(dry.body).toEqual({ created: 7, updated: 0, unchanged: 0, dryRun: true });
      expect((await ctx.http().get('/api/indicators/values').query({ period: YEAR }).set(bearer(admin)).query({ organizationId: org.P.id }).expect(200)).body).toEqual([]);
      const done = await ctx.http().post('/api/indicators/values/import').set(bearer(tokens.organizer)).set('content-type', type).send(xlsx).expect(200);
      expect(done.body).toEqual({ created: 7, updated: 0, unchanged: 0, dryRun: false });
      const put = await ctx.http().put('/api/indicators/values').set(bearer(tokens.organizer)).send({ definitionId: def.DOCS, organizationId: org.H1.id, year: YEAR, value: 40 }).expect(200);
      expect(put.body).toMatchObject({ value: 40, year: YEAR });
      const values = await ctx.http().get('/api/indicators/values').query({ period: YEAR }).set(bearer(tokens.leader)).expect(200);
      expect(values.body).toHaveLength(8);
    });

    it('refuses values of computed indicators, of non-agencies, out of scope, and from read-only roles', async () => {
      const put = (token: string, body: object) => ctx.http().put('/api/indicators/values').set(bearer(token)).send({ definitionId: def.EMAIL, organizationId: org.D2.id, year: YEAR, value: 10, ...body });
      expect((await put(admin, { definitionId: def.TRAINED }).expect(400)).body.code).toBe('indicators.not_reported');
      expect((await put(admin, { organizationId: org.C1.id }).expect(400)).body).toMatchObject({ code: 'indicators.not_an_agency', details: [{ field: 'organizationId' }] });
      await put(tokens.organizer, { organizationId: org.QD.id }).expect(403);
      expect((await put(admin, { value: -1, year: 3000 }).expect(400)).body.details.map((d: { field: string }) => d.field).sort()).toEqual(['value', 'year']);
      for (const role of ['leader', 'viewer', 'trainer']) await put(tokens[role], {}).expect(403);
    });
  });

  describe('participation counted from training', () => {
    it("counts officials who completed a class against the agency's headcount of the year", async () => {
      const clock = ctx.app.get(Clock);
      clock.set(hn(`${YEAR}-03-01T09:00`));
      const program = await ctx.http().post('/api/training/programs').set(bearer(admin)).send({
        code: `TH-LC${code().toUpperCase().replace(/[^A-Z0-9]/g, 'X').slice(0, 4)}`, name: `Tập huấn CNTT ${YEAR}`, year: YEAR, organizerOrganizationId: org.D1.id,
      }).expect(201);
      const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
        kind: 'training_class', title: 'Lớp tập huấn an toàn thông tin', format: 'in_person', hostOrganizationId: org.D1.id, venueName: `Phòng học ${code()}`,
        sessions: [{ startsAt: `${YEAR}-03-10T08:00`, endsAt: `${YEAR}-03-10T11:00` }],
      }).expect(201);
      await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
      await ctx.http().post(`/api/training/programs/${program.body.id}/classes`).set(bearer(admin)).send({ eventId: ev.body.id }).expect(201);
      const [a, b] = [await f.person(org.D1.id), await f.person(org.D1.id)];
      const ea = (await ctx.http().post(`/api/events/${ev.body.id}/enrollments`).set(bearer(admin)).send({ personId: a.id }).expect(201)).body;
      const eb = (await ctx.http().post(`/api/events/${ev.body.id}/enrollments`).set(bearer(admin)).send({ personId: b.id }).expect(201)).body;
      clock.set(hn(`${YEAR}-03-10T12:00`));
      await ctx.http().put(`/api/training/classes/${ev.body.id}/attendance?sessionId=${ev.body.sessions[0].id}`).set(bearer(admin))
        .send({ records: [{ participantId: ea.participantId, status: 'present' }, { participantId: eb.participantId, status: 'absent' }] }).expect(200);
      // Attendance and certificates, as extra computed indicators (inactive afterwards, so the ranking below keeps three).
      const extra = async (c: string, metric: string, unit: string) =>
        (await ctx.http().post('/api/indicators/definitions').set(bearer(admin)).send({ code: c, nameVi: c, nameEn: c, unit, source: 'participation', metric, weight: 1, active: true, ...(unit === 'count' ? { targetDepartment: 2, targetDistrict: 2 } : {}) }).expect(201)).body.id;
      await extra('ATTEND', 'attendance_rate', 'percent');
      await extra('CERTS', 'certificates_issued', 'count');
      await extra('ANSWERED', 'invitations_answered', 'percent');
      const res = await ranking(tokens.leader).expect(200);
      const d1 = rowOf(res.body, 'D1');
      const cell = (c: string) => d1.indicators.find((i) => i.code === c)!;
      expect(cell('TRAINED')).toMatchObject({ value: 25, score: 50, missing: false });
      expect(cell('ATTEND')).toMatchObject({ value: 50, score: 50 });
      expect(cell('CERTS')).toMatchObject({ value: 1, score: 50 });
      // The class's enrolments were never sent as invitations: nothing to answer is not applicable, not 0%.
      expect(cell('ANSWERED')).toMatchObject({ value: null, score: null });
      // No headcount, nothing to divide by: not applicable, not zero.
      expect(rowOf(res.body, 'D2').indicators.find((i) => i.code === 'TRAINED')).toMatchObject({ value: null, score: null });
    });

    afterAll(async () => {
      // Leave only EMAIL, DOCS and TRAINED in the score for the ranking tests.
      const { DataSource } = await import('typeorm');
      await ctx.app.get(DataSource).query(`UPDATE indicator_definitions SET active = false WHERE code IN ('ATTEND','CERTS','ANSWERED')`);
    });
  });

  describe('ranking', () => {
    it('scores, levels and ranks with ties (1, 2, 3, 3, 5), overall and per group, with the shares per level', async () => {
      const res = await ranking(tokens.leader).expect(200);
      expect(res.body).toMatchObject({ period: String(YEAR), organizationId: org.P.id, snapshot: null });
      expect(res.body.rows.map((r: { organizationId: string; score: number; level: string; rank: number; groupRank: number }) => [r.organizationId, r.score, r.level, r.rank, r.groupRank])).toEqual([
        [org.D1.id, 82.5, 'good', 1, 1],
        [org.H1.id, 80, 'good', 2, 1],
        // A tie shares its rank; tied agencies follow in Vietnamese name order ('=SUM…' sorts before 'Sở Nội vụ').
        [org.D3.id, 76.67, 'fair', 3, 2],
        [org.D2.id, 76.67, 'fair', 3, 2],
        [org.H2.id, 0, 'weak', 5, 2],
      ]);
      // The commune below H1 and the other province's department are not ranked here.
      expect(res.body.rows).toHaveLength(5);
      expect(rowOf(res.body, 'H2').indicators.filter((i) => i.missing).map((i) => i.code).sort()).toEqual(['DOCS', 'EMAIL']);
      expect(res.body.shares.overall).toEqual([
        { level: 'good', count: 2, percent: 40 }, { level: 'fair', count: 2, percent: 40 }, { level: 'average', count: 0, percent: 0 }, { level: 'weak', count: 1, percent: 20 },
      ]);
      expect(res.body.shares.district).toEqual(expect.arrayContaining([{ level: 'good', count: 1, percent: 50 }]));
      const districts = await ranking(tokens.leader, { group: 'district' }).expect(200);
      expect(districts.body.rows.map((r: { organizationId: string }) => r.organizationId)).toEqual([org.H1.id, org.H2.id]);
    });

    it("ranks the caller's scope by default; an unscoped caller names the province; others' provinces are 403", async () => {
      expect((await ranking(admin).expect(400)).body).toMatchObject({ code: 'indicators.root_required', details: [{ field: 'organizationId' }] });
      expect((await ranking(admin, { organizationId: org.P.id }).expect(200)).body.rows).toHaveLength(5);
      await ranking(tokens.outsider, { organizationId: org.P.id }).expect(403);
      expect((await ranking(tokens.outsider).expect(200)).body.rows.map((r: { name: string }) => r.name)).toEqual(['Sở Nội vụ Hà Giang']);
      for (const role of ['organizer', 'trainer', 'viewer']) await ranking(tokens[role]).expect(200);
      await ranking(tokens.leader, { period: '20x4' }).expect(400);
      await ranking(tokens.leader, { group: 'commune' }).expect(400);
    });
  });

  describe('snapshots', () => {
    let v1: string;
    it('freezes a published ranking: later corrections change the live ranking, never the published one', async () => {
      const pub = await ctx.http().post('/api/indicators/snapshots').set(bearer(tokens.leader)).send({ period: String(YEAR) }).expect(201);
      expect(pub.body).toMatchObject({ organizationId: org.P.id, period: String(YEAR), version: 1, publishedBy: expect.stringContaining('@') });
      v1 = pub.body.id;
      await ctx.http().put('/api/indicators/values').set(bearer(tokens.organizer)).send({ definitionId: def.EMAIL, organizationId: org.D3.id, year: YEAR, value: 50 }).expect(200);
      const live = await ranking(tokens.leader).expect(200);
      expect(rowOf(live.body, 'D3')).toMatchObject({ score: 96.67, rank: 1 });
      const frozen = await ctx.http().get(`/api/indicators/snapshots/${v1}`).set(bearer(tokens.viewer)).expect(200);
      expect(rowOf(frozen.body, 'D3')).toMatchObject({ score: 76.67, rank: 3 });
      expect(frozen.body.snapshot).toMatchObject({ id: v1, version: 1 });
      const again = await ctx.http().post('/api/indicators/snapshots').set(bearer(tokens.organizer)).send({ period: String(YEAR) }).expect(201);
      expect(again.body.version).toBe(2);
      const list = await ctx.http().get('/api/indicators/snapshots').query({ period: YEAR }).set(bearer(tokens.leader)).expect(200);
      expect(list.body.map((s: { version: number }) => s.version)).toEqual([2, 1]);
      expect(rowOf((await ctx.http().get(`/api/indicators/snapshots/${v1}`).set(bearer(tokens.leader)).expect(200)).body, 'D3').score).toBe(76.67);
    });

    it('lets admins, organizers and leaders publish in their scope; viewers and trainers never', async () => {
      for (const role of ['viewer', 'trainer']) await ctx.http().post('/api/indicators/snapshots').set(bearer(tokens[role])).send({ period: String(YEAR) }).expect(403);
      await ctx.http().post('/api/indicators/snapshots').set(bearer(tokens.outsider)).send({ period: String(YEAR), organizationId: org.P.id }).expect(403);
      await ctx.http().get(`/api/indicators/snapshots/${v1}`).set(bearer(tokens.outsider)).expect(403);
      expect((await ctx.http().get(`/api/indicators/snapshots/${randomUUID()}`).set(bearer(admin)).expect(404)).body.code).toBe('indicators.snapshot_not_found');
      await ctx.http().get('/api/indicators/snapshots/not-a-uuid').set(bearer(admin)).expect(400);
      // The period and the province are checked alike on every read and on publishing (PeriodQuery).
      for (const bad of [
        ctx.http().get('/api/indicators/ranking?period=14').set(bearer(admin)),
        ctx.http().get('/api/indicators/values?period=2014&organizationId=x').set(bearer(admin)),
        ctx.http().post('/api/indicators/snapshots').set(bearer(admin)).send({ period: 'năm nay' }),
      ]) {
        const res = await bad.expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([expect.stringMatching(/^(period|organizationId)$/)]);
      }
    });
  });

  describe('exports', () => {
    it('downloads the ranking as XLSX by default: Vietnamese headers, one line per agency, formula-like names kept as text', async () => {
      const res = await ctx.http().get('/api/indicators/ranking/export').query({ period: YEAR }).set(bearer(tokens.leader)).buffer(true).parse(binary as never).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(`xep-hang-chi-so-${YEAR}.xlsx`);
      const rows = await sheetRows(res.body);
      expect(rows[0]).toEqual(['Hạng', 'Hạng trong khối', 'Cơ quan, đơn vị', 'Khối', 'Điểm', 'Mức', 'Văn bản trao đổi qua mạng (DOCS)', 'Tỷ lệ cán bộ dùng thư điện tử công vụ (EMAIL)', 'Tỷ lệ cán bộ được tập huấn (TRAINED)']);
      expect(rows[1]).toEqual(['1', '1', "'=SUM(1+1) Sở Tài chính", 'Sở, ban, ngành', '96.67', 'Tốt', '90', '50', '']);
      expect(rows[2]).toEqual(['2', '2', 'Sở Thông tin và Truyền thông', 'Sở, ban, ngành', '82.5', 'Tốt', '80', '50', '25']);
      expect(rows.slice(1, 6).map((r) => r[2])).toContain('UBND huyện Sa Pa');
    });

    it('downloads a published version as CSV with a BOM, its number and date dd/MM/yyyy', async () => {
      const res = await ctx.http().get('/api/indicators/ranking/export').query({ period: YEAR, format: 'csv', version: 1 }).set(bearer(tokens.leader)).buffer(true).parse(binary as never).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('Hạng,Hạng trong khối,"Cơ quan, đơn vị",Khối,Điểm,Mức,Văn bản trao đổi qua mạng (DOCS),Tỷ lệ cán bộ dùng thư điện tử công vụ (EMAIL),Tỷ lệ cán bộ được tập huấn (TRAINED)');
      expect(lines[3]).toBe("3,2,'=SUM(1+1) Sở Tài chính,\"Sở, ban, ngành\",76.67,Khá,90,35,");
      expect(lines[4]).toBe('3,2,Sở Nội vụ,"Sở, ban, ngành",76.67,Khá,70,40,');
      expect(body.toString('utf8')).toMatch(/Bản công bố số 1: \d{2}\/\d{2}\/\d{4} \(/);
      await ctx.http().get('/api/indicators/ranking/export').query({ period: YEAR, version: 9 }).set(bearer(tokens.leader)).expect(404);
      await ctx.http().get('/api/indicators/ranking/export').query({ period: YEAR, format: 'pdf' }).set(bearer(tokens.leader)).expect(400);
    });
  });
  describe('pages (/app/indicators)', () => {
    async function signedIn(role: string, scope: string | null) {
      const email = `${role}-${code()}@pages.test`;
      await ctx.app.get(AccountsService).ensureUser({ email, password: TEST_PASSWORD, role: role as never, displayName: role, scopeOrganizationId: scope });
      return signIn(ctx, email);
    }

    it('shows a viewer the ranking of its scope without the publish form, and refuses its publishing', async () => {
      const agent = await signedIn('viewer', org.P.id);
      const page = await agent.get(`/app/indicators?period=${YEAR}`).expect(200);
      expect(page.text).toContain('Xếp hạng ứng dụng CNTT');
      expect(page.text).toContain(`data-organization="${org.D1.id}"`);
      expect(page.text).not.toContain('action="/app/indicators/publish"');
      await agent.post('/app/indicators/publish').type('form').send({ _csrf: csrfOf(page.text), period: String(YEAR) }).expect(403);
      const detail = await agent.get(`/app/indicators/agencies/${org.H2.id}?period=${YEAR}`).expect(200);
      expect(detail.text).toContain('chưa báo cáo');
    });

    it('lets an unscoped admin choose the province; a bad id is a 400 page, another province a 403 page', async () => {
      const agent = await signedIn('admin', null);
      expect((await agent.get('/app/indicators').expect(200)).text).toContain('Chọn tỉnh để xem xếp hạng.');
      await agent.get('/app/indicators?organizationId=not-a-uuid').expect(400);
      await agent.get(`/app/indicators?organizationId=${org.P.id}&period=20x0`).expect(400);
      expect((await agent.get(`/app/indicators?organizationId=${org.P.id}&period=${YEAR}`).expect(200)).text).toContain(`data-organization="${org.H1.id}"`);
      const outsider = await signedIn('leader', org.Q.id);
      await outsider.get(`/app/indicators?organizationId=${org.P.id}`).expect(403);
    });

    it('downloads what the page shows, for a trainer too (CSV with BOM)', async () => {
      const agent = await signedIn('trainer', org.P.id);
      const res = await agent.get(`/app/indicators/export?period=${YEAR}&format=csv&group=district`).buffer(true).parse(binary as never).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const text = (res.body as Buffer).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain('UBND huyện Bát Xát');
      expect(text).not.toContain('Sở Nội vụ');
    });
  });
});
