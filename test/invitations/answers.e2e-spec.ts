import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../src/common/unit-of-work/unit-of-work';
import { EventsService } from '../../src/events/events.service';
import { InvitationOutbox } from '../../src/invitations/participants/invitation-outbox';
import { InvitationLinks } from '../../src/invitations/public/links';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { until } from '../support/until';

/**
 * The common answer (accepted, declined, tentative) is one statement: lock, answer, audit entry and
 * reminders together. These specs hold it to what the general path does, and check that it steps
 * aside (to the general path) when another transaction holds or changed the invitation meanwhile —
 * a single statement reads the other tables as they were when it started, before it waited.
 */
describe('one-statement answers', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let db: DataSource;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp({ REMINDER_OFFSETS: '1d,1h' }));
    db = ctx.app.get(DataSource);
  });
  afterAll(() => ctx.close());

  let hall = 0;
  async function invited(n = 1) {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const res = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title: 'Hội nghị giao ban CNTT quý III/2031', format: 'in_person', hostOrganizationId: org.id, venueName: `Hội trường ${++hall}`,
      sessions: [{ startsAt: '2031-07-10T08:00', endsAt: '2031-07-10T11:30' }],
    }).expect(201);
    const eventId = res.body.id as string;
    const people = [];
    for (let i = 0; i < n; i++) people.push(await f.person(org.id, { fullName: `Đại biểu ${i + 1}` }));
    const added = await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: people.map((p) => ({ personId: p.id, role: 'delegate' })) }).expect(201);
    await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
    const ids = (added.body as { id: string }[]).map((p) => p.id);
    const links = ctx.app.get(InvitationLinks);
    return { eventId, ids, tokens: ids.map((id) => links.issue('rsvp', id)), people };
  }

  const reminders = (eventId: string, pid: string): Promise<{ id: string; status: string; dedupe_key: string; payload: unknown; run_at: Date }[]> =>
    db.query(`SELECT id, status, dedupe_key, payload, run_at FROM outbox WHERE topic = $1 AND dedupe_key LIKE $2 ORDER BY dedupe_key`, [`reminders:${eventId}`, `reminder:${eventId}:${pid}:%`]);
  const open = (rows: { status: string }[]) => rows.filter((r) => r.status === 'pending' || r.status === 'queued');

  it('answers in one statement and writes the reminders and audit entry the general path writes', async () => {
    const { eventId, ids, tokens, people } = await invited();
    const statements: string[] = [];
    const logQuery = db.logger.logQuery.bind(db.logger);
    db.logger.logQuery = (sql, params, runner) => {
      if (/\bparticipants\b/.test(sql)) statements.push(sql);
      return logQuery(sql, params, runner);
    };
    let res;
    try {
      res = await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'accepted', note: 'Sẽ đến đúng giờ' }).expect(200);
    } finally {
      db.logger.logQuery = logQuery;
    }
    expect(statements).toHaveLength(1);
    expect(res.body).toMatchObject({ status: 'accepted', fullName: 'Đại biểu 1', responseNote: 'Sẽ đến đúng giờ', canAnswer: true, substitute: null, event: { title: 'Hội nghị giao ban CNTT quý III/2031' } });

    // What the one statement wrote is what the general sync wants: running it changes nothing.
    const written = await reminders(eventId, ids[0]);
    expect(open(written)).toHaveLength(2);
    const [event] = await ctx.app.get(EventsService).findByIds([eventId]);
    await ctx.app.get(UnitOfWork).run(() => ctx.app.get(InvitationOutbox).syncReminders(event, [ids[0]]));
    const after = await reminders(eventId, ids[0]);
    expect(after.map(({ id, dedupe_key, payload, run_at }) => ({ id, dedupe_key, payload, run_at }))).toEqual(written.map(({ id, dedupe_key, payload, run_at }) => ({ id, dedupe_key, payload, run_at })));
    expect(open(after)).toHaveLength(2);

    // Declined: both cancelled; the same answer again writes no second audit entry.
    await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'declined' }).expect(200);
    await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'declined' }).expect(200);
    expect(open(await reminders(eventId, ids[0]))).toHaveLength(0);
    const history = await ctx.http().get(`/api/events/${eventId}/history`).set(bearer(admin)).expect(200);
    const answered = (history.body as { action: string; actorEmail: string; changes: unknown }[]).filter((h) => h.action === 'answered');
    expect(answered).toEqual([
      expect.objectContaining({ actorEmail: people[0].email, changes: { status: { from: 'accepted', to: 'declined' } } }),
      expect.objectContaining({ actorEmail: people[0].email, changes: { status: { from: 'pending', to: 'accepted' }, note: 'Sẽ đến đúng giờ' } }),
    ]);
  });

  it('steps aside for the general path when another transaction changed the invitation while it waited, so the reminders stay in step', async () => {
    const { eventId, ids, tokens } = await invited();
    await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'declined' }).expect(200);
    const start = Date.parse('2031-07-10T01:00:00Z');
    // Another transaction answers "accepted" the way an answer does (row changed, reminders written) and holds the row…
    const other = new Client({ connectionString: ctx.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE participants SET status = 'accepted', updated_at = now() WHERE id = $1`, [ids[0]]);
      const [{ round, sequence }]: { round: number; sequence: number }[] = (
        await other.query(`SELECT p.invitation_round AS round, e.sequence FROM participants p JOIN events e ON e.id = p.event_id WHERE p.id = $1`, [ids[0]])
      ).rows;
      for (const offset of [1440, 60]) {
        await other.query(
          `INSERT INTO outbox (kind, payload, dedupe_key, topic, run_at) VALUES ('invitations.mail', $1, $2, $3, $4)`,
          [{ participantId: ids[0], type: 'reminder', round, sequence, offsetMinutes: offset, startsAt: new Date(start).toISOString() }, `reminder:${eventId}:${ids[0]}:${offset}:${start}`, `reminders:${eventId}`, new Date(start - offset * 60_000)],
        );
      }
      // …while "declined" arrives: its statement waits for the row, with a snapshot that cannot see those reminders.
      const answer = ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'declined' }).then((r) => r);
      await until(async () => {
        const [w]: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return w.n > 0;
      });
      await other.query('COMMIT');
      expect((await answer).status).toBe(200);
    } finally {
      await other.end();
    }
    const [p]: { status: string }[] = await db.query(`SELECT status FROM participants WHERE id = $1`, [ids[0]]);
    expect(p.status).toBe('declined');
    expect(open(await reminders(eventId, ids[0]))).toEqual([]);
  });

  it('answers many invitees at once, each with its reminders', async () => {
    const { eventId, ids, tokens } = await invited(20);
    const answers = ids.map((_, i) => (['accepted', 'declined', 'tentative'] as const)[i % 3]);
    await Promise.all(tokens.map((t, i) => ctx.http().post(`/api/rsvp/${t}`).send({ answer: answers[i] }).expect(200)));
    const rows: { id: string; status: string }[] = await db.query(`SELECT id, status FROM participants WHERE event_id = $1`, [eventId]);
    expect(new Map(rows.map((r) => [r.id, r.status]))).toEqual(new Map(ids.map((id, i) => [id, answers[i]])));
    for (const [i, id] of ids.entries()) expect(open(await reminders(eventId, id))).toHaveLength(answers[i] === 'declined' ? 0 : 2);
  });
});
