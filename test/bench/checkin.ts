/**
 * Benchmark: the morning rush of check-ins (`npm run bench:checkin`).
 *
 * Data: one published event whose session starts in ten minutes, with its self check-in window open
 * (default: 30 minutes before the start) and N invited persons (rows in SQL); a second event's N
 * invitees serve the baseline, in the same tables.
 *
 * hoinghi: the real app on 127.0.0.1 (request logs off, the public per-address limit off: autocannon is
 * one address); autocannon (CONNECTIONS connections) sends each invitee's self check-in once —
 * `POST /api/rsvp/<token>/checkin { nonce, code }` with the hall code of the moment: link check,
 * validation, one read (participant, event, sessions, window, row, recent wrong codes), the rules,
 * one INSERT … ON CONFLICT. Baseline: a bare NestJS 12 on Fastify app (one controller, no guard, no
 * pipe) whose route does one indexed `INSERT INTO attendance_records … ON CONFLICT DO NOTHING` via `pg`
 * (pool of 10, like the app's) for the other event's N invitees.
 *
 * Each side: a warm-up of WARMUP check-ins of its own, then the N; check-ins/s, p99 and whether the N
 * fit in a minute. Then checks: every measured invitee has exactly one row, no refusal was logged.
 * Ends with BENCH lines (see DESIGN.md, Benchmarks).
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Inject, Module, Param, Post } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { hallCode, intervalOf } from '../../src/attendance/checkin-rules';
import { RosterService } from '../../src/attendance/roster.service';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { EventsService } from '../../src/events/events.service';
import { InvitationLinks } from '../../src/invitations/public/links';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { insertPeople, startRushApp, baselineThenApp, captureStatements, figureLine, postEach, showStatement, startBareApp } from './rush';
import { round1, round2, round3, runBench } from './harness';

const N = Number(process.env.BENCH_N ?? 2_000);
const WARMUP = 200;
const CONNECTIONS = 50;

/** Each check-in once, CONNECTIONS at a time. */
const fire = (base: string, items: { path: string; body: () => string }[]) => postEach(base, items, CONNECTIONS);

// ---- the baseline: bare NestJS on Fastify, one indexed INSERT … ON CONFLICT ---------------------------
const BARE_POOL = Symbol('BARE_POOL');
@Controller()
class BareController {
  constructor(@Inject(BARE_POOL) private readonly pool: Pool) {}

  @Post('bare/:event/:session/:id')
  @HttpCode(201)
  async checkIn(@Param('event') event: string, @Param('session') session: string, @Param('id') id: string, @Body() body: { nonce: string }) {
    const { rows } = await this.pool.query(
      `INSERT INTO attendance_records (event_id, session_id, participant_id, status, method, recorded_by, recorded_at, nonce)
       VALUES ($1, $2, $3, 'present', 'code', 'bench', now(), $4) ON CONFLICT (session_id, participant_id) DO NOTHING RETURNING id, recorded_at`,
      [event, session, id, body.nonce],
    );
    return rows[0] ?? { already: true };
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
  const { app, base, pool, databaseUrl } = await startRushApp({ PUBLIC_BASE_URL: 'https://hoinghi.laocai.gov.vn' });

  // ---- data: people in SQL, events through the services, participants as invited and accepted -------------
  const tSetup = performance.now();
  const org = await app.get(OrganizationsService).create(SYSTEM, { code: 'BENCH', name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai', kind: 'department', level: 'province' });
  const people = await insertPeople(pool, org.id, 2 * (N + WARMUP), 'checkin');
  const events = app.get(EventsService);
  // The session starts in ten minutes (a whole minute): the default window (30 minutes before) is open now.
  const start = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000);
  const makeEvent = async (title: string, venue: string, invitees: { id: string }[]) => {
    const e = await events.create(SYSTEM, {
      kind: 'conference', title, format: 'in_person', hostOrganizationId: org.id, venueName: venue,
      sessions: [{ startsAt: start, endsAt: new Date(start.getTime() + 3.5 * 3600_000), title: 'Buổi sáng' }],
    } as never);
    await events.transition(SYSTEM, e.id, 'publish');
    const { rows } = await pool.query(
      `INSERT INTO participants (event_id, kind, person_id, role, status, invited_at, last_sent_sequence)
       SELECT $1, 'person', p, 'delegate', 'accepted', now(), (SELECT sequence FROM events WHERE id = $1) FROM unnest($2::uuid[]) WITH ORDINALITY AS v(p, i) ORDER BY i RETURNING id`,
      [e.id, invitees.map((p) => p.id)],
    );
    return { id: e.id, sessionId: e.sessions![0].id, participants: (rows as { id: string }[]).map((r) => r.id) };
  };
  const measured = await makeEvent('Hội nghị trực tuyến sơ kết 7 tháng, triển khai nhiệm vụ 5 tháng cuối năm', 'Hội trường UBND tỉnh Lào Cai', people.slice(0, N + WARMUP));
  const other = await makeEvent('Hội nghị giao ban công nghệ thông tin', 'Hội trường Sở TT&TT Lào Cai', people.slice(N + WARMUP));
  await app.get(RosterService).openWindow(SYSTEM, measured.id, { sessionId: measured.sessionId });
  await pool.query('VACUUM ANALYZE participants');
  await pool.query('VACUUM ANALYZE people');
  const setupSeconds = (performance.now() - tSetup) / 1000;

  const links = app.get(InvitationLinks);
  const { rows: [win] } = await pool.query('SELECT code_secret FROM attendance_windows WHERE session_id = $1', [measured.sessionId]);
  // The hall code of the moment, as someone reads it off the screen (rotates every 60 s).
  const code = () => hallCode(win.code_secret, intervalOf(Date.now(), 60));
  const appItems = measured.participants.map((id) => ({ id, path: `/api/rsvp/${links.issue('rsvp', id)}/checkin`, body: () => JSON.stringify({ nonce: randomUUID(), code: code() }) }));
  const bareItems = other.participants.map((id) => ({ id, path: `/bare/${other.id}/${other.sessionId}/${id}`, body: () => JSON.stringify({ nonce: randomUUID() }) }));

  const bareBase = await bareApp(pool);
  const { baseFig, appFig } = await baselineThenApp(fire, N, { base: bareBase, items: bareItems }, { base, items: appItems }, 'checkin', { pool, databaseUrl });

  // ---- the statements one check-in runs (TypeORM's logger and the driver's pool: it is a prepared statement) ----
  const capture = captureStatements(app.get(DataSource));
  const extra = await pool.query(
    `INSERT INTO people (full_name, organization_id, email) VALUES ('Đại biểu đến sau', $1, $2) RETURNING id`,
    [org.id, `late-${randomBytes(4).toString('hex')}@bench.example.gov.vn`],
  );
  const { rows: [probeRow] } = await pool.query(`INSERT INTO participants (event_id, kind, person_id, role, status) VALUES ($1, 'person', $2, 'delegate', 'accepted') RETURNING id`, [measured.id, extra.rows[0].id]);
  capture.start();
  const res = await fetch(`${base}/api/rsvp/${links.issue('rsvp', probeRow.id)}/checkin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nonce: randomUUID(), code: code() }) });
  const captured = capture.stop();
  capture.restore();
  if (res.status !== 201) throw new Error(`probe check-in: HTTP ${res.status} ${await res.text()}`);

  // The plan of the check-in's statement for one more invitee, run twice and rolled back (the second shown).
  const { rows: [planRow] } = await pool.query(`INSERT INTO participants (event_id, kind, person_id, role, status) SELECT $1, 'person', id, 'delegate', 'accepted' FROM people WHERE id = $2 RETURNING id`, [measured.id, people[people.length - 1].id]).catch(() => ({ rows: [] as { id: string }[] }));
  let checkInPlan: string[] = [];
  const stmt = captured.find((q) => q.prepared === 'attendance.code_check_in');
  if (stmt && planRow) {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      for (let i = 0; i < 2; i++) {
        await c.query('SAVEPOINT plan');
        const params = [planRow.id, ...stmt.params.slice(1, 6), randomUUID(), ...stmt.params.slice(7)];
        const { rows: plan } = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${stmt.sql}`, params);
        await c.query('ROLLBACK TO SAVEPOINT plan');
        checkInPlan = (plan as { 'QUERY PLAN': string }[]).map((x) => x['QUERY PLAN']);
      }
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  }

  // ---- checks: one row per measured invitee, no refusal ------------------------------------------------
  const { rows: [stored] } = await pool.query(`SELECT count(*)::int AS n, count(DISTINCT participant_id)::int AS d FROM attendance_records WHERE participant_id = ANY($1) AND method = 'code'`, [appItems.slice(0, N).map((x) => x.id)]);
  const { rows: [refused] } = await pool.query(`SELECT count(*)::int AS n FROM attendance_refusals WHERE event_id = $1`, [measured.id]);

  console.log(`check-in rush: ${N} invitees of one event (+${WARMUP} warm-up), ${CONNECTIONS} connections, each checks in once by the hall code; set up in ${setupSeconds.toFixed(1)} s; PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}`);
  console.log(figureLine('hoinghi', 'POST /api/rsvp/:token/checkin', appFig, 'check-ins/s', appFig.seconds <= 60 ? ', within a minute' : ', MORE than a minute'));
  console.log(figureLine('baseline', 'bare Nest+Fastify INSERT … ON CONFLICT', baseFig, 'check-ins/s'));
  console.log(`  check: ${stored.d}/${N} invitees checked in, ${stored.n} rows; ${refused.n} refusals logged`);
  console.log(`  one check-in ran ${captured.length} statements:`);
  for (const q of captured) console.log(showStatement(q));
  console.log(`  plan of that statement for another invitee (run again, rolled back; prepared, so planned once per connection):`);
  for (const l of checkInPlan) console.log(`    ${l}`);
  console.log(`  total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`BENCH ${JSON.stringify({ name: 'checkin', value: round1(appFig.rate), unit: 'check-ins/s', baseline: round1(baseFig.rate), ratio: round3(appFig.rate / baseFig.rate), n: N })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'checkin.p99', value: round2(appFig.p99), unit: 'ms', baseline: round2(baseFig.p99), ratio: round3(baseFig.p99 / appFig.p99), n: N })}`);
  return stored.n !== N || stored.d !== N || refused.n !== 0 || appFig.seconds > 60 ? 1 : 0;
}

runBench('bench:checkin', main);
