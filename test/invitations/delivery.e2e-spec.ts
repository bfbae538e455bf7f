import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../../src/common/time/clock';
import { until } from '../support/until';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { DataSource } from 'typeorm';
import type { BullmqDriver } from '../../src/jobs/drivers/bullmq.driver';
import { JOB_DRIVER, type JobDriver } from '../../src/jobs/drivers/job-driver';

const iso = (ms: number) => new Date(ms).toISOString();
const tokenIn = (text: string) => /\/rsvp\/([\w-]{22}\.[\w-]{32})/.exec(text)![1];

async function eventWith(ctx: TestContext, admin: string, f: Factories, startsAt: number, people = 1) {
  const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
  const res = await ctx.http().post('/api/events').set(bearer(admin)).send({
    kind: 'training_class', title: 'Hội nghị tập huấn ứng dụng CNTT', format: 'in_person', hostOrganizationId: org.id, venueName: `Hội trường Sở TT&TT ${org.id}`,
    sessions: [{ startsAt: iso(startsAt), endsAt: iso(startsAt + 3 * 3600_000) }],
  }).expect(201);
  const list = [];
  for (let i = 0; i < people; i++) list.push(await f.person(org.id, { fullName: `Học viên ${i + 1}` }));
  await ctx.http().post(`/api/events/${res.body.id}/participants`).set(bearer(admin)).send({ participants: list.map((p) => ({ personId: p.id, role: 'trainee' })) }).expect(201);
  await ctx.http().post(`/api/events/${res.body.id}/publish`).set(bearer(admin)).expect(200);
  return { id: res.body.id as string, people: list };
}

describe('embedded default: jobs inline, mail as .eml files', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  beforeAll(async () => ({ ctx, admin, f } = await startAdminApp({ REDIS_URL: '', SMTP_URL: '' })));
  afterAll(() => ctx.close());

  it('writes each invitation as an .eml file under DATA_DIR/outbox and lists it at /api/dev/outbox', async () => {
    const ev = await eventWith(ctx, admin, f, Date.parse('2031-12-02T01:00:00Z'), 2);
    expect(ctx.app.get<JobDriver>(JOB_DRIVER).mode).toBe('inline');
    await ctx.http().post(`/api/events/${ev.id}/invitations/send`).set(bearer(admin)).expect(202);
    let listing = { body: { items: [] as { file: string }[], directory: '' } };
    for (let i = 0; i < 50 && listing.body.items.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      listing = await ctx.http().get('/api/dev/outbox').set(bearer(admin)).expect(200);
    }
    expect(listing.body.items).toHaveLength(2);
    expect(listing.body.directory).toBeUndefined(); // no server paths
    const outbox = join(ctx.config.dataDir, 'outbox');
    const file = await ctx.http().get(`/api/dev/outbox/${listing.body.items[0].file}`).set(bearer(admin)).expect(200);
    expect(file.headers['content-type']).toContain('message/rfc822');
    const raw = readFileSync(join(outbox, listing.body.items[0].file), 'utf8');
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    await ctx.http().get('/api/dev/outbox/..%2F..%2Fetc%2Fpasswd').set(bearer(admin)).expect(404);
    const viewer = await ctx.tokenFor('viewer');
    await ctx.http().get('/api/dev/outbox').set(bearer(viewer)).expect(403);
  });
});

describe('reminders', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  const sink = new SmtpSink();
  beforeAll(async () => {
    await sink.start();
    ({ ctx, admin, f } = await startAdminApp({ REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', SMTP_URL: sink.url, MAIL_BACKOFF_MS: '100', MAIL_ATTEMPTS: '3', REMINDER_OFFSETS: '1d,1h' }));
  });
  afterAll(async () => {
    await ctx.close();
    await sink.stop();
  });

  /** When the reminder rounds of an event that Redis holds as delayed jobs are due. */
  let currentEvent = '';
  const delayedRounds = async () => {
    const ids: { id: string }[] = await ctx.app.get(DataSource).query(`SELECT id FROM outbox WHERE topic = $1 AND kind = 'invitations.reminders'`, [`reminders:${currentEvent}`]);
    const jobs = await ctx.app.get<BullmqDriver>(JOB_DRIVER).queue('default')!.getDelayed();
    // (to the second: the delay is computed a moment after the job's timestamp)
    return jobs.filter((j) => ids.some((i) => i.id === j.id)).map((j) => Math.round((j.timestamp + (j.opts.delay ?? 0)) / 1000) * 1000).sort();
  };

  it('schedules the reminder rounds 1 day and 1 hour before the start as BullMQ delayed jobs when invitations go out; answers add none; they move with the event and go on cancel', async () => {
    const start = Date.parse('2031-06-10T01:00:00Z');
    const ev = await eventWith(ctx, admin, f, start);
    currentEvent = ev.id;
    expect(ctx.app.get<JobDriver>(JOB_DRIVER).mode).toBe('bullmq');
    await ctx.http().post(`/api/events/${ev.id}/invitations/send`).set(bearer(admin)).expect(202);
    await until(async () => (await delayedRounds()).length === 2);
    expect(await delayedRounds()).toEqual([start - 86_400_000, start - 3_600_000]);
    await sink.waitFor(1);
    const token = tokenIn(sink.messages[0].parsed.text ?? '');
    // Answers (and changes of mind) write no job: the rounds read the answers when they run.
    for (const answer of ['accepted', 'accepted', 'declined', 'tentative']) await ctx.http().post(`/api/rsvp/${token}`).send({ answer }).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await delayedRounds()).toEqual([start - 86_400_000, start - 3_600_000]);
    const perInvitee = await ctx.app.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND kind = 'invitations.mail'`, [`reminders:${ev.id}`]);
    expect(perInvitee[0].n).toBe(0);

    const moved = start + 2 * 86_400_000;
    await ctx.http().patch(`/api/events/${ev.id}`).set(bearer(admin)).send({ sessions: [{ startsAt: iso(moved), endsAt: iso(moved + 3600_000) }] }).expect(200);
    await until(async () => JSON.stringify(await delayedRounds()) === JSON.stringify([moved - 86_400_000, moved - 3_600_000]));

    await ctx.http().post(`/api/events/${ev.id}/cancel`).set(bearer(admin)).expect(200);
    await until(async () => (await delayedRounds()).length === 0);
    const rows = await ctx.app.get(DataSource).query(`SELECT status, count(*)::int AS n FROM outbox WHERE topic = $1 GROUP BY 1`, [`reminders:${ev.id}`]);
    expect(rows.find((r: { status: string }) => r.status === 'pending' || r.status === 'queued')).toBeUndefined();
  });

  it('sends the reminder when it is due, once', async () => {
    // REMINDER_OFFSETS' 1 h reminder of an event starting in 1 h + 8 s is due in 8 s: time for the
    // invitation to arrive and be accepted first (the round reminds whoever has said yes when it runs).
    // hoinghi's clock is set 10 minutes back, so however slow this machine is, the round is still ahead
    // when the send writes it.
    const start = Date.now() + 3_600_000 + 8000;
    const clock = ctx.app.get(Clock);
    clock.set(new Date(Date.now() - 600_000));
    const ev = await eventWith(ctx, admin, f, start);
    // This invitee's mail only: the previous test's last mails (the move's update, the CANCEL) may still
    // be arriving when this one starts, and were once counted here as a third message.
    const mine = () => sink.to(ev.people[0].email!);
    await ctx.http().post(`/api/events/${ev.id}/invitations/send`).set(bearer(admin)).expect(202);
    await until(async () => mine().length >= 1);
    await ctx.http().post(`/api/rsvp/${tokenIn(mine()[0].parsed.text ?? '')}`).send({ answer: 'accepted' }).expect(200);
    await until(async () => mine().length >= 2, 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    clock.set(null);
    expect(mine().map((m) => m.parsed.subject)).toEqual([expect.any(String), expect.stringMatching(/^Nhắc lịch/)]);
    expect(mine()[1].calendar).toBeNull();
  });
});
