import { bearer } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { until } from '../support/mail-app';
import { parseCalendar, type ReceivedMail, SmtpSink } from '../support/smtp-sink';
import type { TestContext } from '../support/app';

const TITLE = 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II; năm 2015';

/** The RSVP token in a mail's plain text. */
const tokenIn = (m: ReceivedMail, path = 'rsvp') => new RegExp(`/${path}/([\\w-]{22}\\.[\\w-]{32})`).exec(m.parsed.text ?? '')![1];

describe('invitations: sending, calendar entries, RSVP, nominations (real SMTP, real iCalendar parser)', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  const sink = new SmtpSink();
  let eventId: string;
  let icalUid: string;
  let tokenA: string;
  let orgId: string;
  const people: Record<string, { id: string; email: string }> = {};

  beforeAll(async () => {
    await sink.start();
    ({ ctx, admin, f } = await startAdminApp({ SMTP_URL: sink.url, MAIL_BACKOFF_MS: '50', MAIL_ATTEMPTS: '3', MAIL_FROM: 'sotttt@hagiang.gov.vn', LOG_LEVEL: 'warn' }));
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    orgId = org.id;
    for (const [key, name] of [['chair', 'Nguyễn Văn Sơn'], ['a', 'Đặng Thị Hoà'], ['b', 'Lê Minh Đức'], ['c', 'Trần Quốc Việt']] as const) {
      const p = await f.person(org.id, { fullName: name, title: 'Phó Chủ tịch UBND tỉnh, Trưởng BCĐ CNTT' });
      people[key] = { id: p.id, email: p.email! };
    }
    const res = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: TITLE, format: 'hybrid', hostOrganizationId: org.id, venueName: 'Hội trường lớn UBND tỉnh', venueAddress: 'Đường Nguyễn Trãi, TP Hà Giang',
      onlineUrl: 'https://vc.hagiang.gov.vn/room/q1-2015', sessions: [{ startsAt: '2031-04-10T14:00', endsAt: '2031-04-10T17:00' }],
    }).expect(201);
    eventId = res.body.id;
    icalUid = res.body.icalUid;
  });

  afterAll(async () => {
    await ctx.close();
    await sink.stop();
  });

  const participants = (list: unknown[]) => ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: list });
  const send = () => ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin));

  it('refuses to send for a draft event with 409', async () => {
    await participants([{ personId: people.chair.id, role: 'chair' }]).expect(201);
    const res = await send().expect(409);
    expect(res.body.details).toEqual([{ field: 'status', message: 'is draft' }]);
  });

  it('rejects the same person twice with 409 and unknown people with 400 naming the entry', async () => {
    const dup = await participants([{ personId: people.chair.id, role: 'delegate' }]).expect(409);
    expect(dup.body.details[0].field).toBe('participants.0');
    const bad = await participants([{ personId: people.a.id, role: 'delegate' }, { personId: '00000000-0000-4000-8000-000000000000', role: 'guest' }]).expect(400);
    expect(bad.body.details).toEqual([{ field: 'participants.1.personId', message: 'person 00000000-0000-4000-8000-000000000000 does not exist' }]);
    // all or nothing: the valid entry was not written
    const list = await ctx.http().get(`/api/events/${eventId}/participants`).set(bearer(admin)).expect(200);
    expect(list.body.total).toBe(1);
    const noQuota = await participants([{ organizationId: orgId, role: 'delegate' }]).expect(400);
    expect(noQuota.body.details[0].field).toBe('participants.0.quota');
  });

  it('mails each participant once, with a METHOD:REQUEST calendar entry that Thunderbird’s parser reads back exactly', async () => {
    await participants([{ personId: people.a.id, role: 'speaker' }, { personId: people.b.id, role: 'delegate' }]).expect(201);
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
    const res = await send().expect(202);
    expect(res.body).toEqual({ invitations: 3, nominations: 0, withoutEmail: 0, upToDate: 0 });
    await sink.waitFor(3);

    const mail = sink.to(people.a.email)[0];
    expect(mail.parsed.subject).toContain(TITLE);
    expect(mail.parsed.text).toContain('14:00');
    expect(mail.parsed.html).toContain('Hội trường lớn UBND tỉnh');
    expect(mail.calendar!.contentType).toMatch(/^text\/calendar; charset=utf-8; method=REQUEST/i);
    const raw = mail.calendar!.raw;
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const { method, first } = parseCalendar(raw);
    expect(method).toBe('REQUEST');
    expect(first.getFirstPropertyValue('uid')).toBe(icalUid);
    expect(first.getFirstPropertyValue('sequence')).toBe(0);
    expect(first.getFirstPropertyValue('summary')).toBe(TITLE);
    expect(first.getFirstPropertyValue('dtstart').toJSDate().toISOString()).toBe('2031-04-10T07:00:00.000Z');
    expect(first.getFirstProperty('dtstart').toICALString()).toMatch(/:20310410T070000Z$/);
    expect(first.getFirstPropertyValue('organizer')).toBe('mailto:sotttt@hagiang.gov.vn');
    const attendee = first.getFirstProperty('attendee');
    expect(attendee.getFirstValue()).toBe(`mailto:${people.a.email}`);
    expect(attendee.getParameter('cn')).toBe('Đặng Thị Hoà');
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee.getParameter('rsvp')).toBe('TRUE');
    expect(first.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(String(first.getFirstPropertyValue('location'))).toContain('Hội trường lớn UBND tỉnh');

    const chair = parseCalendar(sink.to(people.chair.email)[0].calendar!.raw).first.getFirstProperty('attendee');
    expect(chair.getParameter('role')).toBe('CHAIR');
  });

  it('marks participants invited and mails nobody twice on a second send', async () => {
    // (marked once the SMTP server has taken the message, a moment after the sink saw it)
    const statuses = async () => (await ctx.http().get(`/api/events/${eventId}/participants`).set(bearer(admin)).expect(200)).body.items.map((p: { status: string }) => p.status);
    for (let i = 0; i < 50 && (await statuses()).some((st: string) => st !== 'invited'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await statuses()).toEqual(['invited', 'invited', 'invited']);
    const res = await send().expect(202);
    expect(res.body).toEqual({ invitations: 0, nominations: 0, withoutEmail: 0, upToDate: 3 });
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.messages).toHaveLength(3);
  });

  it('gives a participant added later a plain invitation, not an update', async () => {
    await participants([{ personId: people.c.id, role: 'guest' }]).expect(201);
    expect((await send().expect(202)).body.invitations).toBe(1);
    await sink.waitFor(4);
    const mail = sink.to(people.c.email)[0];
    expect(mail.parsed.subject).toMatch(/^Giấy mời/);
    const { first } = parseCalendar(mail.calendar!.raw);
    expect(first.getFirstPropertyValue('sequence')).toBe(0);
    expect(first.getFirstProperty('attendee').getParameter('role')).toBe('OPT-PARTICIPANT');
  });

  it('records answers through the RSVP link, idempotently, and 404s unknown links', async () => {
    const token = tokenIn(sink.to(people.b.email)[0]);
    const view = await ctx.http().get(`/api/rsvp/${token}`).expect(200);
    expect(view.body).toMatchObject({ status: 'invited', fullName: 'Lê Minh Đức', canAnswer: true });
    await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'declined', note: 'Trùng lịch công tác' }).expect(200);
    const again = await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'declined', note: 'Trùng lịch công tác' }).expect(200);
    expect(again.body).toMatchObject({ status: 'declined', responseNote: 'Trùng lịch công tác' });
    tokenA = tokenIn(sink.to(people.a.email)[0]);
    await ctx.http().post(`/api/rsvp/${tokenA}`).send({ answer: 'accepted' }).expect(200);

    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const missing = await ctx.http().get(`/api/rsvp/${forged}`).expect(404);
    expect(missing.body.message).toMatch(/unknown or expired/);
    const bad = await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'maybe' }).expect(400);
    expect(bad.body.details[0].field).toBe('answer');
  });

  it('sends a substitute their own invitation and marks the original delegated', async () => {
    const token = tokenIn(sink.to(people.c.email)[0]);
    const noSub = await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'delegated' }).expect(400);
    expect(noSub.body.details[0].field).toBe('substitute');
    const before = sink.messages.length;
    const res = await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'delegated', substitute: { fullName: 'Vũ Thị Lan', title: 'Chuyên viên', email: 'Lan.VT@hagiang.gov.vn' } }).expect(200);
    // The public side names the substitute by the address typed, never by the directory's record of it.
    expect(res.body).toMatchObject({ status: 'delegated', substitute: { email: 'lan.vt@hagiang.gov.vn' } });
    expect(res.body.substitute.fullName).toBeUndefined();
    // the substitute's invitation, and a CANCEL that takes the event out of the original's calendar
    await sink.waitFor(before + 2);
    expect(sink.to(people.c.email).map((m) => parseCalendar(m.calendar!.raw).method)).toEqual(['REQUEST', 'CANCEL']);
    const mail = sink.to('lan.vt@hagiang.gov.vn')[0];
    expect(mail.parsed.text).toContain('Trần Quốc Việt');
    expect(parseCalendar(mail.calendar!.raw).method).toBe('REQUEST');
    // the same substitute again changes nothing
    await ctx.http().post(`/api/rsvp/${token}`).send({ answer: 'delegated', substitute: { fullName: 'Vũ Thị Lan', email: 'lan.vt@hagiang.gov.vn' } }).expect(200);
    const list = await ctx.http().get(`/api/events/${eventId}/participants?status=delegated`).set(bearer(admin)).expect(200);
    expect(list.body.total).toBe(1);
  });

  it('lets an agency nominate up to its quota; each nominee is invited; the organizer sees who has not nominated', async () => {
    const contact = await f.person(orgId, { fullName: 'Hoàng Văn Nam', isLeader: true });
    people.contact = { id: contact.id, email: contact.email! };
    const district = await f.org({ name: 'UBND huyện Vị Xuyên', kind: 'district', level: 'district' });
    const districtLeader = await f.person(district.id, { fullName: 'Phạm Văn Tuấn', isLeader: true });
    const other = await f.org({ name: 'UBND huyện Bắc Mê', kind: 'district', level: 'district' });
    await participants([{ organizationId: district.id, role: 'delegate', quota: 2 }, { organizationId: other.id, role: 'delegate', quota: 1, contactPersonId: contact.id }]).expect(201);
    const before = sink.messages.length;
    expect((await send().expect(202)).body).toMatchObject({ invitations: 0, nominations: 2 });
    await sink.waitFor(before + 2);
    const request = sink.to(districtLeader.email!)[0];
    expect(request.parsed.subject).toBeTruthy();
    const token = tokenIn(request, 'nominate');

    let summary = await ctx.http().get(`/api/events/${eventId}/invitations/summary`).set(bearer(admin)).expect(200);
    expect(summary.body.agenciesNotNominated.map((a: { organizationName: string }) => a.organizationName).sort()).toEqual(['UBND huyện Bắc Mê', 'UBND huyện Vị Xuyên']);

    const view = await ctx.http().get(`/api/nominate/${token}`).expect(200);
    expect(view.body).toMatchObject({ agencyName: 'UBND huyện Vị Xuyên', quota: 2, nominees: [] });
    await ctx.http().post(`/api/nominate/${token}`).send({ nominees: [{ fullName: 'Ngô Văn Hải', email: 'hai@vixuyen.gov.vn' }, { fullName: 'Lý Thị Mai', email: 'mai@vixuyen.gov.vn' }] }).expect(200);
    const over = await ctx.http().post(`/api/nominate/${token}`).send({ nominees: [{ fullName: 'Người Thứ Ba', email: 'ba@vixuyen.gov.vn' }] }).expect(409);
    expect(over.body.message).toMatch(/may name 2/);
    await sink.waitFor(before + 4);
    expect(sink.to('hai@vixuyen.gov.vn')).toHaveLength(1);
    expect(parseCalendar(sink.to('mai@vixuyen.gov.vn')[0].calendar!.raw).method).toBe('REQUEST');

    summary = await ctx.http().get(`/api/events/${eventId}/invitations/summary`).set(bearer(admin)).expect(200);
    expect(summary.body.agenciesNotNominated.map((a: { organizationName: string }) => a.organizationName)).toEqual(['UBND huyện Bắc Mê']);
    expect(summary.body.byStatus).toMatchObject({ accepted: 1, declined: 1, delegated: 1 });
    expect(summary.body.byRole.delegate).toBeGreaterThanOrEqual(3);
    expect(summary.body.byAgency.find((a: { organizationName: string }) => a.organizationName === 'UBND huyện Vị Xuyên').total).toBe(2);
  });

  it('sends every non-declined participant an updated REQUEST with a higher SEQUENCE when the event moves', async () => {
    sink.clear();
    const moved = await ctx.http().patch(`/api/events/${eventId}`).set(bearer(admin)).send({ sessions: [{ startsAt: '2031-04-11T08:00', endsAt: '2031-04-11T11:30' }] }).expect(200);
    expect(moved.body.sequence).toBe(1);
    // chair, a (accepted), Lan (substitute), the 2 nominees — not b (declined), not c (delegated) —
    // and the contact of Bắc Mê, whose nomination request is still open (Vị Xuyên has named its 2)
    await sink.waitFor(6);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.map((m) => m.to).sort()).toEqual([people.chair.email, people.a.email, 'lan.vt@hagiang.gov.vn', 'hai@vixuyen.gov.vn', 'mai@vixuyen.gov.vn', people.contact.email].sort());
    const repeated = sink.to(people.contact.email)[0];
    expect(repeated.calendar).toBeNull();
    expect(repeated.parsed.text).toContain('/nominate/');
    expect(repeated.parsed.text).toContain('08:00 – 11:30');
    expect(repeated.parsed.text).toMatch(/10\/04\/2031/); // what changed, with the time before
    const { method, first } = parseCalendar(sink.to(people.a.email)[0].calendar!.raw);
    expect(method).toBe('REQUEST');
    expect(first.getFirstPropertyValue('uid')).toBe(icalUid);
    expect(first.getFirstPropertyValue('sequence')).toBe(1);
    expect(first.getFirstPropertyValue('dtstart').toJSDate().toISOString()).toBe('2031-04-11T01:00:00.000Z');
    expect(first.getFirstProperty('attendee').getParameter('partstat')).toBe('ACCEPTED');
    const update = sink.to(people.a.email)[0];
    expect(update.parsed.subject).not.toMatch(/^Giấy mời/);
    // the mail says what changed: the new time, and the old one
    expect(update.parsed.text).toContain('08:00 – 11:30');
    expect(update.parsed.text).toMatch(/10\/04\/2031/);
  });

  it('sends METHOD:CANCEL to a removed participant, and to everyone when the event is cancelled', async () => {
    sink.clear();
    const list = await ctx.http().get(`/api/events/${eventId}/participants?role=chair`).set(bearer(admin)).expect(200);
    await ctx.http().delete(`/api/events/${eventId}/participants/${list.body.items[0].id}`).set(bearer(admin)).expect(204);
    await sink.waitFor(1);
    const removed = parseCalendar(sink.to(people.chair.email)[0].calendar!.raw);
    expect(removed.method).toBe('CANCEL');
    expect(removed.first.getFirstPropertyValue('uid')).toBe(icalUid);
    expect(sink.to(people.chair.email)[0].calendar!.contentType).toMatch(/method=CANCEL/i);

    sink.clear();
    const cancelled = await ctx.http().post(`/api/events/${eventId}/cancel`).set(bearer(admin)).expect(200);
    expect(cancelled.body.sequence).toBe(2);
    // everyone who had an invitation, the decliner too; not the one who passed it on (their CANCEL went out then)
    await sink.waitFor(6);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.map((m) => m.to).sort()).toEqual([people.a.email, people.b.email, 'lan.vt@hagiang.gov.vn', 'hai@vixuyen.gov.vn', 'mai@vixuyen.gov.vn', people.contact.email].sort());
    // The agency contact is told too (no calendar entry: a nomination request never had one).
    const toContact = sink.to(people.contact.email)[0];
    expect(toContact.calendar).toBeNull();
    expect(toContact.parsed.subject).toMatch(/^Hủy: /);
    for (const m of sink.messages.filter((x) => x.to !== people.contact.email)) {
      const { method, first } = parseCalendar(m.calendar!.raw);
      expect(method).toBe('CANCEL');
      expect(first.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(first.getFirstPropertyValue('sequence')).toBe(2);
    }
    const late = await ctx.http().post(`/api/rsvp/${tokenA}`).send({ answer: 'accepted' }).expect(409);
    expect(late.body.message).toMatch(/cancelled/);
  });
});

describe('invitations: starting over, passing on, and what the public side shows', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  const sink = new SmtpSink();
  let eventId: string;
  let orgId: string;

  beforeAll(async () => {
    await sink.start();
    ({ ctx, admin, f } = await startAdminApp({ SMTP_URL: sink.url, MAIL_BACKOFF_MS: '50' }));
    orgId = (await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Quảng Ngãi' })).id;
    const res = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị triển khai công tác ứng dụng CNTT', format: 'in_person', hostOrganizationId: orgId, venueName: 'Hội trường UBND huyện Lý Sơn',
      sessions: [{ startsAt: '2031-05-20T08:00', endsAt: '2031-05-20T11:00' }],
    }).expect(201);
    eventId = res.body.id;
    await ctx.http().patch(`/api/events/${eventId}`).set(bearer(admin)).send({ conclusion: 'Nội bộ: chưa công bố' }).expect(200);
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
  });
  afterAll(async () => {
    await ctx.close();
    await sink.stop();
  });

  const add = (list: unknown[]) => ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: list });
  const send = () => ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
  const methods = (address: string) => sink.to(address).map((m) => parseCalendar(m.calendar!.raw).method);

  it('invites someone again after a removal: REQUEST, CANCEL, then a new REQUEST', async () => {
    const p = await f.person(orgId, { fullName: 'Võ Thị Mai' });
    const [row] = (await add([{ personId: p.id, role: 'delegate' }]).expect(201)).body;
    await send();
    await sink.waitFor(1);
    await ctx.http().delete(`/api/events/${eventId}/participants/${row.id}`).set(bearer(admin)).expect(204);
    await sink.waitFor(2);
    await add([{ personId: p.id, role: 'delegate' }]).expect(201);
    expect((await send()).body.invitations).toBe(1);
    await sink.waitFor(3);
    expect(methods(p.email!)).toEqual(['REQUEST', 'CANCEL', 'REQUEST']);
  });

  it('sends the original a CANCEL when they pass the invitation on, and counts a nominee’s substitute in the same seat', async () => {
    const district = await f.org({ name: 'UBND huyện Lý Sơn', kind: 'district', level: 'district' });
    const leader = await f.person(district.id, { fullName: 'Phạm Văn Quý', isLeader: true });
    const [agency] = (await add([{ organizationId: district.id, role: 'delegate', quota: 1 }]).expect(201)).body;
    sink.clear();
    await send();
    await sink.waitFor(1);
    const nominate = tokenIn(sink.to(leader.email!)[0], 'nominate');
    await ctx.http().post(`/api/nominate/${nominate}`).send({ nominees: [{ fullName: 'Lê Văn Hải', email: 'hai@lyson.gov.vn' }] }).expect(200);
    await sink.waitFor(2);
    const rsvp = tokenIn(sink.to('hai@lyson.gov.vn')[0]);
    await ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'delegated', substitute: { fullName: 'Nguyễn Thị Bé', email: 'be@lyson.gov.vn' } }).expect(200);
    // The original's CANCEL waits for nothing here, but it and the substitute's REQUEST may come in either order.
    await until(async () => methods('hai@lyson.gov.vn').length === 2 && methods('be@lyson.gov.vn').length === 1);
    expect(methods('hai@lyson.gov.vn')).toEqual(['REQUEST', 'CANCEL']);
    expect(methods('be@lyson.gov.vn')).toEqual(['REQUEST']);
    const view = await ctx.http().get(`/api/events/${eventId}/participants/${agency.id}`).set(bearer(admin)).expect(200);
    expect(view.body.nominated).toBe(1);
    // the seat is taken: nobody else can be named
    await ctx.http().post(`/api/nominate/${nominate}`).send({ nominees: [{ fullName: 'Người Khác', email: 'khac@lyson.gov.vn' }] }).expect(409);
    // removing the agency withdraws its nominees too
    await ctx.http().delete(`/api/events/${eventId}/participants/${agency.id}`).set(bearer(admin)).expect(204);
    // Both nominees are withdrawn: the substitute gets a CANCEL; the original had theirs when passing it on.
    await sink.waitFor(5);
    await until(async () => methods('be@lyson.gov.vn').length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(methods('be@lyson.gov.vn')).toEqual(['REQUEST', 'CANCEL']);
    expect(methods('hai@lyson.gov.vn')).toEqual(['REQUEST', 'CANCEL']);
  });

  it('shows the public side only what an invitee needs, and never answers malformed input with a 500', async () => {
    const p = await f.person(orgId, { fullName: 'Đỗ Văn Nam' });
    await add([{ personId: p.id, role: 'guest' }]).expect(201);
    sink.clear();
    await send();
    await sink.waitFor(1);
    const token = tokenIn(sink.to(p.email!)[0]);
    const view = await ctx.http().get(`/api/rsvp/${token}`).expect(200);
    expect(view.body.event.title).toBe('Hội nghị triển khai công tác ứng dụng CNTT');
    expect(JSON.stringify(view.body)).not.toMatch(/hostOrganizationId|conclusion|Nội bộ|participantId/);
    await ctx.http().post(`/rsvp/${token}`).expect(400);
    await ctx.http().post(`/rsvp/${token}`).type('form').send('answer=accepted&answer=declined').expect(400);
    const page = await ctx.http().get(`/rsvp/${token}?lang=en&lang=vi`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    await ctx.http().post(`/nominate/${token}`).expect(404);
    await ctx.http().post(`/api/rsvp/${token}`).set('content-type', 'application/json').send('null').expect(400);
  });

  it('serves a person’s subscription feed of the events they are invited to, and each event as a .ics download', async () => {
    const p = await f.person(orgId, { fullName: 'Hà Văn Tú' });
    await add([{ personId: p.id, role: 'delegate' }]).expect(201);
    const other = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'training_class', title: 'Lớp tập huấn an toàn thông tin', format: 'online', hostOrganizationId: orgId, onlineUrl: 'https://hop.quangngai.gov.vn/attt',
      sessions: [{ startsAt: '2031-06-02T08:00', endsAt: '2031-06-02T11:00' }, { startsAt: '2031-06-03T08:00', endsAt: '2031-06-03T11:00' }],
    }).expect(201);
    await ctx.http().post(`/api/events/${other.body.id}/publish`).set(bearer(admin)).expect(200);
    await ctx.http().post(`/api/events/${other.body.id}/participants`).set(bearer(admin)).send({ participants: [{ personId: p.id, role: 'trainee' }] }).expect(201);
    await ctx.http().post(`/api/events/${other.body.id}/cancel`).set(bearer(admin)).expect(200);

    const viewer = await ctx.tokenFor('viewer');
    await ctx.http().get(`/api/people/${p.id}/calendar-feed`).set(bearer(viewer)).expect(403);
    const { url } = (await ctx.http().get(`/api/people/${p.id}/calendar-feed`).set(bearer(admin)).expect(200)).body;
    const path = new URL(url).pathname;
    const feed = await ctx.http().get(path).expect(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const cal = parseCalendar(feed.text);
    expect(cal.method).toBe('PUBLISH');
    const byTitle = new Map(cal.events.map((e) => [e.getFirstPropertyValue('summary') as string, e]));
    expect([...byTitle.keys()].sort()).toEqual(['Hội nghị triển khai công tác ứng dụng CNTT', 'Lớp tập huấn an toàn thông tin']);
    expect(byTitle.get('Lớp tập huấn an toàn thông tin')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(byTitle.get('Lớp tập huấn an toàn thông tin')!.getFirstPropertyValue('rrule')).toBeTruthy(); // two days at the same hours
    expect(cal.events.every((e) => e.getAllProperties('attendee').length === 0)).toBe(true);
    await ctx.http().get(path.replace(/.{6}\.ics$/, 'AAAAAA.ics')).expect(404);

    const download = await ctx.http().get(`/api/events/${eventId}/ics`).set(bearer(viewer)).expect(200);
    expect(parseCalendar(download.text).first.getFirstPropertyValue('summary')).toBe('Hội nghị triển khai công tác ứng dụng CNTT');
  });
});
