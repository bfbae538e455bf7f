import { DataSource } from 'typeorm';
import type { Role } from '../../src/common/auth/principal';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

describe('events', () => {
  let ctx: TestContext, admin: string, f: Factories;
  let hg: string, lc: string, chair: string;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    hg = (await f.province('UBND tỉnh Hà Giang')).id;
    lc = (await f.province('UBND tỉnh Lào Cai')).id;
    chair = (await f.person(hg, { fullName: 'Nguyễn Văn Sơn' })).id;
  });
  afterAll(() => ctx.close());

  let n = 0;
  const draft = (o: Record<string, unknown> = {}) => ({
    kind: 'conference',
    title: `Hội nghị đánh giá ứng dụng CNTT ${++n}`,
    format: 'in_person',
    hostOrganizationId: hg,
    venueName: `Phòng họp ${n}`,
    sessions: [{ startsAt: '2015-04-10T08:00', endsAt: '2015-04-10T11:30' }],
    ...o,
  });
  const create = async (o: Record<string, unknown> = {}, token = admin) => (await ctx.http().post('/api/events').set(bearer(token)).send(draft(o)).expect(201)).body;
  const act = (id: string, action: string, query = '') => ctx.http().post(`/api/events/${id}/${action}${query}`).set(bearer(admin));
  const patch = (id: string, body: object, query = '') => ctx.http().patch(`/api/events/${id}${query}`).set(bearer(admin)).send(body);

  describe('times', () => {
    it('reads 14:00 without an offset as Hà Nội time (07:00Z) and shows it back in Hà Nội time', async () => {
      const e = await create({ sessions: [{ startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T17:00' }] });
      expect(e.sessions[0]).toMatchObject({ startsAt: '2015-04-10T07:00:00.000Z', endsAt: '2015-04-10T10:00:00.000Z', startsAtLocal: '2015-04-10T14:00:00+07:00' });
      expect(e).toMatchObject({ startsAt: '2015-04-10T07:00:00.000Z', startsAtLocal: '2015-04-10T14:00:00+07:00' });
      const again = await ctx.http().get(`/api/events/${e.id}`).set(bearer(admin)).expect(200);
      expect(again.body.sessions[0].startsAt).toBe('2015-04-10T07:00:00.000Z');
    });

    it('accepts explicit offsets', async () => {
      const e = await create({ sessions: [{ startsAt: '2015-04-10T07:00:00Z', endsAt: '2015-04-10T19:00:00+07:00' }] });
      expect(e.sessions[0]).toMatchObject({ startsAtLocal: '2015-04-10T14:00:00+07:00', endsAt: '2015-04-10T12:00:00.000Z' });
    });

    it('holds a two-day training (2–3/12/2013) as one event with a session per day', async () => {
      const e = await create({
        kind: 'training_class',
        title: 'Hội nghị tập huấn cán bộ lãnh đạo quản lý CNTT',
        sessions: [
          { startsAt: '2013-12-03T07:30', endsAt: '2013-12-03T17:00', title: 'Ngày 2' },
          { startsAt: '2013-12-02T07:30', endsAt: '2013-12-02T17:00', title: 'Ngày 1' },
        ],
      });
      expect(e.sessions.map((s: { title: string }) => s.title)).toEqual(['Ngày 1', 'Ngày 2']);
      expect([e.startsAtLocal, e.endsAtLocal]).toEqual(['2013-12-02T07:30:00+07:00', '2013-12-03T17:00:00+07:00']);
    });

    it('refuses sessions that end before they start, overlap, are missing or malformed', async () => {
      const bad = async (sessions: unknown, field: string) => {
        const res = await ctx.http().post('/api/events').set(bearer(admin)).send(draft({ sessions })).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      };
      await bad([{ startsAt: '2015-04-10T10:00', endsAt: '2015-04-10T09:00' }], 'sessions.0.endsAt');
      await bad([{ startsAt: '2015-04-10T08:00', endsAt: '2015-04-10T11:00' }, { startsAt: '2015-04-10T10:00', endsAt: '2015-04-10T12:00' }], 'sessions.1.startsAt');
      await bad([], 'sessions');
      await bad([{ startsAt: '10/04/2015 08:00', endsAt: '2015-04-10T09:00' }], 'sessions.0.startsAt');
      await bad([{ startsAt: '2015-02-30T08:00', endsAt: '2015-03-01T09:00' }], 'sessions.0.startsAt');
      // Years a calendar, a list or a page cannot show (year 0 is 1 BC in PostgreSQL; 9999 ends in 10000 at +07:00).
      await bad([{ startsAt: '0000-06-01T08:00', endsAt: '0000-06-01T09:00' }], 'sessions.0.startsAt');
      await bad([{ startsAt: '1899-12-31T23:59', endsAt: '1900-01-01T09:00' }], 'sessions.0.startsAt');
      await bad([{ startsAt: '2200-12-31T08:00', endsAt: '9999-12-31T23:00Z' }], 'sessions.0.endsAt');
      await bad([{ startsAt: '2200-12-31T08:00', endsAt: '2201-01-01T00:00' }], 'sessions.0.endsAt');
      const res = await ctx.http().post('/api/events').set(bearer(admin)).send(draft({ sessions: [{ startsAt: '0000-06-01T08:00', endsAt: '2015-04-10T09:00' }] })).expect(400);
      expect(res.body.details).toContainEqual({ field: 'sessions.0.startsAt', message: 'must be in 1900 or later (Hà Nội time)' });
    });

    it('takes the first and the last day of the years it can show: 01/01/1900 and 31/12/2200', async () => {
      const e = await create({ sessions: [{ startsAt: '1900-01-01T00:00', endsAt: '1900-01-01T11:00' }, { startsAt: '2200-12-31T08:00', endsAt: '2200-12-31T23:59' }] });
      expect([e.startsAtLocal, e.endsAtLocal]).toEqual(['1900-01-01T00:00:00+07:00', '2200-12-31T23:59:00+07:00']);
      const listed = await ctx.http().get('/api/events?from=1900-01-01&to=1900-01-02').set(bearer(admin)).expect(200);
      expect(listed.body.items.find((x: { id: string }) => x.id === e.id)).toMatchObject({ startsAt: '1899-12-31T17:00:00.000Z', endsAtLocal: '2200-12-31T23:59:00+07:00' });
    });

    it('holds the same years in the schema: a write past them that skips the API is refused by the tables', async () => {
      const e = await create();
      const db = ctx.app.get(DataSource);
      const refused = (sql: string) => expect(db.query(sql, [e.id])).rejects.toThrow(/_years_check/);
      await refused(`UPDATE event_sessions SET starts_at = '0001-06-01 08:00+07' WHERE event_id = $1`);
      await refused(`UPDATE events SET ends_at = '2201-01-01 00:00+07' WHERE id = $1`);
      await refused(`INSERT INTO agenda_items (event_id, position, starts_at, title, type) VALUES ($1, 9, '1899-12-31 23:59+07', 'Khai mạc', 'opening_speech')`);
      await refused(
        `INSERT INTO attendance_records (event_id, session_id, participant_id, status, method, recorded_by, scanned_at, recorded_at)
         SELECT $1, s.id, gen_random_uuid(), 'present', 'manual', 'test', '2201-01-01 00:00+07', now() FROM event_sessions s WHERE s.event_id = $1`,
      );
      await db.query(`UPDATE events SET starts_at = '1900-01-01 00:00+07' WHERE id = $1`, [e.id]);
    });
  });

  describe('validation of references', () => {
    it('needs a venue unless online, and refuses unknown chairs and co-organizers', async () => {
      const noVenue = await ctx.http().post('/api/events').set(bearer(admin)).send(draft({ venueName: undefined })).expect(400);
      expect(noVenue.body.details).toEqual([{ field: 'venueName', message: 'is required when format is in_person' }]);
      expect(noVenue.body.code).toBe('events.venue_required');
      await ctx.http().post('/api/events').set(bearer(admin)).send(draft({ venueName: undefined, format: 'online', onlineUrl: 'https://meet.example.gov.vn/q1' })).expect(201);
      const ghost = '6f1f6c1e-1111-4111-8111-111111111111';
      expect((await ctx.http().post('/api/events').set(bearer(admin)).send(draft({ chairPersonId: ghost })).expect(400)).body).toMatchObject({ code: 'events.chair_not_found', details: [{ field: 'chairPersonId' }] });
      expect((await ctx.http().post('/api/events').set(bearer(admin)).send(draft({ coOrganizerIds: [lc, ghost] })).expect(400)).body.details[0].field).toBe('coOrganizerIds.1');
    });

    it('records the reviewed period and labels it', async () => {
      const q1 = await create({ period: { year: 2015, quarter: 1 } });
      expect(q1.period).toEqual({ year: 2015, quarter: 1, fromMonth: null, toMonth: null, label: 'Quý I/2015' });
      const seven = await create({ period: { year: 2015, fromMonth: 1, toMonth: 7 } });
      expect(seven.period.label).toBe('7 tháng 2015');
      await ctx.http().post('/api/events').set(bearer(admin)).send(draft({ period: { year: 2015, quarter: 1, fromMonth: 1, toMonth: 3 } })).expect(400);
    });
  });

  describe('lifecycle, UID and SEQUENCE', () => {
    it('walks draft → scheduled → in_progress → completed and refuses illegal transitions with 409 naming the status', async () => {
      const e = await create();
      expect(e).toMatchObject({ status: 'draft', sequence: 0, icalUid: `${e.id}@hoinghi` });
      expect((await act(e.id, 'publish').expect(200)).body.status).toBe('scheduled');
      const again = await act(e.id, 'publish').expect(409);
      expect(again.body).toMatchObject({ code: 'events.illegal_transition', message: 'Cannot publish an event that is scheduled', details: [{ field: 'status', message: 'is scheduled' }] });
      expect((await act(e.id, 'start').expect(200)).body.status).toBe('in_progress');
      expect((await act(e.id, 'cancel').expect(409)).body.details).toEqual([{ field: 'status', message: 'is in_progress' }]);
      expect((await act(e.id, 'complete').expect(200)).body.status).toBe('completed');
      expect((await act(e.id, 'cancel').expect(409)).body.message).toBe('Cannot cancel an event that is completed');
    });

    it('raises SEQUENCE for time, place and cancellation once published, never for a title, and keeps the UID', async () => {
      const e = await create();
      await patch(e.id, { sessions: [{ startsAt: '2015-04-10T09:00', endsAt: '2015-04-10T11:00' }] }).expect(200);
      expect((await ctx.http().get(`/api/events/${e.id}`).set(bearer(admin))).body.sequence).toBe(0); // drafts are invisible to invitees
      await act(e.id, 'publish').expect(200);
      expect((await patch(e.id, { title: 'Tên mới của hội nghị' }).expect(200)).body.sequence).toBe(0);
      expect((await patch(e.id, { sessions: [{ startsAt: '2015-04-10T09:00', endsAt: '2015-04-10T11:00' }] }).expect(200)).body.sequence).toBe(0); // same time: no change
      expect((await patch(e.id, { sessions: [{ startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T16:00' }] }).expect(200)).body.sequence).toBe(1);
      expect((await patch(e.id, { venueAddress: 'Số 1 đường Nguyễn Trãi' }).expect(200)).body.sequence).toBe(2);
      const cancelled = (await act(e.id, 'cancel').expect(200)).body;
      expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 3, icalUid: `${e.id}@hoinghi` });
      expect((await patch(e.id, { title: 'x' }).expect(409)).body).toMatchObject({ code: 'events.not_editable', details: [{ field: 'status', message: 'is cancelled' }] });
    });

    it('lets a completed event record its conclusion but not move', async () => {
      const e = await create();
      await act(e.id, 'publish').expect(200);
      await act(e.id, 'complete').expect(200);
      const done = await patch(e.id, { conclusion: 'Trong Quý II phải có báo cáo đánh giá chấm điểm.' }).expect(200);
      expect(done.body.conclusion).toBe('Trong Quý II phải có báo cáo đánh giá chấm điểm.');
      await patch(e.id, { sessions: [{ startsAt: '2015-04-11T08:00', endsAt: '2015-04-11T09:00' }] }).expect(409);
    });

    it('answers an unknown event with 404 events.not_found', async () => {
      const res = await ctx.http().get('/api/events/6f1f6c1e-1111-4111-8111-111111111111').set(bearer(admin)).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'events.not_found', message: 'Event 6f1f6c1e-1111-4111-8111-111111111111 not found' });
      expect((await act('6f1f6c1e-1111-4111-8111-111111111111', 'publish').expect(404)).body.code).toBe('events.not_found');
    });
  });

  describe('conflicts', () => {
    const hall = { venueName: 'Hội trường lớn UBND tỉnh', sessions: [{ startsAt: '2015-05-05T08:00', endsAt: '2015-05-05T11:30' }] };

    it('refuses to publish a second event in a booked hall with 409 naming the other event; force overrides and is recorded', async () => {
      const first = await create(hall);
      await act(first.id, 'publish').expect(200);
      const second = await create({ ...hall, venueName: 'hoi truong LON ubnd tinh', sessions: [{ startsAt: '2015-05-05T10:00', endsAt: '2015-05-05T12:00' }] });
      const refused = await act(second.id, 'publish').expect(409);
      expect(refused.body.message).toContain(first.title);
      expect(refused.body.code).toBe('events.venue_booked');
      expect(refused.body.details[0]).toEqual({ field: 'venueName', message: `booked by event ${first.id} "${first.title}" 05/05/2015 08:00–05/05/2015 11:30` });
      expect((await ctx.http().get(`/api/events/${second.id}`).set(bearer(admin))).body.status).toBe('draft');
      await act(second.id, 'publish', '?force=true').expect(200);
      const history = (await ctx.http().get(`/api/events/${second.id}/history`).set(bearer(admin)).expect(200)).body;
      expect(history.find((h: { action: string }) => h.action === 'venue_conflict_overridden').changes.conflicts).toEqual([first.id]);
    });

    it('allows the hall at another time, and never blocks online events', async () => {
      const a = await create({ ...hall, venueName: 'Hội trường Sở TT&TT', sessions: [{ startsAt: '2015-06-01T08:00', endsAt: '2015-06-01T11:00' }] });
      await act(a.id, 'publish').expect(200);
      const b = await create({ ...hall, venueName: 'Hội trường Sở TT&TT', sessions: [{ startsAt: '2015-06-01T11:00', endsAt: '2015-06-01T12:00' }] });
      await act(b.id, 'publish').expect(200);
      const online = await create({ format: 'online', venueName: 'Hội trường Sở TT&TT', sessions: [{ startsAt: '2015-06-01T08:00', endsAt: '2015-06-01T09:00' }] });
      await act(online.id, 'publish').expect(200);
    });

    it('refuses moving a published event onto a booked slot', async () => {
      const a = await create({ venueName: 'Phòng họp số 2', sessions: [{ startsAt: '2015-07-01T08:00', endsAt: '2015-07-01T10:00' }] });
      const b = await create({ venueName: 'Phòng họp số 2', sessions: [{ startsAt: '2015-07-01T14:00', endsAt: '2015-07-01T16:00' }] });
      await act(a.id, 'publish').expect(200);
      await act(b.id, 'publish').expect(200);
      const moved = await patch(b.id, { sessions: [{ startsAt: '2015-07-01T09:00', endsAt: '2015-07-01T11:00' }] }).expect(409);
      expect(moved.body.details[0].message).toContain(a.id);
      expect(moved.body.code).toBe('events.venue_booked');
      expect((await ctx.http().get(`/api/events/${b.id}`).set(bearer(admin))).body.sequence).toBe(0);
    });

    it('warns, without refusing, when the chair is booked elsewhere at the same time', async () => {
      const slot = [{ startsAt: '2015-08-05T08:00', endsAt: '2015-08-05T11:00' }];
      await create({ chairPersonId: chair, sessions: slot });
      const second = await create({ chairPersonId: chair, sessions: slot, format: 'online', venueName: undefined });
      expect(second.warnings).toEqual([{ field: 'chairPersonId', message: expect.stringContaining('also chairs event') }]);
    });
  });

  describe('listing, calendar and history', () => {
    let inApril: string, mayFirst: string, laoCai: string;
    beforeAll(async () => {
      inApril = (await create({ title: 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I', format: 'online', venueName: undefined, sessions: [{ startsAt: '2015-04-30T23:00', endsAt: '2015-04-30T23:45' }] })).id;
      mayFirst = (await create({ title: 'Hội nghị đầu tháng Năm', sessions: [{ startsAt: '2015-05-01T00:30', endsAt: '2015-05-01T02:00' }] })).id;
      laoCai = (await create({ hostOrganizationId: lc, title: 'BCĐ ứng dụng CNTT Lào Cai đánh giá 7 tháng', kind: 'training_class', sessions: [{ startsAt: '2015-04-20T08:00', endsAt: '2015-04-20T10:00' }] })).id;
    });

    it('filters by local date range, kind, status, host subtree and Vietnamese-insensitive q', async () => {
      const list = async (query: Record<string, string>) =>
        (await ctx.http().get('/api/events').query({ limit: '200', ...query }).set(bearer(admin)).expect(200)).body.items.map((e: { id: string }) => e.id);
      const april = await list({ from: '2015-04-30', to: '2015-04-30' });
      expect(april).toContain(inApril);
      expect(april).not.toContain(mayFirst);
      expect(await list({ q: 'danh gia ket qua ung dung cntt quy i' })).toEqual([inApril]);
      expect(await list({ kind: 'training_class', from: '2015-04-01', to: '2015-04-30' })).toEqual([laoCai]);
      expect(await list({ hostOrganizationId: lc })).toEqual([laoCai]);
      expect(await list({ status: 'cancelled', hostOrganizationId: lc })).toEqual([]);
    });

    it('returns the sessions of a local month for the calendar, cut at Hà Nội midnight', async () => {
      const cal = (await ctx.http().get('/api/events/calendar?month=2015-04').set(bearer(admin)).expect(200)).body;
      const ids = cal.map((c: { eventId: string }) => c.eventId);
      expect(ids).toContain(inApril);
      expect(ids).toContain(laoCai);
      expect(ids).not.toContain(mayFirst);
      expect(cal.find((c: { eventId: string }) => c.eventId === inApril)).toMatchObject({ startsAtLocal: '2015-04-30T23:00:00+07:00', format: 'online' });
      await ctx.http().get('/api/events/calendar?month=2015-13').set(bearer(admin)).expect(400);
    });

    it('keeps a history of who changed what', async () => {
      const e = await create();
      await patch(e.id, { title: 'Hội nghị đã đổi tên' }).expect(200);
      await act(e.id, 'publish').expect(200);
      const history = (await ctx.http().get(`/api/events/${e.id}/history`).set(bearer(admin)).expect(200)).body;
      expect(history.map((h: { action: string }) => h.action).sort()).toEqual(['created', 'published', 'updated']);
      const renamed = history.find((h: { action: string }) => h.action === 'updated');
      expect(renamed.changes.title).toEqual({ from: e.title, to: 'Hội nghị đã đổi tên' });
      expect(renamed.actorEmail).toMatch(/^admin-\d+@test\.hoinghi$/);
    });
  });

  it('refuses to delete an organization that hosts events or a person who chairs one (409)', async () => {
    const host = await f.org({ parentId: hg });
    const person = await f.person(host.id);
    await create({ hostOrganizationId: host.id, chairPersonId: person.id });
    await ctx.http().delete(`/api/people/${person.id}`).set(bearer(admin)).expect(409);
    const res = await ctx.http().delete(`/api/organizations/${host.id}`).set(bearer(admin)).expect(409);
    expect(['The organization hosts events', 'The organization still has people']).toContain(res.body.message);
    expect(res.body.code).toBe('db.foreign_key_violation');
  });

  describe('authorization', () => {
    const tokens = {} as Record<Role, string>;
    let ownEvent: string, otherEvent: string;
    beforeAll(async () => {
      for (const role of ['organizer', 'trainer', 'viewer'] as const) tokens[role] = await ctx.tokenFor(role, hg);
      tokens.admin = admin;
      ownEvent = (await create()).id;
      otherEvent = (await create({ hostOrganizationId: lc })).id;
    });

    it('lets organizers manage events hosted in their subtree only', async () => {
      await ctx.http().post('/api/events').set(bearer(tokens.organizer)).send(draft()).expect(201);
      await ctx.http().post('/api/events').set(bearer(tokens.organizer)).send(draft({ hostOrganizationId: lc })).expect(403);
      await ctx.http().patch(`/api/events/${ownEvent}`).set(bearer(tokens.organizer)).send({ title: 'Sửa' }).expect(200);
      await ctx.http().patch(`/api/events/${otherEvent}`).set(bearer(tokens.organizer)).send({ title: 'Sửa' }).expect(403);
      await ctx.http().patch(`/api/events/${ownEvent}`).set(bearer(tokens.organizer)).send({ hostOrganizationId: lc }).expect(403);
      await ctx.http().post(`/api/events/${otherEvent}/publish`).set(bearer(tokens.organizer)).expect(403);
      await ctx.http().get(`/api/events/${otherEvent}`).set(bearer(tokens.organizer)).expect(403);
      const listed = (await ctx.http().get('/api/events?limit=200').set(bearer(tokens.organizer)).expect(200)).body.items.map((e: { id: string }) => e.id);
      expect(listed).toContain(ownEvent);
      expect(listed).not.toContain(otherEvent);
    });

    it.each(['trainer', 'viewer'] as const)('lets a %s read but never write', async (role) => {
      await ctx.http().get(`/api/events/${ownEvent}`).set(bearer(tokens[role])).expect(200);
      await ctx.http().get(`/api/events/${ownEvent}/history`).set(bearer(tokens[role])).expect(200);
      await ctx.http().get('/api/events/calendar?month=2015-04').set(bearer(tokens[role])).expect(200);
      await ctx.http().post('/api/events').set(bearer(tokens[role])).send(draft()).expect(403);
      await ctx.http().patch(`/api/events/${ownEvent}`).set(bearer(tokens[role])).send({ title: 'x' }).expect(403);
      for (const action of ['publish', 'start', 'complete', 'cancel']) await ctx.http().post(`/api/events/${ownEvent}/${action}`).set(bearer(tokens[role])).expect(403);
    });

    it('answers 401 without a token on every events endpoint', async () => {
      await ctx.http().get('/api/events').expect(401);
      await ctx.http().get('/api/events/calendar?month=2015-04').expect(401);
      await ctx.http().get(`/api/events/${ownEvent}`).expect(401);
      await ctx.http().post('/api/events').send(draft()).expect(401);
      await ctx.http().post(`/api/events/${ownEvent}/publish`).expect(401);
    });
  });
});
