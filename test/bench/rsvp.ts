/**
 * Benchmark: answering invitations (`npm run bench:rsvp`).
 *
 * Data: one published event (two sessions, in 2031, so answers stay open and reminders are due
 * later) with N invited persons — the invitations counted as sent (status `invited`, the event's
 * SEQUENCE recorded) in SQL, so no mail is due — and reminders as configured by default (1 day and 1
 * hour before). A second event's N invitees serve the baseline, in the same `participants` table.
 *
 * hoinghi: the real app on 127.0.0.1 (BullMQ on REDIS_URL when set, the in-process worker on, request
 * logs off); autocannon (its own worker thread, CONNECTIONS connections) sends each invitee's answer
 * once: `POST /api/rsvp/<token>` with accepted / declined / tentative (60 / 25 / 15 %) — link check,
 * then lock, answer rules, update and audit entry as one statement (the reminders are the event's two
 * rounds, written when the invitations went out, which read the answers when they run), the page's view back.
 * Baseline: a bare NestJS 12 on Fastify app (one controller, no guard, no pipe) whose route does one
 * indexed `UPDATE participants SET status, responded_at, response_note WHERE id = $1` via `pg` (pool
 * of 10, like the app's), answered by the same autocannon with the same mix for the other N ids.
 *
 * Each side: a warm-up of WARMUP answers on rows of its own, then the N answers; answers/s and p99.
 * Then checks: every measured invitee has its answer, the event's two reminder rounds are pending,
 * and a round would remind exactly the accepted and tentative ones. Ends with BENCH lines (see DESIGN.md, Benchmarks).
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Inject, Module, Param, Post } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { EventsService } from '../../src/events/events.service';
import { InvitationOutbox } from '../../src/invitations/participants/invitation-outbox';
import { ParticipantsRepository } from '../../src/invitations/participants/participants.repository';
import { InvitationLinks } from '../../src/invitations/public/links';
import { UnitOfWork } from '../../src/common/unit-of-work/unit-of-work';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { parseInstant } from '../../src/common/time/time';
import { dropRedisKeys } from '../support/redis-keys';
import { insertPeople, startRushApp, baselineThenApp, type CapturedStatement, captureStatements, figureLine, postEach, showStatement, startBareApp } from './rush';
import { onCleanup, rng, round1, round2, runBench } from './harness';

const N = Number(process.env.BENCH_N ?? 2_000);
const WARMUP = 200;
const CONNECTIONS = 50;
const ANSWERS = ['accepted', 'declined', 'tentative'] as const;


/** Each answer once, CONNECTIONS at a time. */
const answerAll = (base: string, items: { path: string; answer: string }[]) => postEach(base, items.map((it) => ({ path: it.path, body: () => JSON.stringify({ answer: it.answer }) })), CONNECTIONS);

// ---- the baseline: bare NestJS on Fastify, one indexed UPDATE ---------------------------------------
const BARE_POOL = Symbol('BARE_POOL');
@Controller()
class BareController {
  constructor(@Inject(BARE_POOL) private readonly pool: Pool) {}

  @Post('bare/:id')
  @HttpCode(200)
  async answer(@Param('id') id: string, @Body() body: { answer: string; note?: string }) {
    const { rows } = await this.pool.query('UPDATE participants SET status = $2, responded_at = now(), response_note = $3, updated_at = now() WHERE id = $1 RETURNING id, status', [id, body.answer, body.note ?? null]);
    return rows[0];
  }
}

/** The baseline app on this pool. */
function bareApp(pool: Pool): Promise<string> {
  @Module({ controllers: [BareController], providers: [{ provide: BARE_POOL, useValue: pool }] })
  class BareModule {}
  return startBareApp(BareModule);
}

async function main() {
  const t0 = performance.now();
  const redisUrl = process.env.REDIS_URL;
  const prefix = `hoinghi-bench-${randomBytes(5).toString('hex')}`;
  if (redisUrl) onCleanup(() => dropRedisKeys(redisUrl, prefix));
  const { app, base, pool, databaseUrl } = await startRushApp({ ...(redisUrl ? { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix } : {}), PUBLIC_BASE_URL: 'https://hoinghi.hagiang.gov.vn' });

  // ---- data: people in SQL, events through the services, participants as already invited --------------
  const tSetup = performance.now();
  const org = await app.get(OrganizationsService).create(SYSTEM, { code: 'BENCH', name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', kind: 'department', level: 'province' });
  const people = await insertPeople(pool, org.id, 2 * (N + WARMUP), 'rsvp');
  const events = app.get(EventsService);
  const makeEvent = async (title: string, day: string, invitees: { id: string }[]) => {
    const e = await events.create(SYSTEM, {
      kind: 'conference', title, format: 'hybrid', hostOrganizationId: org.id, venueName: 'Hội trường lớn UBND tỉnh',
      sessions: [
        { startsAt: parseInstant(`${day}T08:00`), endsAt: parseInstant(`${day}T11:30`), title: 'Buổi sáng' },
        { startsAt: parseInstant(`${day}T14:00`), endsAt: parseInstant(`${day}T16:30`), title: 'Buổi chiều' },
      ],
    } as never);
    await events.transition(SYSTEM, e.id, 'publish');
    const { rows } = await pool.query(
      `INSERT INTO participants (event_id, kind, person_id, role, status, invited_at, last_sent_sequence)
       SELECT $1, 'person', p, 'delegate', 'invited', now(), (SELECT sequence FROM events WHERE id = $1) FROM unnest($2::uuid[]) WITH ORDINALITY AS v(p, i) ORDER BY i RETURNING id`,
      [e.id, invitees.map((p) => p.id)],
    );
    return { id: e.id, participants: (rows as { id: string }[]).map((r) => r.id) };
  };
  const measured = await makeEvent('Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I năm 2031', '2031-04-10', people.slice(0, N + WARMUP));
  // The event's reminder rounds, as sending the invitations writes them.
  const [measuredEvent] = await events.findByIds([measured.id]);
  await app.get(UnitOfWork).run(() => app.get(InvitationOutbox).syncReminders(measuredEvent));
  const other = await makeEvent('Hội nghị triển khai Kế hoạch ứng dụng CNTT năm 2031', '2031-04-11', people.slice(N + WARMUP));
  await pool.query('VACUUM ANALYZE participants');
  await pool.query('VACUUM ANALYZE people');
  const setupSeconds = (performance.now() - tSetup) / 1000;

  const r = rng(20260410);
  const mix = () => {
    const x = r();
    return x < 0.6 ? ANSWERS[0] : x < 0.85 ? ANSWERS[1] : ANSWERS[2];
  };
  const links = app.get(InvitationLinks);
  const hoinghiItems = measured.participants.map((id) => ({ path: `/api/rsvp/${links.issue('rsvp', id)}`, answer: mix(), id }));
  const bareItems = other.participants.map((id) => ({ path: `/bare/${id}`, answer: mix(), id }));

  const bareBase = await bareApp(pool);
  const { baseFig, appFig } = await baselineThenApp(answerAll, N, { base: bareBase, items: bareItems }, { base, items: hoinghiItems }, 'rsvp', { pool, databaseUrl });

  // ---- the statements one answer runs (the relay's own polling included) ----
  const capture = captureStatements(app.get(DataSource));
  // A warm-up invitee changes its mind twice (accepted ↔ tentative). The page's event part is cached per event
  // version for at most 10 s, so the first change may rebuild it; the second shows an answer as the run made them.
  const probe = hoinghiItems[N];
  const changeOf = (a: string) => (a === 'accepted' ? 'tentative' : 'accepted');
  const probes: CapturedStatement[][] = [];
  for (const answer of [changeOf(probe.answer), probe.answer]) {
    capture.start();
    const res = await fetch(`${base}${probe.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer }) });
    probes.push(capture.stop());
    if (!res.ok) throw new Error(`probe answer: HTTP ${res.status} ${await res.text()}`);
  }
  capture.restore();

  // ---- checks: every answer stored, the reminder rounds pending, a round reminding yes and maybe ------
  const { rows: stored } = await pool.query(`SELECT id, status FROM participants WHERE id = ANY($1)`, [hoinghiItems.slice(0, N).map((x) => x.id)]);
  const byId = new Map((stored as { id: string; status: string }[]).map((x) => [x.id, x.status]));
  const wrong = hoinghiItems.slice(0, N).filter((x) => byId.get(x.id) !== x.answer).length;
  // The rounds (1 day and 1 hour before) are the only reminder jobs; each, when it runs, reminds those the query below finds.
  const { rows: rem } = await pool.query(
    `SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND status IN ('pending', 'queued') AND kind = 'invitations.reminders'`,
    [`reminders:${measured.id}`],
  );
  const expectRem = 2;
  const reminded = (await app.get(ParticipantsRepository).reminded(measured.id)).length;
  const expectReminded = hoinghiItems.filter((x) => x.answer !== 'declined').length;
  const { rows: st } = await pool.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1`, [`reminders:${measured.id}`]);

  // The plan of the answer's one statement (lock, answer, audit entry), run again and rolled back.
  const statement = probes[1].find((q) => /^\s*WITH answer_l/.test(q.sql));
  if (!statement) throw new Error('probe answer: no one-statement answer was run');
  const c = await pool.connect();
  let answerPlan: string[] = [];
  try {
    await c.query('BEGIN');
    // Twice, the second shown: the first on this connection also fills its catalog caches.
    for (let i = 0; i < 2; i++) {
      await c.query('SAVEPOINT plan');
      const { rows: plan } = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.sql}`, statement.params);
      await c.query('ROLLBACK TO SAVEPOINT plan');
      answerPlan = (plan as { 'QUERY PLAN': string }[]).map((x) => x['QUERY PLAN']);
    }
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }

  console.log(`rsvp answers: ${N} invitees of one published event (+${WARMUP} warm-up), ${CONNECTIONS} connections, each answers once (60% accepted, 25% declined, 15% tentative); reminders 1d,1h; set up in ${setupSeconds.toFixed(1)} s; PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}, jobs ${redisUrl ? 'BullMQ on REDIS_URL' : 'inline'}`);
  console.log(figureLine('hoinghi', 'POST /api/rsvp/:token    ', appFig, 'answers/s'));
  console.log(figureLine('baseline', 'bare Nest+Fastify UPDATE', baseFig, 'answers/s'));
  console.log(`  check: ${N - wrong}/${N} answers stored; reminder rounds pending ${rem[0].n} (expected ${expectRem}), ${st[0].n} reminder rows in all; a round would remind ${reminded} (expected ${expectReminded} incl. warm-up)`);
  for (const [i, list] of probes.entries()) {
    console.log(`  a change of mind (${i + 1} of 2) ran ${list.length} statements, the relay's polls and any refresh of the event's part for the page included:`);
    for (const q of list) console.log(showStatement(q));
  }
  console.log(`  plan of the answer's statement (run again, rolled back; hoinghi prepares it, so it is planned once per connection):`);
  for (const l of answerPlan) console.log(`    ${l}`);
  console.log(`  total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`BENCH ${JSON.stringify({ name: 'rsvp.answer', value: round1(appFig.rate), unit: 'answers/s', baseline: round1(baseFig.rate), ratio: Math.round((appFig.rate / baseFig.rate) * 1000) / 1000, n: N })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'rsvp.answer.p99', value: round2(appFig.p99), unit: 'ms', baseline: round2(baseFig.p99), ratio: Math.round((baseFig.p99 / appFig.p99) * 1000) / 1000, n: N })}`);
  return wrong || rem[0].n !== expectRem || reminded !== expectReminded ? 1 : 0;
}

runBench('bench:rsvp', main);
