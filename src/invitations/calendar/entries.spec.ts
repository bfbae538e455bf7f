import ICAL from 'ical.js';
import type { EventView } from '../../events/dto/event.dto';
import { calendarEntries, entryCount, entryUid } from './entries';
import { buildCalendar } from './ics';
import { ParticipantCalendar } from './participant-calendar';

const UID = '0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b@hoinghi';
const TITLE = 'Lớp tập huấn chuyên môn công nghệ thông tin cho cán bộ cấp huyện năm 2027';
const untitled = (k: number, n: number) => `buổi ${k}/${n}`;
/** The demo's district training, Hà Nội time (UTC+7): 12/01 07:30–11:30 and 13:30–17:00, 13/01 07:30–11:30. */
const TRAINING = [
  { startsAt: new Date('2027-01-13T00:30:00Z'), endsAt: new Date('2027-01-13T04:30:00Z'), title: 'Ngày 2, buổi sáng' },
  { startsAt: new Date('2027-01-12T00:30:00Z'), endsAt: new Date('2027-01-12T04:30:00Z'), title: 'Ngày 1, buổi sáng' },
  { startsAt: new Date('2027-01-12T06:30:00Z'), endsAt: new Date('2027-01-12T10:00:00Z'), title: 'Ngày 1, buổi chiều' },
]; // unsorted on purpose
const DAILY = [12, 13].map((d) => ({ startsAt: new Date(Date.UTC(2027, 0, d, 0, 30)), endsAt: new Date(Date.UTC(2027, 0, d, 10, 0)), title: `Ngày ${d - 11}` }));

/** What a calendar client shows of a VCALENDAR: every VEVENT, each RRULE expanded by ical.js, in Hà Nội time. */
function shown(text: string) {
  const hanoi = (t: ICAL.Time) => new Date(t.toJSDate().getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const out: { uid: string; summary: string; start: string; end: string }[] = [];
  for (const vevent of new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const d = event.getOccurrenceDetails(next);
      out.push({ uid: event.uid, summary: event.summary, start: hanoi(d.startDate), end: hanoi(d.endDate) });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

function view(sessions: typeof TRAINING): EventView {
  return {
    id: '0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b', icalUid: UID, title: TITLE, sequence: 2, status: 'scheduled', updatedAt: '2026-12-01T00:00:00Z',
    description: null, publicSummary: null, venueName: 'Phòng họp Trung tâm CNTT', venueAddress: null, onlineUrl: null,
    sessions: sessions.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), title: s.title })),
  } as unknown as EventView;
}

describe('calendar entries: one per session unless a daily series', () => {
  it('derives a stable UID per position, the first being the event’s own', () => {
    expect(entryUid(UID, 1)).toBe(UID);
    expect(entryUid(UID, 2)).toBe('0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b-s2@hoinghi');
    expect(entryUid('plain', 3)).toBe('plain-s3');
  });

  it('keeps one session and a regular daily series as one entry with the event’s UID and title', () => {
    expect(entryCount([TRAINING[0]])).toBe(1);
    expect(entryCount(DAILY)).toBe(1);
    expect(calendarEntries({ uid: UID, title: TITLE, sessions: DAILY }, untitled)).toEqual([{ position: 1, count: 1, uid: UID, title: TITLE, sessions: DAILY }]);
  });

  it('splits an irregular programme into one entry per session in start order, titled by session or "buổi k/n"', () => {
    const sessions = TRAINING.map((s, i) => (i === 2 ? { ...s, title: null } : s));
    const entries = calendarEntries({ uid: UID, title: TITLE, sessions }, untitled);
    expect(entries.map((e) => [e.position, e.count, e.uid, e.title, e.sessions[0].startsAt.toISOString()])).toEqual([
      [1, 3, UID, `${TITLE} – Ngày 1, buổi sáng`, '2027-01-12T00:30:00.000Z'],
      [2, 3, entryUid(UID, 2), `${TITLE} – buổi 2/3`, '2027-01-12T06:30:00.000Z'],
      [3, 3, entryUid(UID, 3), `${TITLE} – Ngày 2, buổi sáng`, '2027-01-13T00:30:00.000Z'],
    ]);
    expect(entryCount(sessions)).toBe(3);
  });
});

describe('ParticipantCalendar with several sessions', () => {
  const calendar = new ParticipantCalendar('hoinghi@stttt.hagiang.gov.vn', () => new Date('2026-12-01T02:00:00Z'));
  const subject = (sessions: typeof TRAINING) => ({
    participant: { role: 'trainee' as const, status: 'invited' as const, sequenceBump: 1 },
    event: view(sessions),
    hostName: 'Sở Thông tin và Truyền thông tỉnh Hà Giang',
    recipient: { name: 'Hoàng Văn Tú', email: 'tu.hv@bacme.hagiang.gov.vn' },
  });

  it('writes each session’s REQUEST with its own UID, the attendee’s SEQUENCE, and no RDATE or RECURRENCE-ID', () => {
    const s = subject(TRAINING);
    const texts = [1, 2, 3].map((k) => calendar.forParticipant('REQUEST', s, { entry: k })!);
    expect(calendar.forParticipant('REQUEST', s, { entry: 4 })).toBeNull();
    for (const text of texts) {
      expect(text).not.toMatch(/RDATE|RECURRENCE-ID|RRULE/);
      const [vevent] = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
      expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
      expect(vevent.getFirstProperty('attendee')!.getFirstValue()).toBe('mailto:tu.hv@bacme.hagiang.gov.vn');
    }
    expect(texts.flatMap(shown)).toEqual([
      { uid: UID, summary: `${TITLE} – Ngày 1, buổi sáng`, start: '2027-01-12 07:30', end: '2027-01-12 11:30' },
      { uid: entryUid(UID, 2), summary: `${TITLE} – Ngày 1, buổi chiều`, start: '2027-01-12 13:30', end: '2027-01-12 17:00' },
      { uid: entryUid(UID, 3), summary: `${TITLE} – Ngày 2, buổi sáng`, start: '2027-01-13 07:30', end: '2027-01-13 11:30' },
    ]);
  });

  it('cancels an entry the event no longer has from the session the attendee had', () => {
    const text = calendar.forParticipant('CANCEL', subject(TRAINING.slice(0, 2)), { entry: { position: 3, count: 3, session: TRAINING[0] } })!;
    const [vevent] = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(vevent.getFirstPropertyValue('uid')).toBe(entryUid(UID, 3));
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('publishes every session of an irregular programme in one file, and a daily series as one RRULE', () => {
    const all = shown(calendar.publish([{ event: view(TRAINING), hostName: 'Sở TT&TT' }], TITLE));
    expect(all.map((o) => [o.uid, o.start, o.end])).toEqual([
      [UID, '2027-01-12 07:30', '2027-01-12 11:30'],
      [entryUid(UID, 2), '2027-01-12 13:30', '2027-01-12 17:00'],
      [entryUid(UID, 3), '2027-01-13 07:30', '2027-01-13 11:30'],
    ]);
    const daily = calendar.publish([{ event: view(DAILY), hostName: 'Sở TT&TT' }], TITLE);
    expect(daily).toContain('RRULE:FREQ=DAILY;INTERVAL=1;COUNT=2');
    expect(shown(daily).map((o) => [o.uid, o.summary, o.start, o.end])).toEqual([
      [UID, TITLE, '2027-01-12 07:30', '2027-01-12 17:00'],
      [UID, TITLE, '2027-01-13 07:30', '2027-01-13 17:00'],
    ]);
    expect(() => buildCalendar('REQUEST', [{ uid: UID, sequence: 0, status: 'CONFIRMED', title: TITLE, sessions: TRAINING, organizer: { name: 'x', email: 'x@y.vn' }, attendees: [] }], { dtstamp: new Date() })).toThrow(/one calendar entry each/);
  });
});
