import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/time/clock';
import { InvitationLinks } from '../../src/invitations/public/links';
import { bearer, type TestContext } from '../support/app';
import type { Factories } from '../support/factories';

/** A Hà Nội wall-clock time as an instant. */
export const hn = (local: string) => new Date(`${local}+07:00`);
export const nonce = () => randomUUID();

/** A published event with its sessions, people invited (persons), and helpers to check them in. */
export async function attendanceEvent(ctx: TestContext, admin: string, f: Factories, o: { sessions: [string, string][]; people: number; title?: string; orgId?: string }) {
  const orgId = o.orgId ?? (await f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' })).id;
  const res = await ctx.http().post('/api/events').set(bearer(admin)).send({
    kind: 'conference', title: o.title ?? 'Hội nghị đánh giá kết quả ứng dụng CNTT Quý I', format: 'in_person', hostOrganizationId: orgId,
    venueName: `Hội trường ${randomUUID().slice(0, 8)}`, sessions: o.sessions.map(([startsAt, endsAt]) => ({ startsAt, endsAt })),
  }).expect(201);
  const eventId: string = res.body.id;
  const sessionIds: string[] = res.body.sessions.map((s: { id: string }) => s.id);
  await ctx.http().post(`/api/events/${eventId}/publish`).set(bearer(admin)).expect(200);
  const people = [];
  for (let i = 0; i < o.people; i++) people.push(await f.person(orgId, { fullName: `Đại biểu ${i + 1}` }));
  const added = await ctx.http().post(`/api/events/${eventId}/participants`).set(bearer(admin)).send({ participants: people.map((p) => ({ personId: p.id, role: 'delegate' })) }).expect(201);
  const participantIds: string[] = added.body.map((p: { id: string }) => p.id);
  const links = ctx.app.get(InvitationLinks);
  return {
    orgId, eventId, sessionIds, people, participantIds,
    rsvpToken: (pid: string) => links.issue('rsvp', pid),
    qrToken: (pid: string) => links.issue('checkin', pid),
    openWindow: (sessionId: string, extra: Record<string, number> = {}) => ctx.http().put(`/api/events/${eventId}/attendance/window`).set(bearer(admin)).send({ sessionId, ...extra }).expect(200),
    hallCode: async (sessionId: string) => (await ctx.http().get(`/api/events/${eventId}/attendance/code?sessionId=${sessionId}`).set(bearer(admin)).expect(200)).body.code as string,
    byCode: (pid: string, body: Record<string, unknown>) => ctx.http().post(`/api/rsvp/${links.issue('rsvp', pid)}/checkin`).send({ nonce: nonce(), ...body }),
    roster: async (sessionId: string) => (await ctx.http().get(`/api/events/${eventId}/attendance?sessionId=${sessionId}`).set(bearer(admin)).expect(200)).body,
    refusals: async () => (await ctx.http().get(`/api/events/${eventId}/attendance/refusals?limit=200`).set(bearer(admin)).expect(200)).body,
  };
}

export const clockOf = (ctx: TestContext) => ctx.app.get(Clock);

/** Rows of the attendance table for a participant (straight from the database: "no 2xx without a row"). */
export function rowsOf(ctx: TestContext, participantId: string): Promise<{ status: string; nonce: string | null; recorded_at: Date; method: string }[]> {
  return ctx.app.get(DataSource).query('SELECT status, nonce, recorded_at, method FROM attendance_records WHERE participant_id = $1', [participantId]);
}
