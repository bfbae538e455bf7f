import request from 'supertest';
import { bearer } from '../support/app';
import { type MailApp, startMailApp } from '../support/mail-app';

const tokenIn = (text: string, path: string) => new RegExp(`/${path}/([\\w-]{22}\\.[\\w-]{32})`).exec(text)![1];

/**
 * The visitor's explicit choice decides the language of the personal-link pages, not the browser's:
 * an official on an English Windows (Accept-Language: en) reads Vietnamese until they pick English,
 * and the pick is remembered (cookie) on the next pages, the nomination and coordinator pages included.
 */
describe('language of the public pages', () => {
  let m: MailApp;
  let rsvp: string;
  let nominate: string;
  beforeAll(async () => {
    m = await startMailApp();
    const org = await m.f.org({ name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });
    const district = await m.f.org({ name: 'UBND huyện Mèo Vạc', kind: 'district', level: 'district' });
    const official = await m.f.person(org.id, { fullName: 'Nguyễn Thị Thu' });
    const contact = await m.f.person(district.id, { fullName: 'Vàng A Dình' });
    const start = Date.parse('2031-10-01T01:00:00Z');
    const ev = await m.ctx.http().post('/api/events').set(bearer(m.admin)).send({
      kind: 'conference', title: 'Hội nghị giao ban CNTT', format: 'in_person', venueName: 'Hội trường tầng 2', hostOrganizationId: org.id,
      sessions: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString() }],
    }).expect(201);
    await m.ctx.http().post(`/api/events/${ev.body.id}/publish`).set(bearer(m.admin)).expect(200);
    await m.ctx.http().post(`/api/events/${ev.body.id}/participants`).set(bearer(m.admin)).send({ participants: [{ personId: official.id, role: 'delegate' }, { organizationId: district.id, role: 'delegate', quota: 1, contactPersonId: contact.id }] }).expect(201);
    await m.ctx.http().post(`/api/events/${ev.body.id}/invitations/send`).set(bearer(m.admin)).expect(202);
    await m.sink.waitFor(2);
    rsvp = tokenIn(m.sink.messages.find((x) => x.to === official.email)!.parsed.text!, 'rsvp');
    nominate = tokenIn(m.sink.messages.find((x) => x.to === contact.email)!.parsed.text!, 'nominate');
  });
  afterAll(() => m.close());

  it('answers an English browser in Vietnamese until the visitor picks English, then remembers the pick', async () => {
    const agent = request.agent(m.ctx.app.getHttpServer());
    const first = await agent.get(`/rsvp/${rsvp}`).set('accept-language', 'en-US,en;q=0.9').expect(200);
    expect(first.text).toContain('<html lang="vi">');
    expect(first.headers['set-cookie']).toBeUndefined();
    const picked = await agent.get(`/rsvp/${rsvp}?lang=en`).set('accept-language', 'vi').expect(200);
    expect(picked.text).toContain('<html lang="en">');
    expect(picked.headers['set-cookie']!.toString()).toMatch(/hoinghi_lang=en;.*HttpOnly/i);
    // Remembered: the next page without ?lang, whatever the browser sends, and the nomination page too.
    await agent.get(`/rsvp/${rsvp}`).set('accept-language', 'vi').expect(200).expect((r) => expect(r.text).toContain('<html lang="en">'));
    await agent.get(`/nominate/${nominate}`).expect(200).expect((r) => expect(r.text).toContain('<html lang="en">'));
    // A form posted from the English page answers in English.
    const saved = await agent.post(`/rsvp/${rsvp}`).type('form').send({ answer: 'accepted' }).expect(200);
    expect(saved.text).toContain('Recorded: you will attend. Thank you!');
    // Picking Vietnamese again is remembered the same way; an unknown link's page follows the choice too.
    await agent.get(`/rsvp/${rsvp}?lang=vi`).expect(200);
    const unknown = await agent.get('/rsvp/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').set('accept-language', 'en').expect(404);
    expect(unknown.text).toContain('<html lang="vi">');
  });

  it('ignores a language it does not have and keeps Vietnamese for a new browser', async () => {
    const res = await request(m.ctx.app.getHttpServer()).get(`/rsvp/${rsvp}?lang=fr`).set('accept-language', 'en').expect(200);
    expect(res.text).toContain('<html lang="vi">');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
