import { Client } from 'pg';
import { bearer, type TestContext } from '../support/app';
import { type Factories, startAdminApp } from '../support/factories';

/** A substitute and a nominee belong to the event of the participant they point to — the schema says so, not only the services. */
describe('participants: same-event references enforced by composite foreign keys', () => {
  let ctx: TestContext, admin: string, f: Factories, sql: Client;
  let org: string, eventA: string, eventB: string, inA: string, agencyInA: string, personId: string;

  beforeAll(async () => {
    ({ ctx, admin, f } = await startAdminApp());
    sql = new Client({ connectionString: ctx.databaseUrl });
    await sql.connect();
    org = (await f.province('UBND tỉnh Hà Giang')).id;
    const district = (await f.org({ name: 'UBND huyện Đồng Văn', kind: 'district', level: 'district', parentId: org })).id;
    const event = async (title: string) =>
      (
        await ctx
          .http()
          .post('/api/events')
          .set(bearer(admin))
          .send({ kind: 'conference', title, format: 'online', onlineUrl: 'https://meet.example.gov.vn/q1', hostOrganizationId: org, sessions: [{ startsAt: '2027-04-10T14:00', endsAt: '2027-04-10T17:00' }] })
          .expect(201)
      ).body.id as string;
    eventA = await event('Hội nghị trực tuyến giao ban quý I');
    eventB = await event('Hội nghị trực tuyến giao ban quý II');
    const original = await f.person(org, { fullName: 'Nguyễn Văn Sơn' });
    const added = await ctx
      .http()
      .post(`/api/events/${eventA}/participants`)
      .set(bearer(admin))
      .send({ participants: [{ personId: original.id, role: 'delegate' }, { organizationId: district, role: 'delegate', quota: 2 }] })
      .expect(201);
    inA = added.body.find((p: { personId: string | null }) => p.personId === original.id).id;
    agencyInA = added.body.find((p: { organizationId: string | null }) => p.organizationId === district).id;
    personId = (await f.person(org, { fullName: 'Vũ Thị Lan' })).id;
  });
  afterAll(async () => {
    await sql.end();
    await ctx.close();
  });

  const insert = (eventId: string, column: 'delegated_from_id' | 'nominated_by_id', pointsTo: string) =>
    sql.query(`INSERT INTO participants (event_id, kind, person_id, role, status, ${column}) VALUES ($1, 'person', $2, 'delegate', 'pending', $3)`, [eventId, personId, pointsTo]);

  it('refuses a substitute whose delegated_from_id is a participant of another event (FK violation)', async () => {
    await expect(insert(eventB, 'delegated_from_id', inA)).rejects.toMatchObject({ code: '23503', constraint: 'participants_delegated_from_fkey' });
  });

  it('refuses a nominee whose nominated_by_id is an agency invitation of another event (FK violation)', async () => {
    await expect(insert(eventB, 'nominated_by_id', agencyInA)).rejects.toMatchObject({ code: '23503', constraint: 'participants_nominated_by_fkey' });
  });

  it('refuses a negative round or attendee SEQUENCE bump (CHECK violation)', async () => {
    await expect(sql.query(`UPDATE participants SET sequence_bump = -1 WHERE id = $1`, [inA])).rejects.toMatchObject({ code: '23514', constraint: 'participants_counters_check' });
    await expect(sql.query(`UPDATE participants SET invitation_round = -1 WHERE id = $1`, [inA])).rejects.toMatchObject({ code: '23514', constraint: 'participants_counters_check' });
  });

  it('accepts both references within the same event', async () => {
    await sql.query('BEGIN');
    try {
      await insert(eventA, 'delegated_from_id', inA);
    } finally {
      await sql.query('ROLLBACK');
    }
    await insert(eventA, 'nominated_by_id', agencyInA);
  });
});
