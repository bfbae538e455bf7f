import { Workbook } from 'exceljs';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { attendanceEvent, clockOf, hn, rowsOf } from './support';

/** Binary bodies (XLSX, CSV) as Buffers through supertest. */
const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Rosters (GET/PUT), walk-ins, the summary, the exports and the lock with its audited corrections. */
describe('attendance: rosters, walk-ins, summary, exports, lock', () => {
  let ctx: TestContext;
  let admin: string;
  let organizer: string;
  let f: Factories;
  let ev: Awaited<ReturnType<typeof attendanceEvent>>;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp({ ATTENDANCE_LOCK_DAYS: '7' }));
    const host = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai' });
    organizer = await ctx.tokenFor('organizer', host.id);
    ev = await attendanceEvent(ctx, admin, f, { orgId: host.id, sessions: [['2030-08-05T08:00', '2030-08-05T11:30'], ['2030-08-05T14:00', '2030-08-05T17:00']], people: 5, title: 'Hội nghị trực tuyến sơ kết 7 tháng' });
    clockOf(ctx).set(hn('2030-08-05T08:10:00'));
  });
  afterAll(async () => {
    clockOf(ctx).set(null);
    await ctx.close();
  });

  const put = (token: string, sessionId: string, records: object[]) => ctx.http().put(`/api/events/${ev.eventId}/attendance?sessionId=${sessionId}`).set(bearer(token)).send({ records });

  it('reads and bulk-writes a session’s roster, a substitute linked to who came instead', async () => {
    const [a, b, c, d] = ev.participantIds;
    const res = await put(organizer, ev.sessionIds[0], [
      { participantId: a, status: 'present', scannedAt: '2030-08-05T07:58' },
      { participantId: b, status: 'excused', note: 'Đi công tác' },
      { participantId: c, status: 'substitute', substituteParticipantId: d },
      { participantId: d, status: 'late' },
    ]).expect(200);
    const by = new Map(res.body.items.map((i: { participantId: string }) => [i.participantId, i]));
    expect(res.body.items).toHaveLength(5);
    expect(by.get(a)).toMatchObject({ fullName: 'Đại biểu 1', attendance: { status: 'present', method: 'manual', scannedAt: hn('2030-08-05T07:58:00').toISOString(), recordedAt: hn('2030-08-05T08:10:00').toISOString(), offline: false } });
    expect(by.get(b)).toMatchObject({ attendance: { status: 'excused', note: 'Đi công tác' } });
    expect(by.get(c)).toMatchObject({ attendance: { status: 'substitute', substituteParticipantId: d } });
    expect(by.get(ev.participantIds[4])).toMatchObject({ attendance: null });
    // the same write again changes nothing (one row each)
    await put(organizer, ev.sessionIds[0], [{ participantId: a, status: 'present', scannedAt: '2030-08-05T07:58' }]).expect(200);
    expect(await rowsOf(ctx, a)).toHaveLength(1);
  });

  it('refuses bad entries with 400 naming each field, never 500', async () => {
    const stranger = await attendanceEvent(ctx, admin, f, { sessions: [['2030-09-01T08:00', '2030-09-01T09:00']], people: 1 });
    const res = await put(organizer, ev.sessionIds[0], [
      { participantId: stranger.participantIds[0], status: 'present' },
      { participantId: ev.participantIds[0], status: 'substitute' },
      { participantId: ev.participantIds[1], status: 'gone' },
      { participantId: ev.participantIds[2], status: 'substitute', substituteParticipantId: ev.participantIds[2] },
    ]).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['records.1.substituteParticipantId', 'records.2.status']);
    const res2 = await put(organizer, ev.sessionIds[0], [
      { participantId: stranger.participantIds[0], status: 'present' },
      { participantId: ev.participantIds[2], status: 'substitute', substituteParticipantId: ev.participantIds[2] },
    ]).expect(400);
    expect(res2.body).toMatchObject({ code: 'attendance.invalid_records' });
    expect(res2.body.details.map((d: { field: string }) => d.field)).toEqual(['records.0.participantId', 'records.1.substituteParticipantId']);
    await ctx.http().get(`/api/events/${ev.eventId}/attendance?sessionId=${stranger.sessionIds[0]}`).set(bearer(admin)).expect(404);
    await ctx.http().get(`/api/events/${ev.eventId}/attendance?sessionId=nope`).set(bearer(admin)).expect(400);
    await put(await ctx.tokenFor('viewer'), ev.sessionIds[0], [{ participantId: ev.participantIds[0], status: 'present' }]).expect(403);
  });

  it('adds a walk-in on the spot — found by e-mail or created — as a participant marked present', async () => {
    const known = await f.person(ev.orgId, { fullName: 'Hoàng Văn Thắng' });
    const r1 = await ctx.http().post(`/api/events/${ev.eventId}/attendance/walk-ins`).set(bearer(organizer))
      .send({ sessionId: ev.sessionIds[0], person: { fullName: 'Ai đó khác', organizationId: ev.orgId, email: known.email } }).expect(201);
    expect(r1.body.personId).toBe(known.id);
    const r2 = await ctx.http().post(`/api/events/${ev.eventId}/attendance/walk-ins`).set(bearer(organizer))
      .send({ sessionId: ev.sessionIds[0], person: { fullName: 'Vàng A Sử', title: 'Chuyên viên Phòng Văn hóa – Thông tin huyện Bắc Hà', organizationId: ev.orgId }, role: 'delegate' }).expect(201);
    const roster = await ev.roster(ev.sessionIds[0]);
    for (const id of [r1.body.participantId, r2.body.participantId]) {
      expect(roster.items.find((i: { participantId: string }) => i.participantId === id).attendance).toMatchObject({ status: 'present', method: 'manual' });
    }
    expect(roster.items.find((i: { participantId: string }) => i.participantId === r2.body.participantId)).toMatchObject({ fullName: 'Vàng A Sử', role: 'delegate', invitationStatus: 'accepted' });
    // nothing is mailed to someone standing in the hall: the next send has nobody new
    const send = await ctx.http().post(`/api/events/${ev.eventId}/invitations/send`).set(bearer(admin)).expect(202);
    expect(send.body.invitations).toBe(5);
    const bad = await ctx.http().post(`/api/events/${ev.eventId}/attendance/walk-ins`).set(bearer(organizer)).send({ sessionId: ev.sessionIds[0] }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('personId');
  });

  it('summarizes invited, accepted, present per session, organization and role, the rate, leaders present and no-shows', async () => {
    const leader = await f.person(ev.orgId, { fullName: 'Đặng Xuân Phong', title: 'Phó Chủ tịch UBND tỉnh', isLeader: true });
    const noShow = await f.person(ev.orgId, { fullName: 'Nguyễn Thị No' });
    const added = await ctx.http().post(`/api/events/${ev.eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: leader.id, role: 'chair' }, { personId: noShow.id, role: 'delegate' }] }).expect(201);
    const [leaderPid, noShowPid] = added.body.map((p: { id: string }) => p.id);
    const rsvpAccept = (pid: string) => ctx.http().post(`/api/rsvp/${ev.rsvpToken(pid)}`).send({ answer: 'accepted' });
    clockOf(ctx).set(hn('2030-08-01T09:00:00'));
    await rsvpAccept(leaderPid).expect(200);
    await rsvpAccept(noShowPid).expect(200);
    clockOf(ctx).set(hn('2030-08-05T14:05:00'));
    await put(organizer, ev.sessionIds[1], [{ participantId: leaderPid, status: 'present' }, { participantId: ev.participantIds[0], status: 'present' }]).expect(200);
    const s = (await ctx.http().get(`/api/events/${ev.eventId}/attendance/summary`).set(bearer(organizer)).expect(200)).body;
    // 5 invited + 2 walk-ins + leader + no-show = 9; came: a, d (late), 2 walk-ins, leader = 5
    expect(s).toMatchObject({ invited: 9, accepted: 4, present: 5, attendanceRate: 0.556, perPoint: [], pointsByReadiness: {} });
    expect(s.sessions.map((x: { present: number; late: number; excused: number; substitute: number }) => [x.present, x.late, x.excused, x.substitute])).toEqual([[4, 1, 1, 1], [2, 0, 0, 0]]);
    expect(s.sessions[0].startsAtLocal).toBe('2030-08-05T08:00:00+07:00');
    expect(s.perOrganization).toEqual([{ organizationId: ev.orgId, name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai', invited: 9, accepted: 4, present: 5 }]);
    expect(s.perRole).toEqual(expect.arrayContaining([{ role: 'chair', invited: 1, accepted: 1, present: 1 }, { role: 'guest', invited: 1, accepted: 1, present: 1 }]));
    expect(s.leadersPresent).toEqual([expect.objectContaining({ fullName: 'Đặng Xuân Phong', title: 'Phó Chủ tịch UBND tỉnh' })]);
    expect(s.noShows).toEqual([expect.objectContaining({ participantId: noShowPid, fullName: 'Nguyễn Thị No' })]);
  });

  it('exports XLSX (read back with exceljs) and CSV starting with EF BB BF, Vietnamese headers, each session’s start and end, formulas neutralized', async () => {
    const sly = await f.person(ev.orgId, { fullName: '=HYPERLINK("http://x","Bấm")' });
    const added = await ctx.http().post(`/api/events/${ev.eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: sly.id, role: 'guest' }] }).expect(201);
    await put(organizer, ev.sessionIds[1], [{ participantId: added.body[0].id, status: 'absent' }]).expect(200);

    const xlsx = await ctx.http().get(`/api/events/${ev.eventId}/attendance/export?format=xlsx`).set(bearer(organizer)).buffer(true).parse(binary as never).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('diem-danh-2030-08-05.xlsx');
    const wb = new Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const ws = wb.getWorksheet('Điểm danh')!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Buổi', 'Bắt đầu', 'Kết thúc', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Vai trò', 'Điểm danh', 'Cách ghi nhận', 'Thời điểm quét', 'Thời điểm ghi nhận', 'Gửi sau (ngoại tuyến)', 'Người ghi nhận', 'Ghi chú']);
    const first = rows.find((r) => r[3] === 'Đại biểu 1' && r[1] === '05/08/2030 08:00')!;
    expect(first.slice(0, 3)).toEqual(['Buổi 1', '05/08/2030 08:00', '05/08/2030 11:30']);
    expect(first.slice(7, 11)).toEqual(['Có mặt', 'Ghi tay', '05/08/2030 07:58', '05/08/2030 08:10']);
    expect(rows.some((r) => r[1] === '05/08/2030 14:00' && r[2] === '05/08/2030 17:00')).toBe(true);
    expect(rows.find((r) => String(r[3]).includes('HYPERLINK'))![3]).toBe(`'=HYPERLINK("http://x","Bấm")`);

    const csv = await ctx.http().get(`/api/events/${ev.eventId}/attendance/export?format=csv`).set(bearer(organizer)).buffer(true).parse(binary as never).expect(200);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('Buổi,Bắt đầu,Kết thúc,Họ và tên,Chức vụ,Đơn vị,Vai trò,Điểm danh,Cách ghi nhận,Thời điểm quét,Thời điểm ghi nhận,Gửi sau (ngoại tuyến),Người ghi nhận,Ghi chú');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""Bấm"")"`);
    await ctx.http().get(`/api/events/${ev.eventId}/attendance/export?format=pdf`).set(bearer(organizer)).expect(400);
  });

  it('refuses to replace sessions that have attendance (409), instead of losing the rows', async () => {
    const res = await ctx.http().patch(`/api/events/${ev.eventId}`).set(bearer(admin)).send({ sessions: [{ startsAt: '2030-08-06T08:00', endsAt: '2030-08-06T11:00' }] });
    expect(res.status).toBe(409);
    expect(res.body.details[0].field).toBe('sessions');
  });

  it('locks N days after the event completes: organizers are refused, an admin corrects it and the history shows before and after', async () => {
    await ctx.http().post(`/api/events/${ev.eventId}/complete`).set(bearer(admin)).expect(200);
    clockOf(ctx).set(hn('2030-08-12T16:59:00'));
    await put(organizer, ev.sessionIds[0], [{ participantId: ev.participantIds[4], status: 'absent' }]).expect(200);
    clockOf(ctx).set(hn('2030-08-12T17:00:00'));
    const refused = await put(organizer, ev.sessionIds[0], [{ participantId: ev.participantIds[1], status: 'present' }]).expect(409);
    expect(refused.body.code).toBe('attendance.locked');
    expect((await ev.roster(ev.sessionIds[0])).locked).toBe(true);
    await put(admin, ev.sessionIds[0], [{ participantId: ev.participantIds[1], status: 'present', note: 'Có mặt muộn, quên điểm danh' }]).expect(200);
    const history = (await ctx.http().get(`/api/events/${ev.eventId}/history`).set(bearer(admin)).expect(200)).body;
    const entry = history.find((h: { action: string }) => h.action === 'attendance_corrected');
    expect(entry).toMatchObject({
      entityType: 'participant', entityId: ev.participantIds[1],
      changes: { sessionId: ev.sessionIds[0], before: { status: 'excused', note: 'Đi công tác' }, after: { status: 'present', note: 'Có mặt muộn, quên điểm danh' } },
    });
    const walkIn = await ctx.http().post(`/api/events/${ev.eventId}/attendance/walk-ins`).set(bearer(organizer)).send({ sessionId: ev.sessionIds[0], personId: (await f.person(ev.orgId)).id });
    expect(walkIn.status).toBe(409);
  });
});
