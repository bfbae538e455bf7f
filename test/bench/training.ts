/**
 * Benchmark: training (`npm run bench:training`).
 *
 * 1. Roster import: a 5,000-line CSV (Họ tên, Đơn vị, Chức vụ, Email, Điện thoại) of officials already
 *    in the directory, imported into one class by TrainingService.importRoster — worker-thread parsing
 *    and row checks, agency and person matching, the participants (role trainee) and the enrolments in
 *    one transaction, completion computed. Baseline (`training.import`): the same rows written the
 *    plainest way — each trainee's participant and enrolment, as the import leaves them, by one
 *    hand-written statement (`WITH … INSERT INTO participants … RETURNING` feeding the multi-row
 *    INSERT of the enrolments) into another class. A reference printed beside
 *    (`training.import.enrolments_only`): one multi-row INSERT of the 5,000 enrolments alone (as
 *    waitlisted, so no participant is needed) — half the rows, the figure earlier runs were read by —
 *    and what the baseline's statement itself reads against it. Rows/s each; BENCH_ROUNDS rounds
 *    (default 5), each side into a fresh class, the order of the sides turning; the median round's ratio.
 * 2. Program summary over 50,000 enrolments (20 classes × 2,500 of 20,000 officials in 50 agencies with
 *    headcounts): TrainingSummaryService.programSummary (classes, totals, per agency with the period's
 *    headcount, per level — lượt and người). Baseline: one hand-written SQL aggregate giving the
 *    totals and the per-agency figures. Mean of RUNS after a warm-up; ratio = baseline ÷ hoinghi.
 *
 * Ends with BENCH lines (see DESIGN.md, Benchmarks).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createApp } from '../../src/bootstrap';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { loadConfig } from '../../src/config/env';
import { EventsService } from '../../src/events/events.service';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { TrainingSummaryService } from '../../src/training/training-summary.service';
import { TrainingService } from '../../src/training/training.service';
import { freshDatabase, median, onCleanup, round1, round2, round3, runBench, tempDir } from './harness';
import { generatePeople } from './people-data';

const IMPORT_N = Number(process.env.BENCH_IMPORT_N ?? 5_000);
const CLASSES = 20;
const PER_CLASS = 2_500;
const PEOPLE = 20_000;
const AGENCIES = 50;
const RUNS = 10;
/** Rounds of the import and its baseline (BENCH_ROUNDS, default 5): the median round is reported. */
const IMPORT_ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));

async function main() {
  const t0 = performance.now();
  const { databaseUrl } = await freshDatabase();
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(20).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
  const app = await createApp({ config, databaseUrl });
  onCleanup(() => app.close());
  await app.init();
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => {});
  onCleanup(() => pool.end());
  const orgs = app.get(OrganizationsService);
  const events = app.get(EventsService);
  const training = app.get(TrainingService);

  // ---- data ---------------------------------------------------------------------------------
  const host = await orgs.create(SYSTEM, { code: 'BENCH', name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', kind: 'department', level: 'province' });
  const agencies: { id: string; name: string }[] = [];
  for (let i = 0; i < AGENCIES; i++) {
    const o = await orgs.create(SYSTEM, { code: `BA${i}`, name: `Đơn vị tập huấn số ${i + 1}`, kind: i % 2 ? 'district' : 'department', level: i % 2 ? 'district' : 'province', headcounts: [{ year: 2030, officials: 400 + i }] } as never);
    agencies.push({ id: o.id, name: o.name });
  }
  const generated = generatePeople(PEOPLE, 'training');
  const { rows: people }: { rows: { id: string; organization_id: string }[] } = await pool.query(
    `INSERT INTO people (full_name, title, organization_id, email)
     SELECT f, t, o, e FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[]) WITH ORDINALITY AS v(f, t, o, e, i) ORDER BY i RETURNING id, organization_id`,
    [generated.map((p) => p.fullName), generated.map((p) => p.title), generated.map((_, i) => agencies[i % AGENCIES].id), generated.map((p) => p.email)],
  );
  const program = await training.createProgram(SYSTEM, { code: 'TH-BENCH', name: 'Chương trình đo', year: 2030, organizerOrganizationId: host.id, targetTrainees: 15000 });
  const programId = (program as unknown as { id: string }).id;
  const makeClass = async (k: number, capacity?: number) => {
    const e = await events.create(SYSTEM, {
      kind: 'training_class', title: `Lớp đo ${k}`, format: 'in_person', hostOrganizationId: host.id, venueName: `Phòng ${k}`,
      sessions: [{ startsAt: new Date(Date.UTC(2030, 2, 1 + k, 1)), endsAt: new Date(Date.UTC(2030, 2, 1 + k, 4)), title: null }],
    } as never);
    await events.transition(SYSTEM, e.id, 'publish');
    await training.attachClass(SYSTEM, programId, { eventId: e.id, capacity });
    return e.id;
  };

  // ---- 1. roster import vs the same rows in one statement ------------------------------------
  const rows = generated.slice(0, IMPORT_N).map((p, i) => [p.fullName, agencies[i % AGENCIES].name, p.title ?? '', p.email, ''].map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
  const csv = Buffer.from(`\uFEFFHọ tên,Đơn vị,Chức vụ,Email,Điện thoại\r\n${rows.join('\r\n')}\r\n`);
  // Warm-up: a small roster into another class first, so the measured import finds the CSV worker thread
  // and its modules loaded, as a running server does (a thread from source compiles its TypeScript first:
  // seconds on this machine, ~50 ms built). The cold figure is printed too.
  const warmClass = await makeClass(99);
  const warmCsv = Buffer.from(`Họ tên,Đơn vị,Chức vụ,Email,Điện thoại\r\n${rows.slice(IMPORT_N - 20).join('\r\n')}\r\n`);
  const t = performance.now();
  await training.importRoster(SYSTEM, warmClass, warmCsv, 'text/csv', false);
  const coldSeconds = (performance.now() - t) / 1000;
  await pool.query('DELETE FROM training_enrollments WHERE class_event_id = $1', [warmClass]);
  await pool.query('DELETE FROM participants WHERE event_id = $1', [warmClass]);
  // Rounds, each a fresh class for every side, the order of the sides turning: a single import against a
  // single statement swings with the machine's load; each BENCH line reports its own median round. Rates are
  // roster rows (trainees) per second on every side: a trainee is two rows here, one in the enrolments alone.
  const rounds: { importSeconds: number; sameSeconds: number; enrolmentsSeconds: number; ratio: number; enrolmentsRatio: number; statementVsEnrolments: number }[] = [];
  const personIds = people.slice(0, IMPORT_N).map((p) => p.id);
  const orgIds = people.slice(0, IMPORT_N).map((p) => p.organization_id);
  for (let r = 0; r < IMPORT_ROUNDS; r++) {
    const importClass = await makeClass(100 + 3 * r);
    const sameClass = await makeClass(101 + 3 * r);
    const enrolmentsClass = await makeClass(102 + 3 * r);
    const timed = async (fn: () => Promise<unknown>) => {
      const s = performance.now();
      await fn();
      return (performance.now() - s) / 1000;
    };
    const sides = {
      import: () =>
        timed(async () => {
          const imported = await training.importRoster(SYSTEM, importClass, csv, 'text/csv', false);
          if (imported.enrolled !== IMPORT_N) throw new Error(`imported ${JSON.stringify(imported)}`);
        }),
      // The baseline: the rows the import leaves for each trainee — a participant on the class's list and
      // its enrolment (enrolled, from an import, now) — in one statement, nothing parsed, matched or checked.
      same: () =>
        timed(() =>
          pool.query(
            `WITH pa AS (INSERT INTO participants (event_id, kind, person_id, role) SELECT $1, 'person', p, 'trainee' FROM unnest($3::uuid[]) AS v(p) RETURNING id, person_id)
             INSERT INTO training_enrollments (class_event_id, program_id, person_id, organization_id, participant_id, status, source, enrolled_at)
             SELECT $1, $2, pa.person_id, v.o, pa.id, 'enrolled', 'import', now() FROM pa JOIN unnest($3::uuid[], $4::uuid[]) AS v(p, o) ON v.p = pa.person_id`,
            [sameClass, programId, personIds, orgIds],
          ),
        ),
      // The reference: the enrolments alone (waitlisted, so no participant is needed), one multi-row INSERT.
      enrolments: () =>
        timed(() =>
          pool.query(
            `INSERT INTO training_enrollments (class_event_id, program_id, person_id, organization_id, participant_id, status, source, enrolled_at)
             SELECT $1, $2, p, o, NULL, 'waitlisted', 'import', now() FROM unnest($3::uuid[], $4::uuid[]) AS v(p, o)`,
            [enrolmentsClass, programId, personIds, orgIds],
          ),
        ),
    };
    // The order of the sides turns each round.
    const order = (['import', 'same', 'enrolments'] as const).map((_, i, all) => all[(i + r) % all.length]);
    const took: Record<string, number> = {};
    for (const side of order) took[side] = await sides[side]();
    rounds.push({
      importSeconds: took.import, sameSeconds: took.same, enrolmentsSeconds: took.enrolments,
      ratio: took.same / took.import, enrolmentsRatio: took.enrolments / took.import, statementVsEnrolments: took.enrolments / took.same,
    });
    // (The participants go too, so that every round writes into tables of the same size.)
    await pool.query('DELETE FROM training_enrollments WHERE class_event_id = ANY($1)', [[importClass, sameClass, enrolmentsClass]]);
    await pool.query('DELETE FROM participants WHERE event_id = ANY($1)', [[importClass, sameClass]]);
  }
  const { importSeconds, sameSeconds } = median(rounds, (x) => x.ratio);
  const alone = median(rounds, (x) => x.enrolmentsRatio);
  const statement = median(rounds, (x) => x.statementVsEnrolments);

  // ---- 2. summary over 50,000 enrolments vs one hand-written aggregate --------------------------
  for (let k = 0; k < CLASSES; k++) {
    const eventId = await makeClass(k);
    const members = Array.from({ length: PER_CLASS }, (_, j) => people[(k * 997 + j) % PEOPLE]);
    const { rows: parts }: { rows: { id: string }[] } = await pool.query(
      `INSERT INTO participants (event_id, kind, person_id, role, status) SELECT $1, 'person', p, 'trainee', 'accepted' FROM unnest($2::uuid[]) WITH ORDINALITY AS v(p, i) ORDER BY i RETURNING id`,
      [eventId, members.map((m) => m.id)],
    );
    const statuses = members.map((_, j) => ['completed', 'completed', 'completed', 'incomplete', 'enrolled'][(j + k) % 5]);
    await pool.query(
      `INSERT INTO training_enrollments (class_event_id, program_id, person_id, organization_id, participant_id, status, source, enrolled_at, sessions_counted, sessions_attended)
       SELECT $1, $2, p, o, pa, s, 'import', now(), 1, a FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::varchar[], $7::int[]) AS v(p, o, pa, s, a)`,
      [eventId, programId, members.map((m) => m.id), members.map((m) => m.organization_id), parts.map((p) => p.id), statuses, statuses.map((s) => (s === 'incomplete' ? 0 : 1))],
    );
  }
  await pool.query('ANALYZE');
  const summaries = app.get(TrainingSummaryService);
  const BASELINE = `SELECT o.id, o.name, count(*) AS luot, count(DISTINCT e.person_id) AS nguoi,
                           count(*) FILTER (WHERE e.status = 'completed') AS done, count(DISTINCT e.person_id) FILTER (WHERE e.status = 'completed') AS done_nguoi,
                           (SELECT officials FROM organization_headcounts h WHERE h.organization_id = o.id AND h.year <= 2030 ORDER BY year DESC LIMIT 1) AS headcount
                      FROM training_enrollments e JOIN organizations o ON o.id = e.organization_id
                     WHERE e.program_id = $1 AND e.status IN ('enrolled','completed','incomplete')
                     GROUP BY ROLLUP ((o.id, o.name))`;
  const time = async (fn: () => Promise<unknown>) => {
    await fn();
    const s = performance.now();
    for (let i = 0; i < RUNS; i++) await fn();
    return (performance.now() - s) / RUNS;
  };
  let summary: Awaited<ReturnType<TrainingSummaryService['programSummary']>> | undefined;
  const appMs = await time(async () => (summary = await summaries.programSummary(SYSTEM, programId)));
  const baseMs = await time(() => pool.query(BASELINE, [programId]));
  const { rows: check } = await pool.query(BASELINE, [programId]);
  const total = check.find((r: { id: string | null }) => r.id === null);
  if (Number(total.luot) !== summary!.trainees.enrolledLuot || Number(total.nguoi) !== summary!.trainees.enrolledNguoi) throw new Error('summary and baseline disagree');

  const importRate = IMPORT_N / importSeconds;
  const sameRate = IMPORT_N / sameSeconds;
  const rounded = (key: 'ratio' | 'enrolmentsRatio' | 'statementVsEnrolments') => rounds.map((x) => x[key].toFixed(2)).join(' ');
  console.log(`training: PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}`);
  console.log(`  roster import rounds (ratio): ${rounded('ratio')}; the median round:`);
  console.log(`  roster import   ${IMPORT_N} lines   hoinghi ${importRate.toFixed(0)} rows/s (${importSeconds.toFixed(2)} s: parse in a worker, match, ${IMPORT_N} participants, enrolments, completion)   baseline the same rows in one statement ${sameRate.toFixed(0)} rows/s (${sameSeconds.toFixed(3)} s)`);
  console.log(`  reference: the enrolments alone in one INSERT ${(IMPORT_N / alone.enrolmentsSeconds).toFixed(0)} rows/s (${alone.enrolmentsSeconds.toFixed(3)} s); the import against it, rounds ${rounded('enrolmentsRatio')}; the baseline's statement against it, rounds ${rounded('statementVsEnrolments')} (median ${statement.statementVsEnrolments.toFixed(2)}: the most any import of this schema could read against it)`);
  console.log(`  first (cold) import of 20 lines ${coldSeconds.toFixed(2)} s (starts the CSV worker thread)`);
  console.log(`  program summary ${CLASSES * PER_CLASS} enrolments (lượt ${summary!.trainees.enrolledLuot}, người ${summary!.trainees.enrolledNguoi}, ${summary!.byOrganization.length} agencies)   hoinghi ${appMs.toFixed(1)} ms   baseline one aggregate ${baseMs.toFixed(1)} ms`);
  console.log(`  total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`BENCH ${JSON.stringify({ name: 'training.import', value: round1(importRate), unit: 'rows/s', baseline: round1(sameRate), ratio: round3(importRate / sameRate), n: IMPORT_N })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'training.import.enrolments_only', value: round1(IMPORT_N / alone.importSeconds), unit: 'rows/s', baseline: round1(IMPORT_N / alone.enrolmentsSeconds), ratio: round3(alone.enrolmentsRatio), n: IMPORT_N })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'training.summary', value: round2(appMs), unit: 'ms', baseline: round2(baseMs), ratio: round3(baseMs / appMs), n: CLASSES * PER_CLASS })}`);
}

runBench('bench:training', main);
