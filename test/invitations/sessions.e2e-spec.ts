import ICAL from 'ical.js';
import type { DataSource } from 'typeorm';
import { bearer, type TestContext } from '../support/app';
import type { Factories } from '../support/factories';
import { type MailApp, mailSettled, startMailApp } from '../support/mail-app';
import type { ReceivedMail, SmtpSink } from '../support/smtp-sink';

const TITLE = 'Lớp tập huấn chuyên môn công nghệ thông tin cho cán bộ cấp huyện';
/**
 * The demo's district training (12–13/01/2027), moved to 2031 so the test outlives its date:
 * day 1 morning and afternoon, day 2 morning, Hà Nội time.
 */
const TRAINING = [
  { startsAt: '2031-01-14T07:30', endsAt: '2031-01-14T11:30', title: 'Ngày 1, buổi sáng' },
  { startsAt: '2031-01-14T13:30', endsAt: '2031-01-14T17:00', title: 'Ngày 1, buổi chiều' },
  { startsAt: '2031-01-15T07:30', endsAt: '2031-01-15T11:30', title: 'Ngày 2, buổi sáng' },
];

interface Entry {
  sequence: number;
  vevent: ICAL.Component;
}

/**
 * A trainee's calendar as a client keeps it (RFC 5546): entries by UID; a REQUEST adds or replaces
 * one unless it is older than what is stored, a CANCEL removes it unless older. What it shows is
 * every entry expanded the way clients do (ical.js's iterator: RRULE instances; a plain event is one).
 */
class ClientCalendar {
  readonly entries = new Map<string, Entry>();
  /** Every (method, UID, SEQUENCE) applied, for assertions. */
  readonly log: { method: string; uid: string; sequence: number }[] = [];

  apply(mail: ReceivedMail) {
    if (!mail.calendar) return;
    const cal = new ICAL.Component(ICAL.parse(mail.calendar.raw));
    const method = cal.getFirstPropertyValue('method') as string;
    const vevents = cal.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(1); // iTIP: one entry (one UID) per message
    const [vevent] = vevents;
    expect(vevent.hasProperty('rdate') || vevent.hasProperty('recurrence-id')).toBe(false);
    const uid = vevent.getFirstPropertyValue('uid') as string;
    const sequence = Number(vevent.getFirstPropertyValue('sequence'));
    this.log.push({ method, uid, sequence });
    const stored = this.entries.get(uid);
    if (stored && sequence < stored.sequence) return;
    if (method === 'CANCEL') this.entries.delete(uid);
    else this.entries.set(uid, { sequence, vevent });
  }

  /** Every occurrence in Hà Nội time, in start order. */
  shows() {
    const hanoi = (t: ICAL.Time) => new Date(t.toJSDate().getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    const out: { start: string; end: string; summary: string }[] = [];
    for (const { vevent } of this.entries.values()) {
      const event = new ICAL.Event(vevent);
      const it = event.iterator();
      for (let next = it.next(); next; next = it.next()) {
        const d = event.getOccurrenceDetails(next);
        out.push({ start: hanoi(d.startDate), end: hanoi(d.endDate), summary: event.summary });
      }
    }
    return out.sort((a, b) => a.start.localeCompare(b.start));
  }
}

describe('every session of a multi-session event shows in every client (one calendar entry per session)', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let db: DataSource;
  let sink: SmtpSink;
  let app: MailApp;

  beforeAll(async () => {
    app = await startMailApp();
    ({ ctx, admin, f, db, sink } = app);
  });
  afterAll(() => app.close());

  const settled = (eventId: string) => mailSettled(db, eventId);

  async function trainingWithTrainee(sessions: typeof TRAINING, email: string, room: string) {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const trainee = await f.person(org.id, { fullName: 'Hoàng Văn Tú', email });
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'training_class', title: TITLE, format: 'in_person', hostOrganizationId: org.id,
      venueName: `Phòng họp ${room}, Trung tâm Công nghệ thông tin và Truyền thông tỉnh Hà Giang`, sessions,
    }).expect(201);
    const eventId = ev.body.id as string;
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: trainee.id, role: 'trainee' }] }).expect(201);
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await settled(eventId);
    return { eventId, uid: ev.body.icalUid as string };
  }

  it('invites, moves, drops and cancels each session as its own entry, read back with ical.js as a client applies them', async () => {
    const email = 'tu.hv@bacme.hagiang.example.gov.vn';
    const { eventId, uid } = await trainingWithTrainee(TRAINING, email, 'số 1');
    const client = new ClientCalendar();
    const received = () => sink.to(email);
    let seen = 0;
    const applyNew = () => {
      const mails = received().slice(seen);
      seen += mails.length;
      mails.forEach((m) => client.apply(m));
      return mails;
    };

    // The invitation (the whole programme in its body) carries the 1st entry; sessions 2 and 3 come in mails of their own.
    const invited = applyNew();
    expect(invited).toHaveLength(3);
    const invitation = invited.find((m) => m.parsed.subject!.startsWith('Giấy mời'))!;
    for (const s of TRAINING) expect(invitation.parsed.text).toContain(s.title);
    expect(invited.map((m) => m.parsed.subject).sort()).toEqual([
      expect.stringMatching(/^Giấy mời: /),
      `Lịch buổi 2/3: ${TITLE} – 14/01/2031`,
      `Lịch buổi 3/3: ${TITLE} – 15/01/2031`,
    ]);
    expect(new Set(client.log.map((l) => l.uid))).toEqual(new Set([uid, uid.replace('@', '-s2@'), uid.replace('@', '-s3@')]));
    expect(client.shows()).toEqual([
      { start: '2031-01-14T07:30', end: '2031-01-14T11:30', summary: `${TITLE} – Ngày 1, buổi sáng` },
      { start: '2031-01-14T13:30', end: '2031-01-14T17:00', summary: `${TITLE} – Ngày 1, buổi chiều` },
      { start: '2031-01-15T07:30', end: '2031-01-15T11:30', summary: `${TITLE} – Ngày 2, buổi sáng` },
    ]);
    const sequences = () => new Map([...client.entries].map(([u, e]) => [u, e.sequence]));
    const before = sequences();

    // The afternoon moves by an hour: every entry is updated, each with a higher SEQUENCE.
    const moved = [TRAINING[0], { ...TRAINING[1], startsAt: '2031-01-14T14:30', endsAt: '2031-01-14T17:30' }, TRAINING[2]];
    await ctx.http().patch(`/api/events/${eventId}`).set(bearer(admin)).send({ sessions: moved }).expect(200);
    await settled(eventId);
    const updates = applyNew();
    expect(updates.map((m) => m.calendar && new ICAL.Component(ICAL.parse(m.calendar.raw)).getFirstPropertyValue('method'))).toEqual(['REQUEST', 'REQUEST', 'REQUEST']);
    for (const [u, seq] of sequences()) expect(seq).toBeGreaterThan(before.get(u)!);
    expect(client.shows().map((o) => [o.start, o.end])).toEqual([
      ['2031-01-14T07:30', '2031-01-14T11:30'],
      ['2031-01-14T14:30', '2031-01-14T17:30'],
      ['2031-01-15T07:30', '2031-01-15T11:30'],
    ]);

    // Day 2 is dropped: its entry gets a CANCEL, the other two a REQUEST.
    await ctx.http().patch(`/api/events/${eventId}`).set(bearer(admin)).send({ sessions: moved.slice(0, 2) }).expect(200);
    await settled(eventId);
    const dropped = applyNew();
    expect(dropped).toHaveLength(3);
    const cancel = client.log.slice(-3).find((l) => l.method === 'CANCEL');
    expect(cancel?.uid).toBe(uid.replace('@', '-s3@'));
    expect(dropped.find((m) => m.parsed.subject!.startsWith('Hủy lịch buổi 3/3'))).toBeDefined();
    expect(client.shows().map((o) => [o.start, o.summary])).toEqual([
      ['2031-01-14T07:30', `${TITLE} – Ngày 1, buổi sáng`],
      ['2031-01-14T14:30', `${TITLE} – Ngày 1, buổi chiều`],
    ]);

    // The event is cancelled: one CANCEL per entry, and the calendar is empty.
    await ctx.http().post(`/api/events/${eventId}/cancel`).set(bearer(admin)).expect(200);
    await settled(eventId);
    const cancels = applyNew();
    expect(client.log.slice(-cancels.length).map((l) => [l.method, l.uid]).sort()).toEqual(
      [
        ['CANCEL', uid],
        ['CANCEL', uid.replace('@', '-s2@')],
      ].sort(),
    );
    expect(client.shows()).toEqual([]);
  });

  it('sends one CANCEL per entry to a removed trainee', async () => {
    const email = 'mai.lt@vixuyen.hagiang.example.gov.vn';
    const { eventId, uid } = await trainingWithTrainee(TRAINING, email, 'số 2');
    const client = new ClientCalendar();
    sink.to(email).forEach((m) => client.apply(m));
    expect(client.shows()).toHaveLength(3);
    const [p] = (await ctx.http().get(`/api/events/${eventId}/participants`).set(bearer(admin)).expect(200)).body.items ?? [];
    await ctx.http().delete(`/api/events/${eventId}/participants/${p.id}`).set(bearer(admin)).expect(204);
    await settled(eventId);
    const mails = sink.to(email).slice(3);
    mails.forEach((m) => client.apply(m));
    expect(client.log.slice(3).map((l) => [l.method, l.uid, l.sequence]).sort()).toEqual(
      [
        ['CANCEL', uid, 1],
        ['CANCEL', uid.replace('@', '-s2@'), 1],
        ['CANCEL', uid.replace('@', '-s3@'), 1],
      ].sort(),
    );
    expect(client.shows()).toEqual([]);
  });

  it('keeps a regular daily series as one entry with an RRULE that expands to both days', async () => {
    const email = 'son.nv@quanba.hagiang.example.gov.vn';
    const days = [
      { startsAt: '2031-02-11T07:30', endsAt: '2031-02-11T17:00', title: 'Ngày 1' },
      { startsAt: '2031-02-12T07:30', endsAt: '2031-02-12T17:00', title: 'Ngày 2' },
    ];
    const { uid } = await trainingWithTrainee(days, email, 'số 3');
    const mails = sink.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].calendar!.raw).toContain('RRULE:FREQ=DAILY;INTERVAL=1;COUNT=2');
    const client = new ClientCalendar();
    client.apply(mails[0]);
    expect([...client.entries.keys()]).toEqual([uid]);
    expect(client.shows()).toEqual([
      { start: '2031-02-11T07:30', end: '2031-02-11T17:00', summary: TITLE },
      { start: '2031-02-12T07:30', end: '2031-02-12T17:00', summary: TITLE },
    ]);
  });
});
