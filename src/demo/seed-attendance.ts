import type { INestApplicationContext } from '@nestjs/common';
import { RosterService } from '../attendance/roster.service';
import type { RosterEntryDto } from '../attendance/dto/attendance.dto';
import type { AttendanceStatus } from '../attendance/attendance-record.entity';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../common/auth/principal';
import { parseInstant } from '../common/time/time';
import { EventsService } from '../events/events.service';
import type { ParticipantRole } from '../invitations/invitations.read-model';
import { ParticipantsService } from '../invitations/participants/participants.service';
import { PeopleService } from '../people/people.service';

interface DemoAttendee {
  email: string;
  role: ParticipantRole;
  status: AttendanceStatus;
  /** With `substitute`: the e-mail of who came instead (an attendee of the same list). */
  substituteEmail?: string;
  /** Hà Nội time of the tick on the paper list (none for absences). */
  at?: string;
  note?: string;
}

/**
 * Named attendance (điểm danh) of the two past online reviews, as the organizers' paper lists would
 * have it, entered afterwards (method `import`). The articles name few people; these are the
 * officials of the demo directory in the roles the articles give them. (Which bridge point each
 * attended, and the points' headcounts, come with the bridge-points module.)
 */
const DEMO_ATTENDANCE: { eventKey: string; attendees: DemoAttendee[] }[] = [
  {
    // Lào Cai, 5/8/2015, 08:00 (seed 003): the Phó Chủ tịch UBND tỉnh chairs at the main point.
    eventKey: 'lc-7-thang-2015',
    attendees: [
      { email: 'dxthanh.ubnd@laocai.example.gov.vn', role: 'chair', status: 'present', at: '2015-08-05T07:50' },
      { email: 'ntthuong.stttt@laocai.example.gov.vn', role: 'speaker', status: 'present', at: '2015-08-05T07:35' },
      { email: 'lvhung.ubndsapa@laocai.example.gov.vn', role: 'delegate', status: 'late', at: '2015-08-05T08:25', note: 'Điểm cầu huyện Sa Pa' },
    ],
  },
  {
    // Hà Giang, 10/4/2015, 14:00 (seed 004): the Phó Chủ tịch Thường trực chairs.
    eventKey: 'hg-quy-1-2015',
    attendees: [
      { email: 'nvson.ubnd@hagiang.example.gov.vn', role: 'chair', status: 'present', at: '2015-04-10T13:50' },
      { email: 'lddien.ttcntt@hagiang.example.gov.vn', role: 'speaker', status: 'present', at: '2015-04-10T13:40' },
      { email: 'nvtuan.stttt@hagiang.example.gov.vn', role: 'speaker', status: 'present', at: '2015-04-10T13:45' },
      { email: 'lthon.hdnd@hagiang.example.gov.vn', role: 'guest', status: 'excused', note: 'Trùng lịch làm việc của Thường trực HĐND tỉnh' },
      { email: 'hvdung.ptranphu@hagiang.example.gov.vn', role: 'delegate', status: 'substitute', substituteEmail: 'lthang.ubndtp@hagiang.example.gov.vn' },
      { email: 'lthang.ubndtp@hagiang.example.gov.vn', role: 'delegate', status: 'present', at: '2015-04-10T14:05', note: 'Dự thay đồng chí Hoàng Văn Dũng' },
    ],
  },
];

/**
 * Seeds the named attendance through the attendance and invitations services: the attendees join
 * the (completed) events' lists as they were there, and each row is written as an administrator's
 * entry of the paper list. Idempotent: people already on the list stay as they are, and a roster
 * entry equal to the row there writes nothing (no row, no audit entry). Returns the rows written now.
 */
export async function seedDemoAttendance(app: INestApplicationContext, eventIds: Record<string, string>): Promise<number> {
  const people = app.get(PeopleService);
  const participants = app.get(ParticipantsService);
  const rosters = app.get(RosterService);
  const events = app.get(EventsService);
  let written = 0;
  for (const list of DEMO_ATTENDANCE) {
    const eventId = eventIds[list.eventKey];
    if (!eventId) continue;
    const personIds = new Map<string, string>();
    for (const a of list.attendees) {
      const found = await people.list(SYSTEM, { q: a.email, limit: 1, offset: 0 });
      if (found.items[0]) personIds.set(a.email, found.items[0].id);
    }
    const present = list.attendees.filter((a) => personIds.has(a.email));
    const pids = await participants.addAttendees(SYSTEM, eventId, present.map((a) => ({ personId: personIds.get(a.email)!, role: a.role })));
    const pidOf = (email: string) => pids.get(personIds.get(email)!)!;
    const [session] = (await events.get(SYSTEM, eventId)).sessions!;
    const entries = present.map((a) => ({
      participantId: pidOf(a.email),
      status: a.status,
      method: 'import' as const,
      ...(a.substituteEmail && personIds.has(a.substituteEmail) ? { substituteParticipantId: pidOf(a.substituteEmail) } : {}),
      ...(a.at ? { scannedAt: parseInstant(a.at) as Date } : {}),
      ...(a.note ? { note: a.note } : {}),
    }));
    const before = await rosters.roster(SYSTEM, eventId, session.id);
    const unchanged = entries.filter((e) => {
      const row = before.items.find((i) => i.participantId === e.participantId)?.attendance;
      return row && row.status === e.status && row.method === e.method && (row.note ?? undefined) === e.note && (row.scannedAt ? new Date(row.scannedAt).getTime() : undefined) === e.scannedAt?.getTime();
    }).length;
    await rosters.write(SYSTEM, eventId, session.id, entries as RosterEntryDto[], 'import');
    written += entries.length - unchanged;
  }
  return written;
}
