import type { INestApplicationContext } from '@nestjs/common';
import { RosterService } from '../attendance/roster.service';
import type { RosterEntryDto } from '../attendance/dto/attendance.dto';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../common/auth/principal';
import { EventsService } from '../events/events.service';
import { PeopleService } from '../people/people.service';
import { TrainingService } from '../training/training.service';
import { DEMO_ORGANIZATIONS } from './demo-data';

/*
 * Seed 000: Hà Giang "mở được 11 lớp tập huấn CNTT cho trên 400 cán bộ, công chức, viên chức" in
 * 2013 — the program TH-HG/2013 with 11 classes: ten one-day classes March–November and the two-day
 * leadership training of 2–3/12/2013 (the demo event `hg-tap-huan-2013`). 430 trainees drawn
 * deterministically from Hà Giang's agencies; neighbouring classes share four people each, so người
 * (430) < lượt (470). Attendance by a fixed rule (a few absent, excused, late), so completions and
 * certificate numbers follow. Idempotent: the program's existence says it was seeded.
 */

export const DEMO_PROGRAM_CODE = 'TH-HG';
const HOST = '02.STTTT';
const VENUE = 'Phòng máy tính Trung tâm Công nghệ thông tin và Truyền thông tỉnh Hà Giang';
const TOPICS = ['Sử dụng thư điện tử công vụ', 'Phần mềm quản lý văn bản và điều hành', 'An toàn thông tin cho cán bộ, công chức', 'Cổng thông tin điện tử thành phần', 'Kỹ năng tin học văn phòng'];
const CLASS_DAYS = ['2013-03-14', '2013-04-11', '2013-05-16', '2013-06-13', '2013-07-11', '2013-08-15', '2013-09-12', '2013-10-10', '2013-10-24', '2013-11-14'];
/** The ten regular classes' titles (the eleventh is the demo event `hg-tap-huan-2013`). */
export const DEMO_TRAINING_CLASS_TITLES = CLASS_DAYS.map((_, k) => `Lớp tập huấn CNTT số ${k + 1}/2013: ${TOPICS[k % TOPICS.length]}`);
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vàng', 'Giàng', 'Lý', 'Đặng', 'Sùng', 'Lò', 'Nông'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Seo', 'A', 'Quang', 'Thu'];
const GIVEN = ['Sơn', 'Hà', 'Mai', 'Lan', 'Hùng', 'Dũng', 'Mìn', 'Páo', 'Chứ', 'Hoa', 'Tuấn', 'Thắng', 'Hương', 'Nam', 'Dế', 'Vần', 'Linh'];
const TITLES = ['Chuyên viên', 'Cán bộ', 'Văn thư', 'Kế toán', 'Phó Trưởng phòng'];
export const DEMO_TRAINEES = 430;

/** Trainee i of the demo (0-based): a deterministic name, agency and e-mail. */
function trainee(i: number, agencies: string[]) {
  const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 5) % GIVEN.length]}`;
  return { fullName: name, title: i >= 400 ? 'Phó Chủ tịch UBND' : TITLES[i % TITLES.length], organizationCode: agencies[i % agencies.length], email: `hocvien${String(i + 1).padStart(3, '0')}@tap-huan.hagiang.gov.vn` };
}

/** Which trainees a class takes: regular class k (0..9) the 44 from 40k, the leadership training the 30 from 400. */
const membersOf = (k: number | 'leaders') => (k === 'leaders' ? range(400, 430) : range(k * 40, k * 40 + 44));
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

/** A trainee's mark in a session: mostly present; a fixed few late, excused or absent. */
function markOf(i: number, k: number, session: number): RosterEntryDto['status'] {
  const r = (i * 7 + k * 3) % 13;
  if (r === 0) return 'absent';
  if (r === 1 && session === 0) return 'excused';
  if (r === 2 && session === 0) return 'late';
  if (r === 3 && session === 1) return 'absent';
  return 'present';
}

/** Before seedDemoEvents: the program and its trainees exist, so the leadership training can take its trainees while still open. */
export async function seedDemoTrainingProgram(app: INestApplicationContext, orgIds: Map<string, { id: string }>): Promise<boolean> {
  const training = app.get(TrainingService);
  if (await training.programByCode(DEMO_PROGRAM_CODE)) return false;
  const agencies = DEMO_ORGANIZATIONS.filter((o) => o.code.startsWith('02') && o.code !== '02').map((o) => o.code);
  const rows = range(0, DEMO_TRAINEES).map((i) => trainee(i, agencies));
  const csv = [['Họ và tên', 'Chức vụ', 'Mã đơn vị', 'Email'], ...rows.map((r) => [r.fullName, r.title, r.organizationCode, r.email])].map((r) => r.join(',')).join('\n');
  await app.get(PeopleService).importCsv(SYSTEM, Buffer.from(csv), false);
  await training.createProgram(SYSTEM, {
    code: DEMO_PROGRAM_CODE, name: 'Kế hoạch tập huấn công nghệ thông tin tỉnh Hà Giang năm 2013', year: 2013, organizerOrganizationId: orgIds.get(HOST)!.id,
    description: 'Mở được 11 lớp tập huấn CNTT cho trên 400 cán bộ, công chức, viên chức (Báo cáo tại Hội nghị cán bộ lãnh đạo quản lý CNTT, 2–3/12/2013).',
    audienceOrganizationIds: agencies.map((c) => orgIds.get(c)!.id), audienceLevels: ['province', 'district'], topics: TOPICS, targetClasses: 11, targetTrainees: 400,
  });
  return true;
}

async function personIds(app: INestApplicationContext, members: number[]): Promise<string[]> {
  const people = app.get(PeopleService);
  const ids: string[] = [];
  for (const i of members) {
    const email = `hocvien${String(i + 1).padStart(3, '0')}@tap-huan.hagiang.gov.vn`;
    const page = await people.list(SYSTEM, { q: email, limit: 1, offset: 0 } as never);
    ids.push(page.items[0].id);
  }
  return ids;
}

/** Called by seedDemoEvents before each event's lifecycle: the leadership training becomes a class of the program, with its trainees. */
export function demoTrainingBeforeLifecycle(app: INestApplicationContext) {
  return async (key: string, eventId: string): Promise<void> => {
    if (key !== 'hg-tap-huan-2013') return;
    const training = app.get(TrainingService);
    const program = await training.programByCode(DEMO_PROGRAM_CODE);
    if (!program || (await training.isClass(eventId))) return;
    await training.attachClass(SYSTEM, program.id, { eventId, capacity: 40, hours: 16 });
    await training.enrollAsOf(SYSTEM, eventId, await personIds(app, membersOf('leaders')), new Date('2013-11-25T02:00:00Z'));
  };
}

/**
 * After seedDemoEvents: the ten regular classes (created, published, enrolled, marked, completed)
 * and the leadership training's marks. Only on the run that created the program.
 */
export async function seedDemoTrainingClasses(app: INestApplicationContext, orgIds: Map<string, { id: string }>, eventIds: Record<string, string>, fresh: boolean): Promise<number> {
  if (!fresh) return 0;
  const training = app.get(TrainingService);
  const events = app.get(EventsService);
  const rosters = app.get(RosterService);
  const program = (await training.programByCode(DEMO_PROGRAM_CODE))!;
  const mark = async (eventId: string, k: number, members: number[]) => {
    const list = await training.listEnrollments(SYSTEM, eventId);
    const byEmail = new Map(list.map((e) => [e.email, e.participantId!]));
    const [event] = await events.viewsByIds([eventId]);
    for (const [s, session] of (event.sessions ?? []).entries()) {
      const records = members.map((i) => ({ participantId: byEmail.get(`hocvien${String(i + 1).padStart(3, '0')}@tap-huan.hagiang.gov.vn`)!, status: markOf(i, k, s) }) as RosterEntryDto);
      await rosters.write(SYSTEM, eventId, session.id, records);
    }
  };
  for (const [k, day] of CLASS_DAYS.entries()) {
    const ev = await events.create(SYSTEM, {
      kind: 'training_class', title: DEMO_TRAINING_CLASS_TITLES[k], format: 'in_person', hostOrganizationId: orgIds.get(HOST)!.id,
      venueName: VENUE, sessions: [{ startsAt: new Date(`${day}T07:30:00+07:00`), endsAt: new Date(`${day}T11:30:00+07:00`), title: 'Sáng' }, { startsAt: new Date(`${day}T13:30:00+07:00`), endsAt: new Date(`${day}T17:00:00+07:00`), title: 'Chiều' }],
      period: { year: 2013 },
    } as never);
    await events.transition(SYSTEM, ev.id, 'publish');
    await training.attachClass(SYSTEM, program.id, { eventId: ev.id, capacity: 50, hours: 7.5 });
    const members = membersOf(k);
    await training.enrollAsOf(SYSTEM, ev.id, await personIds(app, members), new Date(`${day}T00:00:00+07:00`));
    await mark(ev.id, k, members);
    await events.transition(SYSTEM, ev.id, 'start');
    await events.transition(SYSTEM, ev.id, 'complete');
  }
  const leaders = eventIds['hg-tap-huan-2013'];
  if (leaders && (await training.isClass(leaders))) await mark(leaders, 10, membersOf('leaders'));
  return CLASS_DAYS.length + 1;
}
