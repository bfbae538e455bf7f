import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { InvitationLinks } from '../../src/invitations/public/links';
import { startTestApp, type TestContext } from '../support/app';

describe('request logs', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  beforeAll(async () => (ctx = await startTestApp({ LOG_LEVEL: 'info' }, { logStream })));
  afterAll(() => ctx.close());

  it('contain no token of an RSVP, nomination or calendar-feed link (the path shows ***)', async () => {
    const links = ctx.app.get(InvitationLinks);
    const rsvp = links.issue('rsvp', randomUUID());
    const nominate = links.issue('nominate', randomUUID());
    const feed = links.issue('feed', randomUUID());
    const requests = [
      ctx.http().get(`/rsvp/${rsvp}`),
      ctx.http().get(`/api/rsvp/${rsvp}`),
      ctx.http().post(`/rsvp/${rsvp}`).type('form').send({ answer: 'accepted' }),
      ctx.http().post(`/api/rsvp/${rsvp}`).send({ answer: 'accepted' }),
      ctx.http().get(`/rsvp/${rsvp}/event.ics`),
      ctx.http().get(`/api/nominate/${nominate}`),
      ctx.http().get(`/nominate/${nominate}?lang=en`),
      ctx.http().get(`/calendar/${feed}.ics`),
    ];
    for (const [i, r] of requests.entries()) await r.set('x-request-id', `redact-${i}`);
    await new Promise((r) => setTimeout(r, 100));
    const ours = lines.filter((l) => /"redact-\d"/.test(l));
    expect(new Set(ours.map((l) => JSON.parse(l).req?.id)).size).toBe(requests.length);
    for (const line of ours) {
      for (const t of [rsvp, nominate, feed, ...[rsvp, nominate, feed].flatMap((x) => x.split('.'))]) expect(line).not.toContain(t);
    }
    const urls = ours.map((l) => JSON.parse(l).req.url);
    expect(urls).toEqual(expect.arrayContaining(['/rsvp/***', '/api/rsvp/***', '/rsvp/***/event.ics', '/nominate/***?lang=en', '/calendar/***.ics']));
  });
});
