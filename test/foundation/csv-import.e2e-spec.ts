import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

describe('CSV import, all or nothing', () => {
  let ctx: TestContext, admin: string, f: Factories;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    await f.province('UBND tỉnh Hà Giang', '02');
  });
  afterAll(() => ctx.close());

  const importCsv = (kind: 'organizations' | 'people', body: string | Buffer, query = '', token = admin) =>
    ctx.http().post(`/api/${kind}/import${query}`).set(bearer(token)).set('content-type', 'text/csv; charset=utf-8').send(body);
  const count = async (path: string) => (await ctx.http().get(path).set(bearer(admin)).expect(200)).body.total as number;

  it('imports organizations with Vietnamese headers and a BOM, parents given later in the same file', async () => {
    const csv =
      '\uFEFFMã,Tên,Tên viết tắt,Loại,Cấp,Mã đơn vị cha,Năm,Biên chế\n' +
      '00691,UBND phường Trần Phú,,commune,commune,024,2015,25\n' +
      '024,UBND thành phố Hà Giang,TP Hà Giang,district,district,02,2015,180\n' +
      '"02.STTTT","Sở Thông tin và Truyền thông tỉnh Hà Giang","Sở TT&TT, Hà Giang",department,province,02,2015,52\n';
    const res = await importCsv('organizations', csv).expect(200);
    expect(res.body).toEqual({ created: 3, updated: 0, unchanged: 0, dryRun: false });
    const ward = await ctx.http().get('/api/organizations?q=tran phu').set(bearer(admin)).expect(200);
    expect(ward.body.items[0]).toMatchObject({ name: 'UBND phường Trần Phú', depth: 2 });
    const dept = await ctx.http().get('/api/organizations?q=02.sttt').set(bearer(admin)).expect(200);
    expect(dept.body.items[0].shortName).toBe('Sở TT&TT, Hà Giang');
  });

  it('refuses a parent chain deeper than the tree may be with one row error, not a stack overflow', async () => {
    // 50,000 rows, each the parent of the next: a hostile file, answered quickly with a 400.
    const rows = Array.from({ length: 50_000 }, (_, i) => `DEEP${i},Đơn vị ${i},department,commune,${i === 0 ? '02' : `DEEP${i - 1}`}`);
    const res = await importCsv('organizations', ['code,name,kind,level,parent_code', ...rows].join('\n')).expect(400);
    expect(res.body.details.length).toBeGreaterThan(0);
    expect(res.body.details.every((d: { message: string }) => /deeper than 16 levels/.test(d.message))).toBe(true);
    // A chain that fits is imported.
    const fits = Array.from({ length: 10 }, (_, i) => `OK${i},Đơn vị ${i},department,commune,${i === 0 ? '02' : `OK${i - 1}`}`);
    expect((await importCsv('organizations', ['code,name,kind,level,parent_code', ...fits].join('\n')).expect(200)).body.created).toBe(10);
  });

  it('updates by code on a second import and reports created/updated', async () => {
    const csv = 'code,name,kind,level,parent_code\n024,UBND Thành phố Hà Giang (mới),district,district,02\n025,UBND huyện Đồng Văn,district,district,02\n';
    const res = await importCsv('organizations', csv).expect(200);
    expect(res.body).toEqual({ created: 1, updated: 1, unchanged: 0, dryRun: false });
  });

  it('rejects a file with bad rows as a whole, listing every bad row, column and reason', async () => {
    const before = await count('/api/organizations');
    const csv =
      'code,name,kind,level,parent_code\n' +
      'OK.1,Đơn vị tốt,department,province,02\n' +
      'BAD.1,,department,province,02\n' +
      'BAD.2,Loại sai,planet,province,02\n' +
      'BAD.3,Cha không có,department,province,NOPE\n' +
      'OK.1,Trùng mã,department,province,02\n' +
      'LOOP.A,Vòng A,other,province,LOOP.B\n' +
      'LOOP.B,Vòng B,other,province,LOOP.A\n';
    const res = await importCsv('organizations', csv).expect(400);
    expect(res.body.message).toMatch(/nothing was imported/);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['row 3, name', 'row 4, kind', 'row 5, parent_code', 'row 6, code', 'row 7, parent_code']));
    expect(res.body.details.find((d: { field: string }) => d.field === 'row 5, parent_code').message).toBe('no organization with code NOPE');
    expect(res.body.details.find((d: { field: string }) => d.field === 'row 6, code').message).toBe('code OK.1 appears again (first on row 2)');
    expect(await count('/api/organizations')).toBe(before);
  });

  it('imports people, matching existing ones by e-mail without regard to case', async () => {
    const csv =
      'Họ và tên;Chức vụ;Mã đơn vị;Email;Điện thoại;Lãnh đạo\n' +
      'Nguyễn Văn Sơn;Phó Chủ tịch UBND tỉnh – Trưởng Ban Chỉ đạo CNTT;02;NVSon@HaGiang.gov.vn;0219 3866 001;có\n' +
      'Lý Thị Hơn;Giám đốc Sở TT&TT;02.STTTT;lthon@hagiang.gov.vn;;x\n' +
      'Trần Văn Không Email;Chuyên viên;024;;;\n';
    const first = await importCsv('people', csv).expect(200);
    expect(first.body).toEqual({ created: 3, updated: 0, unchanged: 0, dryRun: false });
    // Same people again, e-mail in another case and one phone changed: one update, nobody created twice
    // (the e-mail-less row matches the e-mail-less person of the same name and organization).
    const again = await importCsv('people', csv.replace('NVSon@HaGiang.gov.vn', 'nvson@hagiang.gov.vn').replace('0219 3866 001', '0219 3866 002')).expect(200);
    expect(again.body).toEqual({ created: 0, updated: 1, unchanged: 2, dryRun: false });
    expect((await ctx.http().get('/api/people?q=khong email').set(bearer(admin)).expect(200)).body.total).toBe(1);
    const son = await ctx.http().get('/api/people?q=nguyen van son').set(bearer(admin)).expect(200);
    expect(son.body.items).toHaveLength(1);
    expect(son.body.items[0]).toMatchObject({ email: 'nvson@hagiang.gov.vn', isLeader: true, title: 'Phó Chủ tịch UBND tỉnh – Trưởng Ban Chỉ đạo CNTT' });
  });

  it('asks for e-mails when names without e-mail are ambiguous', async () => {
    const csv = 'full_name,organization_code\nTrùng Tên,02\nTrùng Tên,02\n';
    const res = await importCsv('people', csv).expect(400);
    expect(res.body.details).toEqual([{ field: 'row 3, full_name', message: expect.stringContaining('appears again in the same organization') }]);
  });

  it('rejects a people file with one bad row and writes none of the good rows', async () => {
    const before = await count('/api/people');
    const csv =
      'full_name,organization_code,email,is_leader\n' +
      'Người Tốt,02,tot@example.gov.vn,không\n' +
      'Người Sai Email,02,not-an-email,\n' +
      'Người Sai Đơn Vị,ZZZ,zzz@example.gov.vn,\n' +
      'Người Trùng,02,TOT@example.gov.vn,\n' +
      'Người Lãnh Đạo?,02,ld@example.gov.vn,maybe\n';
    const res = await importCsv('people', csv).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['row 3, email', 'row 4, organization_code', 'row 5, email', 'row 6, is_leader']),
    );
    expect(await count('/api/people')).toBe(before);
  });

  it('reports exactly what an import would do when dryRun=true, and writes nothing', async () => {
    const before = await count('/api/people');
    const csv = 'full_name,organization_code,email,title\nThử Nghiệm,02,\nLý Thị Hơn,02.STTTT,lthon@hagiang.gov.vn,Giám đốc\nNguyễn Văn Sơn,02,nvson@hagiang.gov.vn,Phó Chủ tịch UBND tỉnh – Trưởng Ban Chỉ đạo CNTT\n';
    const res = await importCsv('people', csv, '?dryRun=true').expect(200);
    expect(res.body).toEqual({ created: 1, updated: 2, unchanged: 0, dryRun: true });
    expect(await count('/api/people')).toBe(before);
    const hon = await ctx.http().get('/api/people?q=lthon').set(bearer(admin)).expect(200);
    expect(hon.body.items[0].title).toBe('Giám đốc Sở TT&TT');
  });

  it('leaves unchanged rows alone on a re-import and says so', async () => {
    const csv = 'code,name,kind,level,parent_code,headcount_year,headcount\n026,UBND huyện Mèo Vạc,district,district,02,2015,120\n027,UBND huyện Yên Minh,district,district,02,2015,110\n';
    expect((await importCsv('organizations', csv).expect(200)).body).toEqual({ created: 2, updated: 0, unchanged: 0, dryRun: false });
    const before = (await ctx.http().get('/api/organizations?q=meo vac').set(bearer(admin)).expect(200)).body.items[0];
    expect((await importCsv('organizations', csv).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: 2, dryRun: false });
    const after = (await ctx.http().get('/api/organizations?q=meo vac').set(bearer(admin)).expect(200)).body.items[0];
    expect(after.updatedAt).toBe(before.updatedAt);
    // A changed headcount alone counts as an update of that organization; the other row stays unchanged.
    const more = csv.replace(',120', ',125');
    expect((await importCsv('organizations', more).expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: 1, dryRun: false });
  });

  it('re-imports an unchanged people file without writing a row, then updates only the one row that changed', async () => {
    const csv =
      'full_name,title,organization_code,email,phone,is_leader\n' +
      'Hoàng Văn Một,Chuyên viên,02,mot@hagiang.gov.vn,0219 1,\n' +
      'Hoàng Thị Hai,Phó Giám đốc,02.STTTT,Hai@HaGiang.gov.vn,,có\n' +
      'Hoàng Văn Ba Không Email,Chuyên viên,024,,,\n';
    expect((await importCsv('people', csv).expect(200)).body).toEqual({ created: 3, updated: 0, unchanged: 0, dryRun: false });
    const stamps = async () => {
      const items = (await ctx.http().get('/api/people?q=hoang&limit=200').set(bearer(admin)).expect(200)).body.items as { id: string; updatedAt: string }[];
      return Object.fromEntries(items.map((p) => [p.id, p.updatedAt]));
    };
    const before = await stamps();
    expect(Object.keys(before)).toHaveLength(3);
    expect((await importCsv('people', csv).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: 3, dryRun: false });
    expect(await stamps()).toEqual(before);
    const one = await importCsv('people', csv.replace('0219 1', '0219 9')).expect(200);
    expect(one.body).toEqual({ created: 0, updated: 1, unchanged: 2, dryRun: false });
    const after = await stamps();
    expect(Object.keys(after).filter((id) => after[id] !== before[id])).toHaveLength(1);
  });

  it('refuses a file that is not UTF-8 (e.g. saved as Windows-1258) with a 400 that says so', async () => {
    const latin = Buffer.from([...Buffer.from('full_name,organization_code\nNguy'), 0xea, 0xf1, ...Buffer.from(',02\n')]);
    const res = await importCsv('people', latin).expect(400);
    expect(res.body.details).toEqual([{ field: 'body', message: 'is not valid UTF-8' }]);
  });

  it('refuses unknown columns, empty files and a JSON body with clear 400s', async () => {
    const unknown = await importCsv('people', 'full_name,organization_code,shoe_size\nA,02,42\n').expect(400);
    expect(unknown.body.details[0].field).toBe('row 1, shoe_size');
    const empty = await importCsv('people', 'full_name,organization_code\n').expect(400);
    expect(empty.body.message).toBe('The file has no data rows');
    const json = await ctx.http().post('/api/people/import').set(bearer(admin)).send({ rows: [] }).expect(400);
    expect(json.body.details[0].field).toBe('body');
  });

  it('keeps a scoped organizer inside their subtree', async () => {
    const hg = (await ctx.http().get('/api/organizations?q=02&kind=province').set(bearer(admin)).expect(200)).body.items[0];
    const other = await f.province('Tỉnh Khác', '99');
    const organizer = await ctx.tokenFor('organizer', hg.id);
    const res = await importCsv('organizations', 'code,name,kind,level,parent_code\nIN.1,Trong,other,province,02\nOUT.1,Ngoài,other,province,99\nROOT.1,Gốc,province,province,\n', '', organizer).expect(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'row 3, parent_code', message: 'is outside your scope' },
        { field: 'row 4, parent_code', message: 'is required: you may only import inside your scope' },
      ]),
    );
    expect(other.code).toBe('99');
    const people = await importCsv('people', 'full_name,organization_code\nNgười Ngoài,99\n', '', organizer).expect(400);
    expect(people.body.details).toEqual([{ field: 'row 2, organization_code', message: 'is outside your scope' }]);
  });
});
