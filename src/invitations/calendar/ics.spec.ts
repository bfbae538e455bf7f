import ICAL from 'ical.js';
import { ATTENDEE_PLACEHOLDER, buildCalendar, type IcsEvent, personalize } from './ics';
import { unfold } from './fold';

const TITLE = 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II';
const DTSTAMP = new Date('2015-04-01T02:30:00Z');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The Hà Giang Q1/2015 review: 10/4/2015 14:00–17:00 Hà Nội time = 07:00–10:00Z. */
function review(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: '0190f3a2-7c1e-7b6a-9d2e-3f4a5b6c7d8e@hoinghi',
    sequence: 0,
    status: 'CONFIRMED',
    title: TITLE,
    description: 'Chủ trì: đồng chí Nguyễn Văn Sơn, Phó Chủ tịch Thường trực UBND tỉnh.\nThành phần: lãnh đạo các Sở; UBND 11 huyện, thành phố.',
    location: 'Hội trường UBND tỉnh Hà Giang, tầng 3',
    sessions: [{ startsAt: new Date('2015-04-10T07:00:00Z'), endsAt: new Date('2015-04-10T10:00:00Z') }],
    organizer: { name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', email: 'stttt@hagiang.gov.vn' },
    attendees: [
      { name: 'Nguyễn Văn Sơn, Phó Chủ tịch Thường trực UBND tỉnh', email: 'nvson@hagiang.gov.vn', role: 'CHAIR', partstat: 'ACCEPTED', rsvp: false },
      { name: 'Lã Đình Điền; Giám đốc Sở TT&TT', email: 'ldien@hagiang.gov.vn', role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION', rsvp: true },
      { name: 'Trần Đức Lai', email: 'tdlai@mic.gov.vn', role: 'OPT-PARTICIPANT', partstat: 'TENTATIVE', rsvp: true },
    ],
    ...overrides,
  };
}

/** The Hà Giang training for IT leaders, 2–3/12/2013, 07:30–17:00 Hà Nội time each day. */
const TRAINING_DAYS = [
  { startsAt: new Date('2013-12-02T00:30:00Z'), endsAt: new Date('2013-12-02T10:00:00Z'), title: 'Ngày 1' },
  { startsAt: new Date('2013-12-03T00:30:00Z'), endsAt: new Date('2013-12-03T10:00:00Z'), title: 'Ngày 2' },
];

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

function vevents(text: string) {
  return parse(text).getAllSubcomponents('vevent');
}

/** Unfolded content lines, for assertions on the exact serialized form. */
function logicalLines(text: string): string[] {
  return unfold(text).split('\r\n').filter(Boolean);
}

/** Every occurrence as a client would show it: ical.js's recurrence expansion of the (one) VEVENT. */
function occurrences(text: string) {
  const event = new ICAL.Event(vevents(text)[0]);
  const iterator = event.iterator();
  const found: { start: string; end: string; summary: string }[] = [];
  for (let next = iterator.next(); next && found.length < 100; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    found.push({
      start: details.startDate.toJSDate().toISOString(),
      end: details.endDate.toJSDate().toISOString(),
      summary: details.item.summary,
    });
  }
  return found;
}

describe('buildCalendar', () => {
  it('writes a REQUEST that ical.js reads back with method, UID, SEQUENCE, DTSTAMP and UTC times', () => {
    const text = buildCalendar('REQUEST', [review({ sequence: 3 })], { dtstamp: DTSTAMP });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//hoinghi//hoinghi calendar//VI');

    const [event] = calendar.getAllSubcomponents('vevent');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(event.getFirstPropertyValue('uid')).toBe('0190f3a2-7c1e-7b6a-9d2e-3f4a5b6c7d8e@hoinghi');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(event.getFirstPropertyValue('dtstamp'))).toBe('2015-04-01T02:30:00Z');
    // 14:00 in Hà Nội is 07:00Z; written as UTC, no TZID, no VTIMEZONE.
    expect(logicalLines(text)).toEqual(expect.arrayContaining(['DTSTART:20150410T070000Z', 'DTEND:20150410T100000Z']));
    expect(text).not.toMatch(/TZID|VTIMEZONE/);
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.zone?.tzid).toBe('UTC');
    expect(start.toJSDate().toISOString()).toBe('2015-04-10T07:00:00.000Z');
    expect(event.getFirstPropertyValue('location')).toBe('Hội trường UBND tỉnh Hà Giang, tầng 3');
    expect(text).not.toContain('X-PUBLISHED-TTL'); // a feed hint, meaningless in a message
  });

  it('ends every line with CRLF', () => {
    const text = buildCalendar('REQUEST', [review()], { dtstamp: DTSTAMP });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps the exact Vietnamese title after unfolding, folding every line at 75 octets without splitting UTF-8', () => {
    const text = buildCalendar('REQUEST', [review()], { dtstamp: DTSTAMP });
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(() => strictUtf8.decode(Buffer.from(line, 'utf8'))).not.toThrow();
    }
    expect(text).toMatch(/\r\n [^\r\n]/); // it did fold (the title alone is 124 octets)
    expect(text).not.toContain('\r\n\t'); // ics's TAB continuation is gone
    expect(vevents(text)[0].getFirstPropertyValue('summary')).toBe(TITLE);
    expect(logicalLines(text)).toContain(`SUMMARY:${TITLE.replace(',', '\\,')}`);
  });

  it('escapes commas, semicolons, backslashes and newlines in text exactly once', () => {
    const description = 'Thành phần: Sở, ban, ngành; UBND huyện\nĐường dẫn tài liệu: \\\\stttt\\tailieu';
    const title = 'Tập huấn; "an toàn thông tin", C:\\temp';
    const location = 'Phòng họp số 2; tầng 3, Sở TT&TT';
    const text = buildCalendar('REQUEST', [review({ title, description, location })], { dtstamp: DTSTAMP });
    const lines = logicalLines(text);
    expect(lines).toContain('SUMMARY:Tập huấn\\; "an toàn thông tin"\\, C:\\\\temp');
    expect(lines).toContain('DESCRIPTION:Thành phần: Sở\\, ban\\, ngành\\; UBND huyện\\nĐường dẫn tài liệu: \\\\\\\\stttt\\\\tailieu');
    expect(lines).toContain('LOCATION:Phòng họp số 2\\; tầng 3\\, Sở TT&TT');
    const [event] = vevents(text);
    expect(event.getFirstPropertyValue('summary')).toBe(title);
    expect(event.getFirstPropertyValue('description')).toBe(description);
    expect(event.getFirstPropertyValue('location')).toBe(location);
  });

  it('writes ORGANIZER and ATTENDEE with quoted CN, token ROLE and PARTSTAT, and RSVP', () => {
    const text = buildCalendar('REQUEST', [review()], { dtstamp: DTSTAMP });
    const [event] = vevents(text);
    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:stttt@hagiang.gov.vn');
    expect(organizer.getParameter('cn')).toBe('Sở Thông tin và Truyền thông tỉnh Hà Giang');

    const attendees = event.getAllProperties('attendee').map((p) => ({
      value: p.getFirstValue(),
      cn: p.getParameter('cn'),
      role: p.getParameter('role'),
      partstat: p.getParameter('partstat'),
      rsvp: p.getParameter('rsvp'),
    }));
    expect(attendees).toEqual([
      { value: 'mailto:nvson@hagiang.gov.vn', cn: 'Nguyễn Văn Sơn, Phó Chủ tịch Thường trực UBND tỉnh', role: 'CHAIR', partstat: 'ACCEPTED', rsvp: 'FALSE' },
      { value: 'mailto:ldien@hagiang.gov.vn', cn: 'Lã Đình Điền; Giám đốc Sở TT&TT', role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION', rsvp: 'TRUE' },
      { value: 'mailto:tdlai@mic.gov.vn', cn: 'Trần Đức Lai', role: 'OPT-PARTICIPANT', partstat: 'TENTATIVE', rsvp: 'TRUE' },
    ]);
    expect(logicalLines(text)).toContain(
      'ATTENDEE;RSVP=TRUE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN="Lã Đình Điền; Giám đốc Sở TT&TT":mailto:ldien@hagiang.gov.vn',
    );
  });

  it('keeps a name with double quotes, a colon or a newline readable in CN', () => {
    const attendee = { name: 'Công ty "Viễn thông: Hà Giang"\nChi nhánh', email: 'vnpt@hagiang.vn', role: 'NON-PARTICIPANT', partstat: 'NEEDS-ACTION', rsvp: false } as const;
    const text = buildCalendar('REQUEST', [review({ attendees: [attendee] })], { dtstamp: DTSTAMP });
    const property = vevents(text)[0].getFirstProperty('attendee')!;
    expect(property.getParameter('cn')).toBe("Công ty 'Viễn thông: Hà Giang' Chi nhánh");
    expect(property.getFirstValue()).toBe('mailto:vnpt@hagiang.vn');
  });

  it('marks a delegation with DELEGATED-TO on the original and DELEGATED-FROM on the substitute', () => {
    const attendees = [
      { name: 'Nguyễn Văn Sơn', email: 'nvson@hagiang.gov.vn', role: 'CHAIR', partstat: 'DELEGATED', rsvp: false, delegatedTo: 'pho.vp@hagiang.gov.vn' },
      { name: 'Phó Chánh Văn phòng', email: 'pho.vp@hagiang.gov.vn', role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION', rsvp: true, delegatedFrom: 'nvson@hagiang.gov.vn' },
    ] as const;
    const text = buildCalendar('REQUEST', [review({ attendees: [...attendees] })], { dtstamp: DTSTAMP });
    const [original, substitute] = vevents(text)[0].getAllProperties('attendee');
    expect(original.getParameter('partstat')).toBe('DELEGATED');
    expect(original.getParameter('delegated-to')).toBe('mailto:pho.vp@hagiang.gov.vn');
    expect(substitute.getParameter('delegated-from')).toBe('mailto:nvson@hagiang.gov.vn');
    expect(substitute.getFirstValue()).toBe('mailto:pho.vp@hagiang.gov.vn');
  });

  it('writes a CANCEL with the same UID, the caller’s higher SEQUENCE, STATUS:CANCELLED and no RSVP', () => {
    const request = vevents(buildCalendar('REQUEST', [review({ sequence: 1 })], { dtstamp: DTSTAMP }))[0];
    const text = buildCalendar('CANCEL', [review({ sequence: 2 })], { dtstamp: new Date('2015-04-05T01:00:00Z') });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(events[0].getFirstPropertyValue('uid')).toBe(request.getFirstPropertyValue('uid'));
    expect(events[0].getFirstPropertyValue('sequence')).toBe(2);
    expect(events[0].getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(events[0].getFirstPropertyValue('dtstamp'))).toBe('2015-04-05T01:00:00Z');
    expect(events[0].getAllProperties('attendee')).toHaveLength(3);
    expect(text).not.toContain('RSVP=');
  });

  it('writes a PUBLISH feed of several events with X-WR-CALNAME and without attendees', () => {
    const second = review({
      uid: 'training-2013@hoinghi',
      title: 'Hội nghị tập huấn cán bộ lãnh đạo quản lý CNTT tỉnh Hà Giang năm 2013',
      sessions: TRAINING_DAYS,
      status: 'TENTATIVE',
    });
    const text = buildCalendar('PUBLISH', [review(), second], { dtstamp: DTSTAMP, calendarName: 'Lịch hội nghị – Lã Đình Điền' });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Lịch hội nghị – Lã Đình Điền');
    expect(text).not.toContain('METHOD:REQUEST');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual(['0190f3a2-7c1e-7b6a-9d2e-3f4a5b6c7d8e@hoinghi', 'training-2013@hoinghi']);
    expect(events.map((e) => e.getFirstPropertyValue('status'))).toEqual(['CONFIRMED', 'TENTATIVE']);
    // RFC 5546 §3.2.1: the organizer is present, attendees are not (nor RSVP).
    expect(events.every((e) => e.hasProperty('organizer') && !e.hasProperty('attendee'))).toBe(true);
    expect(text).not.toContain('RSVP');
  });

  it('writes an empty feed for a person with no events', () => {
    const calendar = parse(buildCalendar('PUBLISH', [], { dtstamp: DTSTAMP, calendarName: 'Lịch hội nghị' }));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
  });

  it('writes sessions on consecutive days at the same hours as one VEVENT with a daily RRULE', () => {
    const text = buildCalendar('REQUEST', [review({ sessions: TRAINING_DAYS })], { dtstamp: DTSTAMP });
    expect(vevents(text)).toHaveLength(1);
    expect(logicalLines(text)).toEqual(
      expect.arrayContaining(['DTSTART:20131202T003000Z', 'DTEND:20131202T100000Z', 'RRULE:FREQ=DAILY;INTERVAL=1;COUNT=2']),
    );
    expect(text).not.toMatch(/RDATE|RECURRENCE-ID/);
    expect(occurrences(text)).toEqual([
      { start: '2013-12-02T00:30:00.000Z', end: '2013-12-02T10:00:00.000Z', summary: TITLE },
      { start: '2013-12-03T00:30:00.000Z', end: '2013-12-03T10:00:00.000Z', summary: TITLE },
    ]);
  });

  it('uses INTERVAL for an evenly spaced series (a class every Monday)', () => {
    const mondays = [0, 7, 14].map((d) => ({
      startsAt: new Date(Date.UTC(2014, 2, 3 + d, 1, 0)),
      endsAt: new Date(Date.UTC(2014, 2, 3 + d, 4, 0)),
    }));
    const text = buildCalendar('REQUEST', [review({ sessions: mondays })], { dtstamp: DTSTAMP });
    expect(logicalLines(text)).toContain('RRULE:FREQ=DAILY;INTERVAL=7;COUNT=3');
    expect(occurrences(text).map((o) => o.start)).toEqual(['2014-03-03T01:00:00.000Z', '2014-03-10T01:00:00.000Z', '2014-03-17T01:00:00.000Z']);
  });

  it('refuses sessions that are not a daily series: they are one calendar entry each, never an RDATE set', () => {
    const sessions = [
      { startsAt: new Date('2015-04-10T01:00:00Z'), endsAt: new Date('2015-04-10T04:30:00Z') },
      { startsAt: new Date('2015-04-10T07:00:00Z'), endsAt: new Date('2015-04-10T10:00:00Z') },
    ];
    for (const method of ['REQUEST', 'CANCEL', 'PUBLISH'] as const) {
      expect(() => buildCalendar(method, [review({ sessions })], { dtstamp: DTSTAMP })).toThrow(/one calendar entry each/);
    }
  });

  it('puts the join link of an online event in URL, LOCATION (no hall), DESCRIPTION and CONFERENCE', () => {
    const url = 'https://hop.hagiang.gov.vn/phong/quy1-2015?pin=2468';
    const text = buildCalendar('REQUEST', [review({ location: null, url, urlLabel: 'Tham gia hội nghị trực tuyến' })], { dtstamp: DTSTAMP });
    const [event] = vevents(text);
    expect(event.getFirstPropertyValue('url')).toBe(url);
    expect(event.getFirstPropertyValue('location')).toBe(url);
    expect(event.getFirstPropertyValue('description')).toBe(`${review().description}\n\n${url}`);
    const conference = event.getFirstProperty('conference')!;
    expect(conference.getFirstValue()).toBe(url);
    expect(conference.getParameter('feature')).toBe('VIDEO');
    expect(conference.getParameter('label')).toBe('Tham gia hội nghị trực tuyến');
    expect(logicalLines(text)).toContain(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL="Tham gia hội nghị trực tuyến":${url}`);
  });

  it('keeps the hall as LOCATION and does not repeat a link the description already has', () => {
    const url = 'https://hop.hagiang.gov.vn/phong/quy1-2015';
    const description = `Điểm cầu trung tâm và 11 điểm cầu huyện. Đường dẫn: ${url}`;
    const [event] = vevents(buildCalendar('REQUEST', [review({ url, description })], { dtstamp: DTSTAMP }));
    expect(event.getFirstPropertyValue('location')).toBe('Hội trường UBND tỉnh Hà Giang, tầng 3');
    expect(event.getFirstPropertyValue('description')).toBe(description);
    expect(event.getFirstProperty('conference')!.getParameter('label')).toBeUndefined();
  });

  it('writes LAST-MODIFIED when given', () => {
    const text = buildCalendar('REQUEST', [review({ lastModified: new Date('2015-04-02T03:04:05Z') })], { dtstamp: DTSTAMP });
    expect(logicalLines(text)).toContain('LAST-MODIFIED:20150402T030405Z');
  });

  it('gives the same bytes for the same input', () => {
    const build = () =>
      buildCalendar('PUBLISH', [review(), review({ uid: 'b@hoinghi', sessions: [...TRAINING_DAYS].reverse() })], {
        dtstamp: DTSTAMP,
        calendarName: 'Lịch',
      });
    expect(build()).toBe(build());
  });

  it('rejects input that cannot be one valid iTIP message', () => {
    const opts = { dtstamp: DTSTAMP };
    const at = (iso: string) => new Date(iso);
    expect(() => buildCalendar('REQUEST', [review(), review({ uid: 'other' })], opts)).toThrow(/exactly one event/);
    expect(() => buildCalendar('CANCEL', [], opts)).toThrow(/exactly one event/);
    expect(() => buildCalendar('REQUEST', [review({ sessions: [] })], opts)).toThrow(/no session/);
    expect(() => buildCalendar('REQUEST', [review({ uid: '' })], opts)).toThrow(/UID/);
    expect(() =>
      buildCalendar('REQUEST', [review({ sessions: [{ startsAt: at('2015-04-10T07:00:00Z'), endsAt: at('2015-04-10T07:00:00Z') }] })], opts),
    ).toThrow(/end after it starts/);
    const twice = { startsAt: at('2015-04-10T07:00:00Z'), endsAt: at('2015-04-10T08:00:00Z') };
    expect(() => buildCalendar('REQUEST', [review({ sessions: [twice, { ...twice, endsAt: at('2015-04-10T09:00:00Z') }] })], opts)).toThrow(
      /same time/,
    );
    expect(() => buildCalendar('REQUEST', [review({ url: 'not a url' })], opts)).toThrow(/ics could not build/);
  });
});

describe('personalize: one calendar built per event version, written for each participant', () => {
  it.each([
    ['Đặng Thị Hoà', 'hoa.dt@hagiang.gov.vn'],
    ['Nguyễn Văn "Sơn", Chủ tịch; UBND tỉnh', 'son@hagiang.gov.vn'],
    ['', 'no-name@hagiang.gov.vn'],
  ])('gives exactly the bytes buildCalendar writes for %p', (name, email) => {
    const base = review();
    const attendee = { ...base.attendees[0] };
    const direct = buildCalendar('REQUEST', [{ ...base, attendees: [{ ...attendee, name, email }] }], { dtstamp: DTSTAMP });
    const template = buildCalendar('REQUEST', [{ ...base, attendees: [{ ...attendee, ...ATTENDEE_PLACEHOLDER }] }], { dtstamp: DTSTAMP });
    expect(personalize(template, name, email)).toBe(direct);
  });
});
