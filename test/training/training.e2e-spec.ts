import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../src/accounts/accounts.service';
import { Clock } from '../../src/common/time/clock';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

const hn = (local: string) => new Date(`${local}+07:00`);
const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Programs, classes, enrolment and import, completion on save, certificates, counts (issue 17). */
describe('training: programs, enrolment, completion on save, certificates, counts', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let hostId: string;
  let programId: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    db = ctx.app.get(DataSource);
    hostId = (await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', code: `STTTT${randomUUID().slice(0, 6)}` })).id;
    const res = await ctx.http().post('/api/training/programs').set(bearer(admin)).send({
      code: `TH-HG${randomUUID().slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`, name: 'Kế hoạch tập huấn CNTT năm 2013', year: 2013, organizerOrganizationId: hostId,
      topics: ['An toàn thông tin'], targetClasses: 11, targetTrainees: 400,
    }).expect(201);
    programId = res.body.id;
  });
  afterAll(async () => {
    ctx.app.get(Clock).set(null);
    await ctx.close();
  });

  /** A published training_class event attached to the program. */
  async function newClass(sessions: [string, string][], o: Record<string, unknown> = {}) {
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'training_class', title: `Lớp tập huấn ${randomUUID().slice(0, 6)}`, format: 'in_person', hostOrganizationId: hostId,
      venueName: `Phòng học ${randomUUID().slice(0, 8)}`, sessions: sessions.map(([startsAt, endsAt]) => ({ startsAt, endsAt })),
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/training/programs/${programId}/classes`).set(bearer(admin)).send({ eventId: ev.body.id, ...o }).expect(201);
    return { eventId: ev.body.id as string, sessionIds: ev.body.sessions.map((s: { id: string }) => s.id) as string[] };
  }
  const enroll = (eventId: string, personId: string, extra: object = {}) => ctx.http().post(`/api/events/${eventId}/enrollments`).set(bearer(admin)).send({ personId, ...extra });
  const mark = (token: string, eventId: string, sessionId: string, records: object[]) => ctx.http().put(`/api/training/classes/${eventId}/attendance?sessionId=${sessionId}`).set(bearer(token)).send({ records });

  it('attaches only training_class events, and enrols trainees as participants (role trainee)', async () => {
    const conf = await ctx.http().post('/api/events').set(bearer(admin)).send({ kind: 'conference', title: 'Hội nghị', format: 'in_person', hostOrganizationId: hostId, venueName: `Hội trường ${randomUUID()}`, sessions: [{ startsAt: '2030-01-02T08:00', endsAt: '2030-01-02T11:00' }] }).expect(201);
    const bad = await ctx.http().post(`/api/training/programs/${programId}/classes`).set(bearer(admin)).send({ eventId: conf.body.id }).expect(400);
    expect(bad.body).toMatchObject({ code: 'training.not_a_training_class', details: [{ field: 'eventId' }] });
    const c = await newClass([['2030-03-02T08:00', '2030-03-02T11:00']]);
    const p = await f.person(hostId);
    const res = await enroll(c.eventId, p.id).expect(201);
    expect(res.body).toMatchObject({ personId: p.id, status: 'enrolled', source: 'manual' });
    const parts = await ctx.http().get(`/api/events/${c.eventId}/participants`).set(bearer(admin)).expect(200);
    expect(parts.body.items).toEqual([expect.objectContaining({ personId: p.id, role: 'trainee', status: 'pending' })]);
    expect((await enroll(c.eventId, p.id).expect(409)).body.code).toBe('training.already_enrolled');
  });

  it('refuses over capacity with 409 unless a waitlist is asked for', async () => {
    const c = await newClass([['2030-03-03T08:00', '2030-03-03T11:00']], { capacity: 1 });
    const [a, b, d] = [await f.person(hostId), await f.person(hostId), await f.person(hostId)];
    await enroll(c.eventId, a.id).expect(201);
    const over = await enroll(c.eventId, b.id).expect(409);
    expect(over.body).toMatchObject({ code: 'training.over_capacity', details: [{ field: 'capacity' }] });
    expect((await enroll(c.eventId, d.id, { waitlist: true }).expect(201)).body).toMatchObject({ status: 'waitlisted', participantId: null });
  });

  it('imports a roster (CSV with BOM): matched by e-mail, then folded name + agency, new names created', async () => {
    const org = await f.org({ name: 'UBND huyện Vị Xuyên' });
    const known = await f.person(org.id, { fullName: 'Nguyễn Văn Sơn', email: null as never });
    const byMail = await f.person(hostId, { fullName: 'Trần Thị Hà', email: `tth-${randomUUID().slice(0, 6)}@hagiang.gov.vn` });
    const c = await newClass([['2030-03-04T08:00', '2030-03-04T11:00']]);
    const csv = `\uFEFFHọ tên,Đơn vị,Chức vụ,Email,Điện thoại\r\nnguyen van son,ubnd huyen vi xuyen,Chuyên viên,,\r\nTrần Thị Hà,Sở Thông tin và Truyền thông tỉnh Hà Giang,,${byMail.email},\r\nLò Văn Páo,UBND huyện Vị Xuyên,Cán bộ,,0912345678\r\n`;
    const res = await ctx.http().post(`/api/events/${c.eventId}/enrollments/import`).set(bearer(admin)).set('content-type', 'text/csv').send(Buffer.from(csv)).expect(200);
    expect(res.body).toEqual({ rows: 3, createdPeople: 1, enrolled: 3, waitlisted: 0 });
    const list = (await ctx.http().get(`/api/events/${c.eventId}/enrollments`).set(bearer(admin)).expect(200)).body;
    expect(list.map((e: { personId: string }) => e.personId)).toEqual(expect.arrayContaining([known.id, byMail.id]));
    expect(list.find((e: { fullName: string }) => e.fullName === 'Lò Văn Páo')).toMatchObject({ organizationId: org.id, source: 'import', phone: '0912345678' });
  });

  it('refuses a file with bad rows listing every one (unknown agency, ambiguous name, bad e-mail) and writes nothing', async () => {
    const org = await f.org({ name: 'UBND huyện Bắc Mê' });
    await f.person(org.id, { fullName: 'Hoàng Văn Nam', email: null as never });
    await f.person(org.id, { fullName: 'Hoàng Văn Nam', email: null as never });
    const c = await newClass([['2030-03-05T08:00', '2030-03-05T11:00']]);
    const csv = 'Họ tên,Đơn vị,Chức vụ,Email,Điện thoại\nNgười Mới,UBND huyện Bắc Mê,,,\nHoàng Văn Nam,UBND huyện Bắc Mê,,,\nAi Đó,Sở Không Có,,,\nSai Thư,UBND huyện Bắc Mê,,not-an-email,\n';
    const res = await ctx.http().post(`/api/events/${c.eventId}/enrollments/import`).set(bearer(admin)).set('content-type', 'text/csv').send(Buffer.from(csv)).expect(400);
    expect(res.body.code).toBe('training.import_rejected');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['row 3, Họ tên', 'row 4, Đơn vị', expect.stringMatching(/^row 5, /)]));
    expect(fields.some((x: string) => x.startsWith('row 2'))).toBe(false);
    expect(res.body.details.find((d: { field: string }) => d.field === 'row 3, Họ tên').message).toMatch(/2 people named/);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM training_enrollments WHERE class_event_id = $1', [c.eventId]);
    expect(n).toBe(0);
    const [{ m }] = await db.query(`SELECT count(*)::int AS m FROM people WHERE full_name = 'Người Mới'`);
    expect(m).toBe(0);
  });

  it('imports XLSX the same way', async () => {
    const c = await newClass([['2030-03-06T08:00', '2030-03-06T11:00']]);
    const wb = new Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Họ tên', 'Đơn vị', 'Chức vụ', 'Email', 'Điện thoại']);
    ws.addRow(['Vàng Thị Mai', 'Sở Thông tin và Truyền thông tỉnh Hà Giang', 'Chuyên viên', `vtm-${randomUUID().slice(0, 6)}@hagiang.gov.vn`, '']);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await ctx.http().post(`/api/events/${c.eventId}/enrollments/import`).set(bearer(admin)).set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(body).expect(200);
    expect(res.body).toMatchObject({ rows: 1, createdPeople: 1, enrolled: 1 });
  });

  it('lets a trainer mark only the classes they teach (403 for another class’s trainer)', async () => {
    const t1 = await f.person(hostId, { fullName: 'Giảng viên Một' });
    const t2 = await f.person(hostId, { fullName: 'Giảng viên Hai' });
    const c1 = await newClass([['2030-04-01T08:00', '2030-04-01T11:00']], { trainerPersonIds: [t1.id] });
    const c2 = await newClass([['2030-04-02T08:00', '2030-04-02T11:00']], { trainerPersonIds: [t2.id] });
    const trainee = await f.person(hostId);
    const e = (await enroll(c1.eventId, trainee.id).expect(201)).body;
    const tok1 = await trainerToken(t1.email!);
    const tok2 = await trainerToken(t2.email!);
    const mine = (await ctx.http().get('/api/training/classes').set(bearer(tok1)).expect(200)).body;
    expect(mine.map((c: { eventId: string }) => c.eventId)).toEqual([c1.eventId]);
    const denied = await mark(tok2, c1.eventId, c1.sessionIds[0], [{ participantId: e.participantId, status: 'present' }]).expect(403);
    expect(denied.body.code).toBe('training.not_trainer_of_class');
    const ok = await mark(tok1, c1.eventId, c1.sessionIds[0], [{ participantId: e.participantId, status: 'present' }]);
    expect(ok.body).toMatchObject({ items: [{ participantId: e.participantId }] });
    expect((await ctx.http().get(`/api/training/classes/${c2.eventId}`).set(bearer(tok1)).expect(403)).body.code).toBe('training.not_trainer_of_class');
  });

  async function trainerToken(email: string) {
    await ctx.app.get(AccountsService).ensureUser({ email, password: 'test-password-1', role: 'trainer', displayName: email, scopeOrganizationId: null });
    return (await ctx.http().post('/api/auth/login').send({ email, password: 'test-password-1' }).expect(200)).body.accessToken as string;
  }

  it('completes on save at the threshold edge, with a late enrolment and excused sessions — in the same request', async () => {
    const days = ['2030-05-06', '2030-05-07', '2030-05-08', '2030-05-09', '2030-05-10'];
    const clock = ctx.app.get(Clock);
    clock.set(hn('2030-05-01T09:00'));
    const c = await newClass(days.map((d) => [`${d}T08:00`, `${d}T11:00`] as [string, string]));
    const [edge, below, excused] = [await f.person(hostId), await f.person(hostId), await f.person(hostId)];
    const eEdge = (await enroll(c.eventId, edge.id).expect(201)).body;
    const eBelow = (await enroll(c.eventId, below.id).expect(201)).body;
    const eExcused = (await enroll(c.eventId, excused.id).expect(201)).body;
    clock.set(hn('2030-05-08T07:00')); // a late enrolment: sessions of the 6th and 7th never count for them
    const lateP = await f.person(hostId);
    const eLate = (await enroll(c.eventId, lateP.id).expect(201)).body;
    clock.set(hn('2030-05-10T07:00')); // before the last session: no verdict yet
    const plan: Record<string, string[]> = {
      [eEdge.participantId]: ['present', 'late', 'present', 'present', 'absent'], // 4/5 = 80 % → completed
      [eBelow.participantId]: ['present', 'absent', 'present', 'absent', 'present'], // 3/5 → incomplete
      [eExcused.participantId]: ['present', 'excused', 'present', 'absent', 'present'], // 3/4 = 75 % → incomplete
      [eLate.participantId]: ['absent', 'absent', 'present', 'present', 'present'], // 3/3 → completed
    };
    for (let i = 0; i < 4; i++) {
      await mark(admin, c.eventId, c.sessionIds[i], Object.entries(plan).map(([participantId, s]) => ({ participantId, status: s[i] }))).expect(200);
    }
    const before = (await ctx.http().get(`/api/events/${c.eventId}/enrollments`).set(bearer(admin)).expect(200)).body;
    expect(before.every((e: { status: string }) => e.status === 'enrolled')).toBe(true);
    // The last session's write decides, and the list read right after shows it (no job, no lag).
    await mark(admin, c.eventId, c.sessionIds[4], Object.entries(plan).map(([participantId, s]) => ({ participantId, status: s[4] }))).expect(200);
    const after = new Map((await ctx.http().get(`/api/events/${c.eventId}/enrollments`).set(bearer(admin)).expect(200)).body.map((e: { id: string }) => [e.id, e]));
    expect(after.get(eEdge.id)).toMatchObject({ status: 'completed', sessionsCounted: 5, sessionsAttended: 4, certificate: { number: expect.stringMatching(/\/2013\/\d{4}$/) } });
    expect(after.get(eBelow.id)).toMatchObject({ status: 'incomplete', certificate: null });
    expect(after.get(eExcused.id)).toMatchObject({ status: 'incomplete', sessionsCounted: 4, sessionsExcused: 1 });
    expect(after.get(eLate.id)).toMatchObject({ status: 'completed', sessionsCounted: 3, sessionsAttended: 3 });
    // Correcting one mark takes the completion back in the same request; the certificate keeps its number, revoked.
    const number = (after.get(eEdge.id) as { certificate: { number: string } }).certificate.number;
    await mark(admin, c.eventId, c.sessionIds[1], [{ participantId: eEdge.participantId, status: 'absent' }]).expect(200);
    const corrected = (await ctx.http().get(`/api/events/${c.eventId}/enrollments`).set(bearer(admin)).expect(200)).body.find((e: { id: string }) => e.id === eEdge.id);
    expect(corrected).toMatchObject({ status: 'incomplete', certificate: { number, revoked: true } });
    await mark(admin, c.eventId, c.sessionIds[1], [{ participantId: eEdge.participantId, status: 'late' }]).expect(200);
    const again = (await ctx.http().get(`/api/events/${c.eventId}/enrollments`).set(bearer(admin)).expect(200)).body.find((e: { id: string }) => e.id === eEdge.id);
    expect(again).toMatchObject({ status: 'completed', certificate: { number, revoked: false } });
    clock.set(null);
  });

  it('gives 200 concurrent completions 200 unique consecutive numbers; a reprint keeps its number', async () => {
    const clock = ctx.app.get(Clock);
    clock.set(hn('2030-06-01T09:00'));
    const prog = await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code: `TH-C${randomUUID().slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`, name: 'Chương trình đồng thời', year: 2030, organizerOrganizationId: hostId }).expect(201);
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({ kind: 'training_class', title: 'Lớp đông', format: 'in_person', hostOrganizationId: hostId, venueName: `Phòng ${randomUUID()}`, sessions: [{ startsAt: '2030-06-02T08:00', endsAt: '2030-06-02T11:00' }] }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/training/programs/${prog.body.id}/classes`).set(bearer(admin)).send({ eventId: ev.body.id, passScore: 5 }).expect(201);
    const org = await f.org({ name: `Đơn vị đông ${randomUUID().slice(0, 4)}` });
    const csv = ['Họ tên,Đơn vị,Email', ...Array.from({ length: 200 }, (_, i) => `Học viên ${i + 1},${org.name},hv${i}-${randomUUID().slice(0, 6)}@example.gov.vn`)].join('\n');
    await ctx.http().post(`/api/events/${ev.body.id}/enrollments/import`).set(bearer(admin)).set('content-type', 'text/csv').send(Buffer.from(csv)).expect(200);
    const list = (await ctx.http().get(`/api/events/${ev.body.id}/enrollments`).set(bearer(admin)).expect(200)).body as { id: string; participantId: string }[];
    clock.set(hn('2030-06-02T12:00'));
    await mark(admin, ev.body.id, ev.body.sessions[0].id, list.map((e) => ({ participantId: e.participantId, status: 'present' }))).expect(200);
    const results = await Promise.all(list.map((e) => ctx.http().put(`/api/training/enrollments/${e.id}/score`).set(bearer(admin)).send({ score: 8 })));
    expect(results.map((r) => r.status)).toEqual(list.map(() => 200));
    const numbers: { seq: number; number: string }[] = await db.query('SELECT seq, number FROM training_certificates WHERE program_id = $1 ORDER BY seq', [prog.body.id]);
    expect(numbers.map((n) => n.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(numbers.map((n) => n.number)).size).toBe(200);
    const cert = (await ctx.http().get(`/api/training/enrollments/${list[0].id}/certificate`).set(bearer(admin)).expect(200)).body;
    const reprint = (await ctx.http().post(`/api/training/certificates/${cert.id}/reprint`).set(bearer(admin)).expect(200)).body;
    expect(reprint).toMatchObject({ number: cert.number, printCount: 2 });
    const revoked = (await ctx.http().post(`/api/training/certificates/${cert.id}/revoke`).set(bearer(admin)).send({ reason: 'Cấp nhầm' }).expect(200)).body;
    expect(revoked).toMatchObject({ number: cert.number, revokedReason: 'Cấp nhầm' });
    clock.set(null);
  });

  it('counts lượt and người (one person in three classes: 3 and 1) and keeps a past period’s share when this year’s headcount changes', async () => {
    const prog = await ctx.http().post('/api/training/programs').set(bearer(admin)).send({ code: `TH-L${randomUUID().slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`, name: 'Chương trình 2013', year: 2013, organizerOrganizationId: hostId, targetTrainees: 4 }).expect(201);
    const org = await f.org({ name: `UBND huyện Quản Bạ ${randomUUID().slice(0, 4)}`, level: 'district', kind: 'district' });
    await ctx.http().patch(`/api/organizations/${org.id}`).set(bearer(admin)).send({ headcounts: [{ year: 2013, officials: 10 }, { year: 2026, officials: 100 }] }).expect(200);
    const classes = [];
    for (const d of ['2013-12-02', '2013-12-09', '2013-12-16']) {
      const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({ kind: 'training_class', title: `Lớp ${d}`, format: 'in_person', hostOrganizationId: hostId, venueName: `Phòng ${randomUUID()}`, sessions: [{ startsAt: `${d}T08:00`, endsAt: `${d}T11:00` }] }).expect(201);
      await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
      await ctx.http().post(`/api/training/programs/${prog.body.id}/classes`).set(bearer(admin)).send({ eventId: ev.body.id }).expect(201);
      classes.push(ev.body.id as string);
    }
    const many = await f.person(org.id);
    const [p2, p3] = [await f.person(org.id), await f.person(org.id)];
    for (const c of classes) await enroll(c, many.id).expect(201);
    await enroll(classes[0], p2.id).expect(201);
    await enroll(classes[1], p3.id).expect(201);
    const s = (await ctx.http().get(`/api/training/programs/${prog.body.id}/summary`).set(bearer(admin)).expect(200)).body;
    expect(s.classes).toEqual({ planned: 3, held: 3 });
    expect(s.trainees).toMatchObject({ enrolledLuot: 5, enrolledNguoi: 3 });
    expect(s.byOrganization).toEqual([expect.objectContaining({ organizationId: org.id, enrolledLuot: 5, enrolledNguoi: 3, headcountYear: 2013, headcount: 10, shareTrained: 0.3 })]);
    expect(s.byLevel).toEqual([expect.objectContaining({ level: 'district', enrolledLuot: 5, enrolledNguoi: 3 })]);
    expect(s.targets).toMatchObject({ trainees: 4, traineesProgress: 0.75 });
    await ctx.http().patch(`/api/organizations/${org.id}`).set(bearer(admin)).send({ headcounts: [{ year: 2026, officials: 7 }] }).expect(200);
    const period = (await ctx.http().get(`/api/training/summary?period=2013&organizationId=${org.id}`).set(bearer(admin)).expect(200)).body;
    expect(period.trainees).toMatchObject({ enrolledLuot: 5, enrolledNguoi: 3 });
    expect(period.byOrganization[0]).toMatchObject({ headcount: 10, shareTrained: 0.3 });
    expect((await ctx.http().get('/api/training/summary?period=13').set(bearer(admin)).expect(400)).body.details[0].field).toBe('period');

    // Exports: XLSX read back with exceljs; CSV with a BOM, Vietnamese headers, dd/MM/yyyy.
    const x = await ctx.http().get(`/api/training/programs/${prog.body.id}/summary/export?format=xlsx`).set(bearer(admin)).buffer(true).parse(binary as never).expect(200);
    const wb = new Workbook();
    await wb.xlsx.load(x.body);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['Đơn vị', 'Ghi danh (lượt)', 'Ghi danh (người)', 'Tỷ lệ được tập huấn']));
    expect(sheet.getRow(2).getCell(3).value).toBe('5');
    expect(sheet.getRow(2).getCell(4).value).toBe('3');
    const csv = await ctx.http().get(`/api/events/${classes[0]}/enrollments/export?format=csv`).set(bearer(admin)).buffer(true).parse(binary as never).expect(200);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toContain('Họ và tên');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });
});
