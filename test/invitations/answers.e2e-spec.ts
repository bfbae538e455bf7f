import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../src/common/unit-of-work/unit-of-work';
import { EventsService } from '../../src/events/events.service';
import { InvitationOutbox } from '../../src/invitations/participants/invitation-outbox';
import { InvitationLinks } from '../../src/invitations/public/links';
import { ReminderRounds1797500000000 } from '../../migrations/1797500000000-ReminderRounds';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { until } from '../support/until';

/**
 * The common answer (accepted, declined, tentative) is one statement: lock, answer, audit entry; the
 * reminders are the event's rounds, which read the answers when they run. These specs hold it to what
 * the general path does, and check that it steps
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

  /** Reminder mails written for a participant (by a round), and the event's reminder rounds. */
  const reminders = (eventId: string, pid: string): Promise<{ id: string; status: string; dedupe_key: string }[]> =>
    db.query(`SELECT id, status, dedupe_key FROM outbox WHERE topic = $1 AND dedupe_key LIKE $2 ORDER BY dedupe_key`, [`reminders:${eventId}`, `reminder:${eventId}:${pid}:%`]);
  const rounds = (eventId: string): Promise<{ status: string; payload: { offsetMinutes: number; startsAt: string }; run_at: Date }[]> =>
    db.query(`SELECT status, payload, run_at FROM outbox WHERE topic = $1 AND kind = 'invitations.reminders' ORDER BY run_at`, [`reminders:${eventId}`]);
  const open = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status === 'pending' || r.status === 'queued');
  /** Reminders written and not withdrawn: the app's relay may already have delivered one (done) when the spec reads it. */
  const written = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status !== 'cancelled');
  /** Runs the event's round `offset` minutes before its start now, as its job would. */
  const runRound = async (eventId: string, offset: number) => {
    const [event] = await ctx.app.get(EventsService).findByIds([eventId]);
    return ctx.app.get(UnitOfWork).run(() => ctx.app.get(InvitationOutbox).remind(event, { eventId, offsetMinutes: offset, startsAt: event.startsAt.toISOString() }));
  };

  it('answers in one statement with the audit entry the general path writes, and writes no reminder job: the event has its rounds', async () => {
    const { eventId, ids, tokens, people } = await invited();
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    // Sending wrote the event's two reminder rounds (1 day and 1 hour before 08:00 on 10/07/2031, Hà Nội
    // time); its invitation mail goes out before the answer (the statements counted below are the answer's).
    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND status <> 'done'`, [`mail:${eventId}`]))[0].n === 0);
    expect(open(await rounds(eventId)).map((r) => [r.payload.offsetMinutes, r.run_at.toISOString()])).toEqual([
      [1440, '2031-07-09T01:00:00.000Z'],
      [60, '2031-07-10T00:00:00.000Z'],
    ]);
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
    expect(statements[0]).not.toMatch(/\boutbox\b/);
    expect(res.body).toMatchObject({ status: 'accepted', fullName: 'Đại biểu 1', responseNote: 'Sẽ đến đúng giờ', canAnswer: true, substitute: null, event: { title: 'Hội nghị giao ban CNTT quý III/2031' } });
    expect(await reminders(eventId, ids[0])).toEqual([]);
    expect(open(await rounds(eventId))).toHaveLength(2);

    // A round reminds who said yes; run again, it reminds nobody twice.
    expect(await runRound(eventId, 60)).toBe(1);
    expect(await runRound(eventId, 60)).toBe(0);
    expect(written(await reminders(eventId, ids[0]))).toHaveLength(1);

    // Declined: the next round leaves them out; the same answer again writes no second audit entry.
    await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'declined' }).expect(200);
    await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'declined' }).expect(200);
    expect(await runRound(eventId, 1440)).toBe(0);
    const history = await ctx.http().get(`/api/events/${eventId}/history`).set(bearer(admin)).expect(200);
    const answered = (history.body as { action: string; actorEmail: string; changes: unknown }[]).filter((h) => h.action === 'answered');
    expect(answered).toEqual([
      expect.objectContaining({ actorEmail: people[0].email, changes: { status: { from: 'accepted', to: 'declined' } } }),
      expect.objectContaining({ actorEmail: people[0].email, changes: { status: { from: 'invited', to: 'accepted' }, note: 'Sẽ đến đúng giờ' } }),
    ]);
  });

  it('moves its reminder rounds when the event moves, and a round of the old time reminds nobody', async () => {
    const { eventId, tokens } = await invited();
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'accepted' }).expect(200);
    const [before] = await ctx.app.get(EventsService).findByIds([eventId]);
    await ctx.http().patch(`/api/events/${eventId}`).set(bearer(admin)).send({ sessions: [{ startsAt: '2031-07-10T08:30', endsAt: '2031-07-10T11:30' }] }).expect(200);
    await until(async () => open(await rounds(eventId)).every((r) => r.payload.startsAt === '2031-07-10T01:30:00.000Z'));
    expect(open(await rounds(eventId)).map((r) => r.run_at.toISOString())).toEqual(['2031-07-09T01:30:00.000Z', '2031-07-10T00:30:00.000Z']);
    // A round written for 08:00 (had it run late, or been left behind) finds the event at 08:30 and reminds nobody.
    const [now] = await ctx.app.get(EventsService).findByIds([eventId]);
    const stale = await ctx.app.get(UnitOfWork).run(() => ctx.app.get(InvitationOutbox).remind(now, { eventId, offsetMinutes: 60, startsAt: before.startsAt.toISOString() }));
    expect(stale).toBe(0);
    expect(await runRound(eventId, 60)).toBe(1);
  });

  it('steps aside for the general path when another transaction changed the invitation while it waited', async () => {
    const { eventId, ids, tokens } = await invited();
    await ctx.http().post(`/api/rsvp/${tokens[0]}`).send({ answer: 'declined' }).expect(200);
    // Another transaction answers "accepted" and holds the row…
    const other = new Client({ connectionString: ctx.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE participants SET status = 'accepted', updated_at = now() WHERE id = $1`, [ids[0]]);
      // …while "declined" arrives: its statement waits for the row, with a snapshot taken before that change.
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
    expect(await runRound(eventId, 60)).toBe(0);
  });

  it('answers many invitees at once; a round reminds exactly those who said yes or maybe', async () => {
    const { eventId, ids, tokens } = await invited(20);
    const answers = ids.map((_, i) => (['accepted', 'declined', 'tentative'] as const)[i % 3]);
    await Promise.all(tokens.map((t, i) => ctx.http().post(`/api/rsvp/${t}`).send({ answer: answers[i] }).expect(200)));
    const rows: { id: string; status: string }[] = await db.query(`SELECT id, status FROM participants WHERE event_id = $1`, [eventId]);
    expect(new Map(rows.map((r) => [r.id, r.status]))).toEqual(new Map(ids.map((id, i) => [id, answers[i]])));
    expect(await runRound(eventId, 1440)).toBe(answers.filter((a) => a !== 'declined').length);
    for (const [i, id] of ids.entries()) expect(written(await reminders(eventId, id))).toHaveLength(answers[i] === 'declined' ? 0 : 1);
  });

  it('gives an event invited before reminders were rounds its rounds (migration ReminderRounds), mailing nobody', async () => {
    const { eventId } = await invited();
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND status <> 'done'`, [`mail:${eventId}`]))[0].n === 0);
    // As such an event is after the upgrade: invited, no rounds.
    await db.query(`DELETE FROM outbox WHERE topic = $1`, [`reminders:${eventId}`]);
    const mails = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1`, [`mail:${eventId}`]))[0].n as number;
    const before = await mails();
    const runner = db.createQueryRunner();
    try {
      await new ReminderRounds1797500000000().up(runner);
    } finally {
      await runner.release();
    }
    await until(async () => open(await rounds(eventId)).length === 2);
    expect(await mails()).toBe(before);
  });
});
