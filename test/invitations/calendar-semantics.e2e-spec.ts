import ICAL from 'ical.js';
import type { DataSource } from 'typeorm';
import { bearer, type TestContext } from '../support/app';
import type { Factories } from '../support/factories';
import { InvitationContexts } from '../../src/invitations/participants/invitation-context';
import { type MailApp, mailSettled, startMailApp, until } from '../support/mail-app';
import { parseCalendar, type ReceivedMail, type SmtpSink } from '../support/smtp-sink';

const tokenIn = (m: ReceivedMail, path = 'rsvp') => new RegExp(`/${path}/([\\w-]{22}\\.[\\w-]{32})`).exec(m.parsed.text ?? '')![1];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a calendar client sees of one mail: method, SEQUENCE, and the attendee's delegation parameters. */
function seen(m: ReceivedMail) {
  const { method, first } = parseCalendar(m.calendar!.raw);
  const attendee = first.getFirstProperty('attendee')!;
  return {
    method,
    sequence: first.getFirstPropertyValue('sequence') as number,
    delegatedTo: attendee.getParameter('delegated-to') ?? null,
    delegatedFrom: attendee.getParameter('delegated-from') ?? null,
  };
}

/** RFC 5546 as real clients apply it, read back from real mails with ical.js — with jobs on BullMQ and inline. */
describe.each([
  ['BullMQ', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'],
  ['inline jobs', ''],
])('calendar semantics per attendee (CANCEL after every REQUEST, rising SEQUENCE, delegation), %s', (_mode, redisUrl) => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let db: DataSource;
  let sink: SmtpSink;
  let app: MailApp;

  beforeAll(async () => {
    app = await startMailApp({ REDIS_URL: redisUrl });
    ({ ctx, admin, f, db, sink } = app);
  });
  afterAll(() => app.close());

  async function invited(title: string) {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const official = await f.person(org.id, { fullName: 'Nguyễn Minh Khoa', title: 'Thứ trưởng' });
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title, format: 'online', hostOrganizationId: org.id, onlineUrl: 'https://vc.hagiang.gov.vn/q1',
      sessions: [{ startsAt: '2031-04-10T14:00', endsAt: '2031-04-10T17:00' }],
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/events/${ev.body.id}/participants`).set(bearer(admin)).send({ participants: [{ personId: official.id, role: 'delegate' }] }).expect(201);
    sink.clear();
    await ctx.http().post(`/api/events/${ev.body.id}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(1);
    return { eventId: ev.body.id as string, official, token: tokenIn(sink.messages[0]) };
  }
  const settled = (eventId: string) => mailSettled(db, eventId);

  it('sends a CANCEL with a higher SEQUENCE after every REQUEST that reached a replaced substitute, even when they race a slow SMTP server', async () => {
    const { eventId, official, token } = await invited('Hội nghị trực tuyến đánh giá Quý I/2031');
    sink.clear();
    sink.delayMs = 400; // each message is with the SMTP server for 400 ms
    const emails = [1, 2, 3, 4, 5].map((i) => `thay-${i}@hagiang.example.gov.vn`);
    const name = (i: number) => ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'delegated', substitute: { fullName: `Người thay ${i + 1}`, email: emails[i] } }).then((r) => r.status);
    // The race, made certain: the first substitute is replaced while their REQUEST is with the SMTP server …
    const answers: (number | Promise<number>)[] = [name(0)];
    for (let i = 0; i < 1500 && !sink.inFlight.includes(emails[0]); i++) await sleep(10); // (up to 15 s on a loaded machine)
    expect(sink.inFlight).toContain(emails[0]);
    // … and the others one after another, each 70 ms after the page answered the one before, as a
    // hurried official would (sent without waiting, a loaded machine may take them out of order: the
    // last one named would then not be the last one taken).
    for (const i of [1, 2, 3, 4]) {
      answers.push(await name(i));
      await sleep(70);
    }
    expect(await Promise.all(answers)).toEqual([200, 200, 200, 200, 200]);
    await settled(eventId);
    sink.delayMs = 0;

    for (const email of emails.slice(0, 4)) {
      const mails = sink.to(email).map(seen);
      // Whatever the timing: a REQUEST that reached them is always followed by a CANCEL that outranks it.
      const requests = mails.filter((m) => m.method === 'REQUEST');
      if (requests.length) {
        expect(mails.map((m) => m.method)).toEqual(['REQUEST', 'CANCEL']);
        expect(mails[1].sequence).toBeGreaterThan(mails[0].sequence);
      } else {
        expect(mails).toEqual([]); // nothing reached them, so nothing to take back
      }
    }
    // The first REQUEST was on its way when its addressee was replaced: its CANCEL came after it.
    expect(sink.to(emails[0]).map(seen).map((m) => m.method)).toEqual(['REQUEST', 'CANCEL']);
    const last = sink.to(emails[4]).map(seen);
    expect(last).toEqual([{ method: 'REQUEST', sequence: 0, delegatedTo: null, delegatedFrom: `mailto:${official.email}` }]);
    // The original: their REQUEST, then one CANCEL that outranks it and names who they passed it to.
    const original = sink.to(official.email!).map(seen);
    expect(original.map((m) => m.method)).toEqual(['CANCEL']); // (the REQUEST was before sink.clear())
    expect(original[0].sequence).toBe(1);
    expect(emails.map((e) => `mailto:${e}`)).toContain(original[0].delegatedTo);
    const statuses = await db.query(`SELECT status FROM participants WHERE event_id = $1 AND delegated_from_id IS NOT NULL ORDER BY created_at`, [eventId]);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(['removed', 'removed', 'removed', 'removed', 'pending'].map((s, i) => (i === 4 ? expect.stringMatching(/pending|invited/) : s)));
  });

  it('re-invites with a higher SEQUENCE than the CANCEL, worded as an invitation, when a delegation is taken back', async () => {
    const { eventId, official, token } = await invited('Hội nghị giao ban CNTT tháng 5/2031');
    await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'delegated', substitute: { fullName: 'Vũ Hồng Nhung', email: 'nhung@hagiang.example.gov.vn' } }).expect(200);
    await settled(eventId);
    await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'accepted' }).expect(200);
    await settled(eventId);
    const mails = sink.to(official.email!);
    expect(mails.map(seen).map((m) => [m.method, m.sequence])).toEqual([['REQUEST', 0], ['CANCEL', 1], ['REQUEST', 2]]);
    expect(mails[2].parsed.subject).toMatch(/^Giấy mời/);
    // The substitute, no longer wanted, is taken out of their calendar too, above their own SEQUENCE.
    expect(sink.to('nhung@hagiang.example.gov.vn').map(seen).map((m) => [m.method, m.sequence])).toEqual([['REQUEST', 0], ['CANCEL', 1]]);
  });

  it('sends a CANCEL after a REQUEST that was on its way when the organizer removed the participant', async () => {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai' });
    const person = await f.person(org.id, { fullName: 'Lò Thị Xuân' });
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị sơ kết 6 tháng', format: 'in_person', hostOrganizationId: org.id, venueName: 'Hội trường tỉnh',
      sessions: [{ startsAt: '2031-07-10T08:00', endsAt: '2031-07-10T11:00' }],
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    const [p] = (await ctx.http().post(`/api/events/${ev.body.id}/participants`).set(bearer(admin)).send({ participants: [{ personId: person.id, role: 'delegate' }] }).expect(201)).body;
    sink.clear();
    sink.delayMs = 600;
    await ctx.http().post(`/api/events/${ev.body.id}/invitations/send`).set(bearer(admin)).expect(202);
    // the REQUEST is on its way: with the SMTP server, not yet taken …
    for (let i = 0; i < 1500 && !sink.inFlight.includes(person.email!); i++) await sleep(10); // (up to 15 s on a loaded machine)
    expect(sink.inFlight).toContain(person.email);
    await ctx.http().delete(`/api/events/${ev.body.id}/participants/${p.id}`).set(bearer(admin)).expect(204);
    await settled(ev.body.id);
    sink.delayMs = 0;
    expect(sink.to(person.email!).map(seen).map((m) => [m.method, m.sequence])).toEqual([['REQUEST', 0], ['CANCEL', 1]]);
  });

  it('sends a CANCEL when the REQUEST before it finishes while the CANCEL is being rendered', async () => {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Yên Bái' });
    const person = await f.person(org.id, { fullName: 'Hà Văn Thắng' });
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị tổng kết chuyển đổi số 2031', format: 'in_person', hostOrganizationId: org.id, venueName: 'Hội trường tỉnh',
      sessions: [{ startsAt: '2031-09-10T08:00', endsAt: '2031-09-10T11:00' }],
    }).expect(201);
    await ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(admin)).expect(200);
    const [p] = (await ctx.http().post(`/api/events/${ev.body.id}/participants`).set(bearer(admin)).send({ participants: [{ personId: person.id, role: 'delegate' }] }).expect(201)).body;
    sink.clear();
    // The REQUEST is held by the SMTP server: on its way, `invited_at` not written yet …
    sink.holding = true;
    await ctx.http().post(`/api/events/${ev.body.id}/invitations/send`).set(bearer(admin)).expect(202);
    await until(() => sink.inFlight.includes(person.email!));
    // … and the CANCEL is held just after it read the participant (before it looks for that REQUEST).
    const contexts = ctx.app.get(InvitationContexts);
    const read = contexts.get.bind(contexts);
    let cancelRead!: () => void;
    const cancelHasRead = new Promise<void>((r) => (cancelRead = r));
    let letCancelOn!: () => void;
    const cancelMayGoOn = new Promise<void>((r) => (letCancelOn = r));
    const spy = jest.spyOn(contexts, 'get').mockImplementationOnce(async (id) => {
      const c = await read(id);
      cancelRead();
      await cancelMayGoOn;
      return c;
    });
    try {
      await ctx.http().delete(`/api/events/${ev.body.id}/participants/${p.id}`).set(bearer(admin)).expect(204);
      await cancelHasRead;
      // The REQUEST finishes in between: taken by the server, its job done, `invited_at` written.
      sink.release();
      await until(async () => {
        const [row] = await db.query(
          `SELECT (SELECT invited_at FROM participants WHERE id = $1) IS NOT NULL AS invited,
                  NOT EXISTS (SELECT 1 FROM outbox WHERE topic = $2 AND starts_with(dedupe_key, $3) AND status IN ('pending', 'queued')) AS done`,
          [p.id, `mail:${ev.body.id}`, `request:${p.id}:`],
        );
        return row.invited && row.done;
      });
    } finally {
      letCancelOn();
      spy.mockRestore();
    }
    await settled(ev.body.id);
    // The REQUEST reached them, so it is taken back.
    expect(sink.to(person.email!).map(seen).map((m) => [m.method, m.sequence])).toEqual([['REQUEST', 0], ['CANCEL', 1]]);
  });

  it('escapes an event title in X-WR-CALNAME, and serves a valid calendar for a feed with no event', async () => {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Quảng Ngãi' });
    const title = 'Hội nghị triển khai CNTT; giai đoạn 2013–2015, huyện Lý Sơn \\ đảo';
    const ev = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title, format: 'in_person', hostOrganizationId: org.id, venueName: 'Hội trường huyện',
      sessions: [{ startsAt: '2031-03-01T08:00', endsAt: '2031-03-01T11:00' }],
    }).expect(201);
    const ics = await ctx.http().get(`/api/events/${ev.body.id}/ics`).set(bearer(admin)).expect(200);
    const calname = ics.text.replace(/\r\n[ \t]/g, '').split('\r\n').find((l) => l.startsWith('X-WR-CALNAME'))!;
    expect(calname).toContain('CNTT\\; giai đoạn 2013–2015\\, huyện Lý Sơn \\\\ đảo');
    // Read as TEXT by a parser, it is the title again.
    ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };
    expect(new ICAL.Component(ICAL.parse(ics.text)).getFirstPropertyValue('x-wr-calname')).toBe(title);

    const loner = await f.person(org.id, { fullName: 'Đinh Công Tráng' });
    const feedUrl = (await ctx.http().get(`/api/people/${loner.id}/calendar-feed`).set(bearer(admin)).expect(200)).body.url as string;
    const feed = await ctx.http().get(new URL(feedUrl).pathname).expect(200);
    const cal = new ICAL.Component(ICAL.parse(feed.text));
    expect(cal.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone']);
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
  });
});
