import type { DataSource } from 'typeorm';
import { bearer, type TestContext } from '../support/app';
import type { Factories } from '../support/factories';
import { type MailApp, mailSettled, startMailApp, until } from '../support/mail-app';
import type { ReceivedMail, SmtpSink } from '../support/smtp-sink';

const tokenIn = (m: ReceivedMail, path = 'rsvp') => new RegExp(`/${path}/([\\w-]{22}\\.[\\w-]{32})`).exec(m.parsed.text ?? '')![1];

/**
 * What the unit of work keeps: an event's change history of its own (so "what changed" mails
 * survive the outbox's retention), and an audit trail of everything done with a personal link.
 */
describe('event change history and the audit trail of invitations', () => {
  let ctx: TestContext;
  let admin: string;
  let f: Factories;
  let db: DataSource;
  let sink: SmtpSink;
  let app: MailApp;

  beforeAll(async () => {
    app = await startMailApp();
    ({ ctx, admin, f, db, sink } = app);
  });
  afterAll(() => app.close());

  async function publishedEvent(title: string) {
    const org = await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const res = await ctx.http().post('/api/events').set(bearer(admin)).send({
      kind: 'conference', title, format: 'in_person', hostOrganizationId: org.id, venueName: 'Hội trường Sở TT&TT', venueAddress: 'TP Hà Giang',
      sessions: [{ startsAt: '2031-04-10T14:00', endsAt: '2031-04-10T17:00' }],
    }).expect(201);
    await ctx.http().post(`/api/events/${res.body.id}/publish`).set(bearer(admin)).expect(200);
    return { eventId: res.body.id as string, org };
  }

  it('tells what changed since the version an invitee has even after the outbox was pruned of old rows', async () => {
    const { eventId, org } = await publishedEvent('Hội nghị giao ban CNTT quý II/2031');
    const person = await f.person(org.id, { fullName: 'Vũ Thị Mai' });
    await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: [{ personId: person.id, role: 'delegate' }] }).expect(201);
    sink.clear();
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(1);
    // Without an address for a while, the invitee misses the update mails of two changes…
    await ctx.http().patch(`/api/people/${person.id}`).set(bearer(admin)).send({ email: null }).expect(200);
    await ctx.http().patch(`/api/events/${eventId}`).set(bearer(admin)).send({ sessions: [{ startsAt: '2031-04-11T08:00', endsAt: '2031-04-11T11:00' }] }).expect(200);
    await ctx.http().patch(`/api/events/${eventId}`).set(bearer(admin)).send({ venueName: 'Hội trường lớn UBND tỉnh' }).expect(200);
    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'events.changed' AND status = 'done'`))[0].n === 2);
    // …and the outbox's retention removes every finished row.
    await db.query(`DELETE FROM outbox WHERE status IN ('done', 'cancelled')`);
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'events.changed'`))[0].n).toBe(0);

    await ctx.http().patch(`/api/people/${person.id}`).set(bearer(admin)).send({ email: person.email }).expect(200);
    sink.clear();
    const sent = await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    expect(sent.body.invitations).toBe(1);
    await sink.waitFor(1);
    const text = sink.messages[0].parsed.text ?? '';
    // Both changes, each with what the invitee last saw.
    expect(text).toContain('10/04/2031');
    expect(text).toContain('11/04/2031');
    expect(text).toContain('Hội trường Sở TT&TT');
    expect(text).toContain('Hội trường lớn UBND tỉnh');
    const history = await db.query(`SELECT sequence, changes FROM event_changes WHERE event_id = $1 ORDER BY sequence`, [eventId]);
    expect(history.map((h: { sequence: number; changes: { field: string }[] }) => [h.sequence, h.changes.map((c) => c.field)])).toEqual([[1, ['time']], [2, ['venue']]]);
  });

  it("records answers, substitutes, nominations and removals in the event's history, naming who acted", async () => {
    const { eventId, org } = await publishedEvent('Hội nghị triển khai hộp thư công vụ');
    const official = await f.person(org.id, { fullName: 'Hoàng Văn Nam' });
    const other = await f.person(org.id, { fullName: 'Lý Thị Hạnh' });
    const district = await f.org({ name: 'UBND huyện Bắc Mê', kind: 'district', level: 'district' });
    const added = await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({
      participants: [{ personId: official.id, role: 'delegate' }, { personId: other.id, role: 'guest' }, { organizationId: district.id, role: 'delegate', quota: 1, contactPersonId: other.id }],
    }).expect(201);
    sink.clear();
    await ctx.http().post(`/api/events/${eventId}/invitations/send`).set(bearer(admin)).expect(202);
    await sink.waitFor(3);
    // (A mail reaches the sink before its invitee is marked invited: the history below starts from there.)
    await mailSettled(db, eventId);
    const rsvp = tokenIn(sink.messages.find((m) => m.to === official.email && /\/rsvp\//.test(m.parsed.text ?? ''))!);
    const nominate = tokenIn(sink.messages.find((m) => /\/nominate\//.test(m.parsed.text ?? ''))!, 'nominate');

    await ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'accepted', note: 'Sẽ đến đúng giờ' }).expect(200);
    await ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'delegated', substitute: { fullName: 'Phạm Đức Anh', email: 'pdanh@hagiang.example.gov.vn' } }).expect(200);
    await ctx.http().post(`/api/nominate/${nominate}`).send({ nominees: [{ fullName: 'Đinh Văn Tú', email: 'dvtu@bacme.example.gov.vn' }] }).expect(200);
    const otherRow = added.body.find((p: { personId: string | null }) => p.personId === other.id);
    await ctx.http().delete(`/api/events/${eventId}/participants/${otherRow.id}`).set(bearer(admin)).expect(204);

    const history = await ctx.http().get(`/api/events/${eventId}/history`).set(bearer(admin)).expect(200);
    const entries = (history.body as { action: string; actorEmail: string; entityType: string; changes: Record<string, unknown> }[]).filter((e) => e.entityType === 'participant');
    const by = (action: string) => entries.filter((e) => e.action === action);
    expect(by('answered').map((e) => [e.actorEmail, e.changes.status])).toEqual([
      [official.email, { from: 'accepted', to: 'delegated' }],
      [official.email, { from: 'invited', to: 'accepted' }],
    ]);
    expect(by('substitute_named')).toEqual([expect.objectContaining({ actorEmail: official.email, changes: expect.objectContaining({ email: 'pdanh@hagiang.example.gov.vn' }) })]);
    expect(by('nominated')).toHaveLength(1);
    expect(by('nominated')[0].actorEmail).toBe(other.email);
    expect(by('participant_removed')).toEqual([expect.objectContaining({ actorEmail: expect.stringMatching(/^admin-/), changes: { status: { from: 'invited', to: 'removed' } } })]);
  });
});
