import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { hanoiDay, upcomingDemoEvents } from '../../src/demo/demo-events';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed-demo';
import { DEMO_PROGRAM_CODE, DEMO_TRAINING_CLASS_TITLES } from '../../src/demo/seed-training';
import { bearer, startTestApp, type TestContext } from '../support/app';

const ROOT = join(__dirname, '..', '..');
const TITLES = {
  hgTraining: 'Hội nghị cán bộ lãnh đạo quản lý công nghệ thông tin tỉnh Hà Giang năm 2013',
  thaiNguyen: 'Hội nghị Triển khai Kế hoạch ứng dụng CNTT trong cơ quan nhà nước tỉnh Thái Nguyên năm 2008',
  laoCai: 'Hội nghị trực tuyến đánh giá kết quả thực hiện nhiệm vụ ứng dụng và phát triển công nghệ thông tin 7 tháng, triển khai nhiệm vụ 5 tháng cuối năm 2015',
  hgQ1: 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II',
  qnCampaign: 'Hội nghị triển khai công tác ứng dụng và phát triển CNTT giai đoạn 2013-2015 tại các huyện, thành phố',
};
/**
 * Every table the demo writes, except users (the demo accounts' passwords are re-hashed on purpose) and
 * participants (a test above sends the review's invitations, which seeding again marks unsent).
 */
const TABLES = ['organizations', 'organization_headcounts', 'people', 'events', 'event_sessions', 'event_co_organizers', 'agenda_items', 'tasks', 'campaigns', 'campaign_targets', 'audit_entries', 'attendance_records', 'bridge_points', 'bridge_point_changes', 'bridge_point_headcounts', 'bridge_point_headcount_lines', 'bridge_point_assignments', 'training_programs', 'training_classes', 'training_enrollments', 'training_certificates', 'indicator_definitions', 'indicator_values', 'indicator_snapshots'];

interface EventJson {
  id: string;
  title: string;
  kind: string;
  format: string;
  status: string;
  startsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  hostOrganizationId: string;
  venueName: string | null;
  description: string | null;
  chairPersonId: string | null;
  conclusion: string | null;
  period: { label: string } | null;
  campaignId: string | null;
  coOrganizerIds?: string[];
  sessions?: { startsAtLocal: string; endsAtLocal: string; title: string | null }[];
}

describe('demo data: the events of the source articles', () => {
  let ctx: TestContext;
  let admin: string, organizer: string;
  let all: EventJson[];
  const login = async (email: string) => (await ctx.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body.accessToken as string;
  const get = async (path: string, token = admin) => (await ctx.http().get(path).set(bearer(token)).expect(200)).body;
  const byTitle = (title: string) => {
    const found = all.filter((e) => e.title === title);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const full = (e: EventJson): Promise<EventJson> => get(`/api/events/${e.id}`);
  const org = async (code: string) => (await get(`/api/organizations?q=${encodeURIComponent(code)}&limit=200`)).items.find((o: { code: string }) => o.code === code).id as string;
  const personName = async (id: string | null) => (id ? (await get(`/api/people/${id}`)).fullName : null);

  /** A fingerprint of every row of every demo table. */
  const snapshot = async () => {
    const c = new Client({ connectionString: ctx.databaseUrl });
    await c.connect();
    try {
      const out: Record<string, string> = {};
      for (const t of TABLES) {
        const { rows } = await c.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`);
        out[t] = `${rows[0].n} rows ${rows[0].h}`;
      }
      return out;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    const counts = await seedDemo(ctx.app);
    expect(counts).toMatchObject({ organizations: 103, people: 19, events: 15, campaigns: 1, tasks: 9 });
    admin = await login('admin@hoinghi.test');
    organizer = await login('organizer@hoinghi.test');
    const page = await get('/api/events?limit=200');
    // The 15 events of the articles and the ten other 2013 classes of Hà Giang's training program.
    expect(page.total).toBe(15 + DEMO_TRAINING_CLASS_TITLES.length);
    all = page.items;
  });
  afterAll(() => ctx.close());

  it('holds the Hà Giang two-day training conference of 2–3/12/2013 as one completed event with a session per day', async () => {
    const e = await full(byTitle(TITLES.hgTraining));
    expect(e).toMatchObject({ kind: 'training_class', format: 'in_person', status: 'completed', venueName: 'Hội trường lớn UBND tỉnh Hà Giang', period: { label: 'Năm 2013' } });
    expect(e.sessions!.map((s) => [s.title, s.startsAtLocal, s.endsAtLocal])).toEqual([
      ['Ngày 1', '2013-12-02T07:30:00+07:00', '2013-12-02T17:00:00+07:00'],
      ['Ngày 2', '2013-12-03T07:30:00+07:00', '2013-12-03T17:00:00+07:00'],
    ]);
    expect(e.hostOrganizationId).toBe(await org('02'));
    expect(await personName(e.chairPersonId)).toBe('Nguyễn Văn Sơn');
    const agenda = (await get(`/api/events/${e.id}/agenda`)).items;
    expect(agenda[0]).toMatchObject({ type: 'opening_speech', startsAtLocal: '2013-12-02T07:30:00+07:00' });
    expect(await personName(agenda[0].speakerPersonId)).toBe('Nguyễn Văn Sơn');
    expect(await personName(agenda[1].speakerPersonId)).toBe('Trần Đức Lai');
    expect(e.conclusion).toContain('Trong thời gian 2 ngày, học viên được trang bị');
  });

  it('holds the Thái Nguyên plan launch of 28/05/2008, chaired by the Chủ tịch UBND tỉnh, with the tasks of its conclusion', async () => {
    const e = await full(byTitle(TITLES.thaiNguyen));
    expect(e).toMatchObject({ status: 'completed', format: 'in_person', startsAtLocal: '2008-05-28T08:00:00+07:00', period: { label: 'Năm 2008' } });
    expect(e.hostOrganizationId).toBe(await org('19.STTTT'));
    expect(e.coOrganizerIds).toHaveLength(5);
    expect(await personName(e.chairPersonId)).toBe('Phạm Xuân Đương');
    const agenda = (await get(`/api/events/${e.id}/agenda`)).items;
    expect(agenda.map((a: { type: string }) => a.type)).toEqual(['opening_speech', 'report', 'discussion', 'conclusion']);
    expect(await personName(agenda[0].speakerPersonId)).toBe('Vũ Quốc Thạnh');
    expect(await personName(agenda[3].speakerPersonId)).toBe('Phạm Xuân Đương');
    const tasks = await get(`/api/events/${e.id}/tasks`);
    expect(tasks.map((t: { dueDate: string }) => t.dueDate)).toEqual(['2008-12-31', '2008-12-31', '2008-12-31']);
  });

  it('holds the Lào Cai online 7-month review of 5/8/2015, its district bridge sites described', async () => {
    const e = await full(byTitle(TITLES.laoCai));
    expect(e).toMatchObject({ format: 'online', status: 'completed', startsAtLocal: '2015-08-05T08:00:00+07:00', period: { label: '7 tháng 2015' } });
    expect(e.description).toContain('các điểm cầu tại 9 huyện, thành phố');
    expect(e.description).toContain('Sa Pa');
    expect(e.hostOrganizationId).toBe(await org('10'));
    expect(await personName(e.chairPersonId)).toBe('Đặng Xuân Thanh');
    expect(e.conclusion).toContain('giai đoạn 2016 – 2020');
  });

  it('gives the past online reviews their bridge points: Lào Cai 1+9 and Hà Giang 1+11, rehearsed, ready and counted', async () => {
    const lc = (await get(`/api/events/${byTitle(TITLES.laoCai).id}/bridge-points`)).points;
    expect(lc).toHaveLength(10);
    expect(lc[0]).toMatchObject({ isMain: true, roomName: 'Hội trường UBND tỉnh Lào Cai' });
    expect(lc.map((p: { hostOrganizationName: string }) => p.hostOrganizationName)).toEqual(expect.arrayContaining(['UBND huyện Bát Xát', 'UBND huyện Sa Pa']));
    expect(lc.every((p: { readiness: string; headcount: { present: number } | null }) => p.readiness === 'ready' && p.headcount!.present > 0)).toBe(true);
    const hg = (await get(`/api/events/${all.find((e) => e.startsAtLocal?.startsWith('2015-04-10'))!.id}/bridge-points`)).points;
    expect(hg).toHaveLength(12);
  });

  it('puts the upcoming review’s points in every state of readiness, with its participants at their points', async () => {
    const [review] = (await get('/api/events?status=scheduled&limit=1', organizer)).items as EventJson[];
    const body = await get(`/api/events/${review.id}/bridge-points`, organizer);
    expect(body.points).toHaveLength(12);
    expect(body.byReadiness).toMatchObject({ ready: 2, rehearsed: 2, fault: 1, untested: 7 });
    expect(body.points.find((p: { readiness: string }) => p.readiness === 'fault').fault).toBe('no_sound');
    const assigned = body.points.reduce((n: number, p: { participantCount: number }) => n + p.participantCount, 0);
    expect(assigned).toBeGreaterThanOrEqual(4);
    // The official of the city sits at the city's point, not in the main hall.
    const city = body.points.find((p: { hostOrganizationName: string }) => p.hostOrganizationName === 'UBND thành phố Hà Giang');
    expect(city.participantCount).toBe(1);
  });

  it('holds the Hà Giang online Q1/2015 review of 10/4/2015 at 14:00 Hà Nội time (07:00Z) with its agenda', async () => {
    const e = await full(byTitle(TITLES.hgQ1));
    expect(e).toMatchObject({
      format: 'online',
      status: 'completed',
      startsAt: '2015-04-10T07:00:00.000Z',
      startsAtLocal: '2015-04-10T14:00:00+07:00',
      venueName: 'Hội trường Sở Thông tin và Truyền thông tỉnh Hà Giang',
      period: { label: 'Quý I/2015' },
    });
    expect(e.hostOrganizationId).toBe(await org('02.STTTT'));
    expect(await personName(e.chairPersonId)).toBe('Nguyễn Văn Sơn');
    const agenda = (await get(`/api/events/${e.id}/agenda`)).items;
    expect(agenda.map((a: { type: string }) => a.type)).toEqual(['opening_speech', 'report', 'report', 'discussion', 'conclusion']);
    expect(await personName(agenda[4].speakerPersonId)).toBe('Nguyễn Văn Sơn');
    const calendar = await get('/api/events/calendar?month=2015-04');
    expect(calendar.find((c: { eventId: string }) => c.eventId === e.id)).toMatchObject({ startsAtLocal: '2015-04-10T14:00:00+07:00', endsAtLocal: '2015-04-10T17:00:00+07:00' });
  });

  it('records the tasks the Q1/2015 conclusion assigned: "Quý II/2015" due 30/06/2015, the official mailbox from 01/05/2015, all overdue while open', async () => {
    const e = byTitle(TITLES.hgQ1);
    const tasks: { title: string; dueDate: string | null; duePeriod: string | null; status: string; overdue: boolean; assigneeOrganizationId: string }[] = await get(`/api/events/${e.id}/tasks`);
    expect(tasks).toHaveLength(6);
    const due = (fragment: string) => tasks.find((t) => t.title.includes(fragment))!;
    expect(due('Báo cáo đánh giá chấm điểm')).toMatchObject({ duePeriod: 'Quý II/2015', dueDate: '2015-06-30', overdue: true });
    expect(due('mạng WAN')).toMatchObject({ duePeriod: 'quý II/2015', dueDate: '2015-06-30', overdue: true });
    expect(due('sử dụng hộp thư điện tử công vụ')).toMatchObject({ dueDate: '2015-05-01', overdue: true });
    expect(due('Tham mưu phân bổ nguồn ngân sách')).toMatchObject({ dueDate: '2015-05-01', overdue: true });
    expect(due('M-Office và V-Office')).toMatchObject({ dueDate: null, overdue: false, assigneeOrganizationId: await org('02.STTTT') });
    expect(tasks.every((t) => t.status === 'open')).toBe(true);
    const owedBySo = await get(`/api/tasks?organizationId=${await org('02.STTTT')}&overdue=true`);
    expect(owedBySo.items.map((t: { title: string }) => t.title).sort()).toEqual(['Kết nối mạng WAN của các sở, ban ngành và các huyện', 'Tham mưu phân bổ nguồn ngân sách nâng cấp hệ thống thư điện tử công vụ']);
  });

  it("shows Quảng Ngãi's campaign at held 9 of target 14, from 9 completed district conferences", async () => {
    const listed = (await get('/api/campaigns')).items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ title: TITLES.qnCampaign, year: 2013, held: 9, target: 14, scheduled: 0 });
    const campaign = await get(`/api/campaigns/${listed[0].id}`);
    expect(campaign.targets.filter((t: { status: string }) => t.status === 'held')).toHaveLength(9);
    expect(campaign.targets.filter((t: { status: string; eventIds: string[] }) => t.status === 'pending' && t.eventIds.length === 0)).toHaveLength(5);
    const linked = all.filter((e) => e.campaignId === campaign.id);
    expect(linked).toHaveLength(9);
    expect(linked.every((e) => e.status === 'completed' && e.startsAtLocal.startsWith('2013-01-'))).toBe(true);
    expect(linked.map((e) => e.title)).toContain('Hội nghị triển khai công tác ứng dụng và phát triển CNTT giai đoạn 2013-2015 tại huyện Bình Sơn');
  });

  it('invites the officials and the 11 districts to the upcoming year-end review, with answers of each kind, ready to send as .eml files', async () => {
    const [review] = (await get('/api/events?status=scheduled&limit=1', organizer)).items as EventJson[];
    const people: { fullName: string; role: string; status: string; delegatedFromId: string | null }[] = (await get(`/api/events/${review.id}/participants?kind=person&limit=200`, organizer)).items;
    const byName = (n: string) => people.find((p) => p.fullName === n)!;
    expect(byName('Nguyễn Văn Sơn')).toMatchObject({ role: 'chair', status: 'accepted' });
    expect(people.map((p) => p.status).sort()).toEqual(expect.arrayContaining(['accepted', 'tentative', 'declined', 'delegated', 'pending']));
    expect(people.some((p) => p.delegatedFromId)).toBe(true); // the Ministry's substitute
    const agencies = (await get(`/api/events/${review.id}/participants?kind=agency&limit=200`, organizer)).items;
    expect(agencies).toHaveLength(11);
    expect(agencies.every((a: { quota: number }) => a.quota === 2)).toBe(true);

    // Seeding mailed nobody, not even the substitute it named (the relay has had its chance to run).
    await new Promise((r) => setTimeout(r, 1500));
    expect((await get('/api/dev/outbox', admin)).items).toEqual([]);
    const sent = await ctx.http().post(`/api/events/${review.id}/invitations/send`).set(bearer(organizer)).expect(202);
    expect(sent.body).toMatchObject({ nominations: 11, withoutEmail: 0 });
    expect(sent.body.invitations).toBeGreaterThanOrEqual(5); // the substitute's among them
    const expected = sent.body.invitations + sent.body.nominations;
    let files: unknown[] = [];
    for (let i = 0; i < 100 && files.length < expected; i++) {
      await new Promise((r) => setTimeout(r, 100));
      files = (await get('/api/dev/outbox', admin)).items;
    }
    expect(files).toHaveLength(expected);
  });

  it('has upcoming published events of Hà Giang’s Sở TT&TT, placed from the day of seeding, for the demo organizer to invite people to', async () => {
    const upcoming: EventJson[] = (await get('/api/events?status=scheduled&limit=200', organizer)).items;
    const today = hanoiDay(new Date());
    const expected = upcomingDemoEvents(today);
    expect(upcoming.map((e) => e.startsAtLocal)).toEqual(expected.map((e) => `${e.sessions[0].startsAt}:00+07:00`));
    const so = await org('02.STTTT');
    for (const e of upcoming) {
      // two weeks to two months ahead, on a workday: invitations can go out to a new user's demo
      const days = (new Date(e.startsAt).getTime() - new Date(`${today}T00:00:00+07:00`).getTime()) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(14);
      expect(days).toBeLessThan(60);
      expect([0, 6]).not.toContain(new Date(e.startsAtLocal.slice(0, 10)).getUTCDay());
      expect(e.hostOrganizationId).toBe(so);
    }
    const training = await get(`/api/events/${upcoming[1].id}`, organizer);
    expect(training).toMatchObject({ kind: 'training_class', format: 'in_person' });
    expect(training.sessions).toHaveLength(3);
    // Every demo event is past and completed, or upcoming and scheduled.
    expect(all.filter((e) => e.status === 'completed')).toHaveLength(13 + DEMO_TRAINING_CLASS_TITLES.length);
    expect(all.every((e) => (e.status === 'completed') === e.startsAt < '2016-01-01')).toBe(true);
  });

  it("keeps the demo organizer to Hà Giang's events", async () => {
    const seen: EventJson[] = (await get('/api/events?limit=200', organizer)).items;
    expect(seen.map((e) => e.title).sort()).toEqual(
      [TITLES.hgTraining, TITLES.hgQ1, ...DEMO_TRAINING_CLASS_TITLES, ...upcomingDemoEvents(hanoiDay(new Date())).map((e) => e.title)].sort(),
    );
  });

  it('has named attendance for the Lào Cai 5/8/2015 and Hà Giang Q1/2015 reviews, locked and read through the summary', async () => {
    const lc = (await get(`/api/events/${byTitle(TITLES.laoCai).id}/attendance/summary`)) as { invited: number; present: number; locked: boolean; sessions: { present: number; late: number }[]; leadersPresent: { fullName: string }[] };
    expect(lc).toMatchObject({ invited: 3, present: 3, locked: true });
    expect(lc.sessions).toEqual([expect.objectContaining({ present: 3, late: 1 })]);
    expect(lc.leadersPresent.map((l) => l.fullName)).toEqual(['Đặng Xuân Thanh']);
    const hg = byTitle(TITLES.hgQ1);
    const summary = await get(`/api/events/${hg.id}/attendance/summary`);
    expect(summary).toMatchObject({ invited: 6, present: 4, attendanceRate: 0.667 });
    expect(summary.sessions[0]).toMatchObject({ present: 4, excused: 1, substitute: 1 });
    const roster = await get(`/api/events/${hg.id}/attendance?sessionId=${summary.sessions[0].sessionId}`);
    const dung = roster.items.find((i: { fullName: string }) => i.fullName === 'Hoàng Văn Dũng');
    const hang = roster.items.find((i: { fullName: string }) => i.fullName === 'Lương Thị Hằng');
    expect(dung.attendance).toMatchObject({ status: 'substitute', substituteParticipantId: hang.participantId, method: 'import' });
    expect(hang.attendance).toMatchObject({ status: 'present', scannedAt: '2015-04-10T07:05:00.000Z' });
  });

  it('reproduces seed 000: Hà Giang opened 11 training classes for over 400 officials in 2013 (người < lượt), with completions and certificate numbers', async () => {
    const program = (await get('/api/training/programs?year=2013')).find((p: { code: string }) => p.code === DEMO_PROGRAM_CODE);
    const s = await get(`/api/training/programs/${program.id}/summary`);
    expect(s.classes).toEqual({ planned: 11, held: 11 });
    expect(s.trainees.enrolledNguoi).toBeGreaterThan(400);
    expect(s.trainees.enrolledLuot).toBeGreaterThan(s.trainees.enrolledNguoi);
    expect(s.trainees.completedLuot).toBeGreaterThan(0);
    expect(s.trainees.completedLuot).toBeLessThan(s.trainees.enrolledLuot);
    expect(s.targets).toMatchObject({ classes: 11, trainees: 400, classesProgress: 1 });
    const leaders = (await get('/api/training/classes?programId=' + program.id)).find((c: { title: string }) => c.title === TITLES.hgTraining);
    expect(leaders).toMatchObject({ status: 'completed', enrolled: 30 });
    const list = await get(`/api/events/${leaders.eventId}/enrollments`);
    const numbers = list.flatMap((e: { certificate: { number: string } | null }) => (e.certificate ? [e.certificate.number] : []));
    expect(numbers.length).toBe(leaders.completed);
    expect(numbers.every((n: string) => /^TH-HG\/2013\/\d{4}$/.test(n))).toBe(true);
    const c = new Client({ connectionString: ctx.databaseUrl });
    await c.connect();
    try {
      const { rows } = await c.query('SELECT seq FROM training_certificates WHERE program_id = $1 ORDER BY seq', [program.id]);
      expect(rows.map((r: { seq: number }) => r.seq)).toEqual(rows.map((_: unknown, i: number) => i + 1));
      expect(rows.length).toBe(s.trainees.completedLuot);
    } finally {
      await c.end();
    }
  });

  it("reproduces seed 003: Lào Cai's first ranking of 22 departments and 9 districts for 2014, 29% tốt and 39% khá, published", async () => {
    const leader = await login('leader@hoinghi.test');
    const res = await ctx.http().get('/api/indicators/ranking?period=2014').set(bearer(leader)).expect(200);
    expect(res.body.organizationName).toBe('UBND tỉnh Lào Cai');
    expect(res.body.rows.filter((r: { group: string }) => r.group === 'department')).toHaveLength(22);
    expect(res.body.rows.filter((r: { group: string }) => r.group === 'district')).toHaveLength(9);
    expect(res.body.shares.overall.slice(0, 2)).toEqual([{ level: 'good', count: 9, percent: 29 }, { level: 'fair', count: 12, percent: 39 }]);
    const versions = await ctx.http().get('/api/indicators/snapshots?period=2014').set(bearer(leader)).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1]);
    const frozen = await ctx.http().get(`/api/indicators/snapshots/${versions.body[0].id}`).set(bearer(leader)).expect(200);
    expect(frozen.body.rows.map((r: { score: number }) => r.score)).toEqual(res.body.rows.map((r: { score: number }) => r.score));
    // The leader reads but does not change the directory.
    await ctx.http().post('/api/people').set(bearer(leader)).send({ fullName: 'Thử', organizationId: res.body.organizationId }).expect(403);
  });

  it('changes nothing when seeded again with npm run seed:demo (not even the history)', async () => {
    const before = await snapshot();
    const res = spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'src/cli.ts'), 'seed-demo'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'hoinghi-demo-')), DATABASE_URL: ctx.databaseUrl },
    });
    expect(res.stderr).toBe('');
    expect(res.stdout.trim()).toBe('demo data loaded: 103 organizations, 19 officials, 15 events with 9 follow-up tasks, 1 campaign, 5 demo accounts');
    expect(await snapshot()).toEqual(before);
    await seedDemo(ctx.app);
    expect(await snapshot()).toEqual(before);
  });
});
