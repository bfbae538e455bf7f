import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service';
import { csrfOf, signedIn as signIn } from '../support/session';
import { bearer, TEST_PASSWORD } from '../support/app';
import { type MailApp, startMailApp } from '../support/mail-app';


/** The workspace's administration: the same services, roles and scope as /api/organizations, /api/people, /api/users and their imports. */
describe('workspace administration', () => {
  let m: MailApp;
  let province: { id: string; code: string };
  beforeAll(async () => {
    // A small upload limit, to see a larger file refused before any work.
    m = await startMailApp({ CSV_LIMIT_BYTES: '4096' });
    province = await m.f.province('Tỉnh Hà Giang', '02');
    await m.ctx.http().patch(`/api/organizations/${province.id}`).set(bearer(m.admin)).send({ headcounts: [{ year: 2014, officials: 1200 }, { year: 2015, officials: 1234 }] }).expect(200);
    await m.f.person(province.id, { fullName: 'Nguyễn Văn Sơn', title: 'Phó Chủ tịch' });
    const accounts = m.ctx.app.get(AccountsService);
    await accounts.ensureUser({ email: 'admin@ws.test', password: TEST_PASSWORD, role: 'admin', displayName: 'Quản trị' });
    await accounts.ensureUser({ email: 'organizer@ws.test', password: TEST_PASSWORD, role: 'organizer', displayName: 'Tổ chức', scopeOrganizationId: province.id });
  });
  afterAll(() => m.close());

  const signedIn = (email: string) => signIn(m.ctx, email);

  it('shows an organizer the organizations in scope with headcounts, and finds officials without diacritics', async () => {
    const agent = await signedIn('organizer@ws.test');
    const list = await agent.get('/app/admin/organizations?q=ha giang').expect(200);
    expect(list.text).toContain('Tỉnh Hà Giang');
    const org = await agent.get(`/app/admin/organizations/${province.id}`).expect(200);
    expect(org.text).toContain('<td data-year="2015">1234</td>');
    expect(org.text).toContain('Nguyễn Văn Sơn');
    const people = await agent.get('/app/admin/people?q=nguyen van son').expect(200);
    expect(people.text).toContain('Nguyễn Văn Sơn');
    // Accounts are the administrators' only, as /api/users.
    const accounts = await agent.get('/app/admin/accounts').expect(403);
    expect(accounts.text).toContain('Không có quyền');
    expect(list.text).not.toContain('/app/admin/accounts"');
    await agent.get('/app/admin/organizations/not-a-uuid').expect(400);
  });

  it('shows every row problem of a refused CSV and writes nothing; a dry run counts; the real import writes', async () => {
    const agent = await signedIn('organizer@ws.test');
    const page = await agent.get('/app/admin/import').expect(200);
    const bad = 'full_name,title,organization_code,email\nLò Văn Páo,Chuyên viên,02,khong-phai-email\n,Chuyên viên,02,a@hagiang.gov.vn\n';
    const refused = await agent.post('/app/admin/import').type('form').send({ _csrf: csrfOf(page.text), kind: 'people', csv: bad }).expect(400);
    expect(refused.text).toContain('Tệp chưa được nhập: 3 lỗi');
    expect(refused.text).toMatch(/row 2, email/);
    expect(refused.text).toMatch(/row 3, full_name/);
    expect(refused.text).toContain('Lò Văn Páo');
    // Neither a file nor pasted text: said so, nothing imported.
    const empty = await agent.post('/app/admin/import').type('form').send({ _csrf: csrfOf(page.text), kind: 'people', csv: '  ' }).expect(400);
    expect(empty.text).toContain('Hãy chọn tệp CSV hoặc dán nội dung.');
    const good = 'full_name,title,organization_code,email\nLò Văn Páo,Chuyên viên,02,pao.lv@hagiang.gov.vn\n';
    const dry = await agent.post('/app/admin/import').type('form').send({ _csrf: csrfOf(page.text), kind: 'people', csv: good, dryRun: 'true' }).expect(200);
    expect(dry.text).toContain('Kiểm tra xong (chưa ghi): 1 mới, 0 cập nhật, 0 không đổi.');
    expect((await m.ctx.http().get('/api/people?q=lo van pao').set(bearer(m.admin)).expect(200)).body.items).toHaveLength(0);
    const done = await agent.post('/app/admin/import').type('form').send({ _csrf: csrfOf(page.text), kind: 'people', csv: good }).expect(200);
    expect(done.text).toContain('Đã nhập: 1 mới, 0 cập nhật, 0 không đổi.');
    expect((await m.ctx.http().get('/api/people?q=lo van pao').set(bearer(m.admin)).expect(200)).body.items).toHaveLength(1);
  });

  it('imports an uploaded CSV file (multipart) with its row problems shown, refuses one without the form token and one over the size limit', async () => {
    const agent = await signedIn('organizer@ws.test');
    const page = await agent.get('/app/admin/import').expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    const bad = Buffer.from('Họ và tên,Chức vụ,Mã đơn vị,Email\nMùa A Sử,Chuyên viên,02,khong-phai-email\n', 'utf8');
    const refused = await agent.post('/app/admin/import').field('_csrf', csrfOf(page.text)).field('kind', 'people').attach('file', bad, { filename: 'can-bo.csv', contentType: 'text/csv' }).expect(400);
    expect(refused.text).toContain('Tệp chưa được nhập: 1 lỗi');
    expect(refused.text).toMatch(/row 2, email/);
    expect(refused.text).toContain('Tệp vừa gửi: can-bo.csv');
    const good = Buffer.from('Họ và tên,Chức vụ,Mã đơn vị,Email\nMùa A Sử,Chuyên viên,02,su.ma@hagiang.gov.vn\n', 'utf8');
    const done = await agent.post('/app/admin/import').field('_csrf', csrfOf(page.text)).field('kind', 'people').attach('file', good, { filename: 'can-bo.csv', contentType: 'text/csv' }).expect(200);
    expect(done.text).toContain('Đã nhập: 1 mới, 0 cập nhật, 0 không đổi.');
    expect((await m.ctx.http().get('/api/people?q=mua a su').set(bearer(m.admin)).expect(200)).body.items).toHaveLength(1);
    // Without the form's token (another site's form): refused before the import runs.
    await agent.post('/app/admin/import').field('kind', 'people').attach('file', good, { filename: 'x.csv', contentType: 'text/csv' }).expect(403);
    // Over the limit: 413 while reading, nothing parsed.
    const big = Buffer.concat([good, Buffer.alloc(5000, 'a')]);
    const over = await agent.post('/app/admin/import').field('_csrf', csrfOf(page.text)).field('kind', 'people').attach('file', big, { filename: 'big.csv', contentType: 'text/csv' });
    expect(over.status).toBe(413);
  });

  it('reads a multipart form as a browser sends it: no file chosen is an empty part (the pasted text is used, or the form is empty); too many fields is refused', async () => {
    const agent = await signedIn('organizer@ws.test');
    const page = await agent.get('/app/admin/import').expect(200);
    const noFile = Buffer.alloc(0);
    const pasted = 'Họ và tên,Chức vụ,Mã đơn vị,Email\nGiàng Seo Phử,Chuyên viên,02,phu.giang@hagiang.gov.vn\n';
    const dry = await agent.post('/app/admin/import').field('_csrf', csrfOf(page.text)).field('kind', 'people').field('csv', pasted).field('dryRun', 'true').attach('file', noFile, { filename: '', contentType: 'application/octet-stream' }).expect(200);
    expect(dry.text).toContain('Kiểm tra xong (chưa ghi): 1 mới, 0 cập nhật, 0 không đổi.');
    const empty = await agent.post('/app/admin/import').field('_csrf', csrfOf(page.text)).field('kind', 'people').field('csv', '').attach('file', noFile, { filename: '', contentType: 'application/octet-stream' }).expect(400);
    expect(empty.text).toContain('Hãy chọn tệp CSV hoặc dán nội dung.');
    let many = agent.post('/app/admin/import').field('_csrf', csrfOf(page.text));
    for (let i = 0; i < 25; i++) many = many.field(`f${i}`, 'x');
    const refused = await many;
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });

  it('lets an administrator create an account and deactivate it, which ends its session', async () => {
    const admin = await signedIn('admin@ws.test');
    const page = await admin.get('/app/admin/accounts').expect(200);
    const invalid = await admin.post('/app/admin/accounts').type('form').send({ _csrf: csrfOf(page.text), email: 'not-an-email', displayName: 'X', password: 'short', role: 'viewer' }).expect(400);
    expect(invalid.text).toContain('aria-invalid="true"');
    await admin.post('/app/admin/accounts').type('form').send({ _csrf: csrfOf(page.text), email: 'lanh-dao@ws.test', displayName: 'Lãnh đạo Sở', password: 'mat-khau-lanh-dao', role: 'viewer', scopeOrganizationId: province.id }).expect(303).expect('location', '/app/admin/accounts?done=account');
    const taken = await admin.post('/app/admin/accounts').type('form').send({ _csrf: csrfOf(page.text), email: 'lanh-dao@ws.test', displayName: 'Lãnh đạo Sở', password: 'mat-khau-lanh-dao', role: 'viewer' }).expect(409);
    expect(taken.text).toContain('E-mail này đã có tài khoản.');
    const leader = request.agent(m.ctx.app.getHttpServer());
    const login = await leader.get('/login');
    await leader.post('/login').type('form').send({ _csrf: csrfOf(login.text), email: 'lanh-dao@ws.test', password: 'mat-khau-lanh-dao' }).expect(303);
    await leader.get('/app').expect(200);
    await leader.get('/app/admin/organizations').expect(403);
    const list = await admin.get('/app/admin/accounts').expect(200);
    const id = new RegExp(`data-account="lanh-dao@ws.test">[\\s\\S]*?/app/admin/accounts/([0-9a-f-]{36})/active`).exec(list.text)![1];
    await admin.post(`/app/admin/accounts/${id}/active`).type('form').send({ _csrf: csrfOf(list.text), active: 'false' }).expect(303);
    await leader.get('/app').expect(303);
    expect((await admin.get('/app/admin/accounts').expect(200)).text).toMatch(/lanh-dao@ws.test[\s\S]*?Đã khóa/);
  });
});
