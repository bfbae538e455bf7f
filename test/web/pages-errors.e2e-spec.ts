import { Logger } from '@nestjs/common';
import { NominationsService } from '../../src/invitations/public/nominations.service';
import { RsvpService } from '../../src/invitations/public/rsvp.service';
import { startTestApp, type TestContext } from '../support/app';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** A failure of ours behind a public page: logged with its stack, answered with the 500 HTML page — never a 400, never JSON. */
describe('public pages on a server error', () => {
  let ctx: TestContext;
  let logged: jest.SpyInstance;

  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const expectSystemErrorPage = (res: { status: number; headers: Record<string, string>; text: string }, text: string) => {
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text.startsWith('<!doctype html>')).toBe(true);
    expect(res.text).toContain(text);
    expect(res.text).not.toMatch(/boom|stack|at \w+ \(|<form/);
  };
  const expectLogged = (route: string) => {
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`${route} failed`), expect.stringContaining('Error: boom'));
    expect(JSON.stringify(logged.mock.calls)).not.toContain(TOKEN);
  };

  it('answers an RSVP whose saving throws a plain Error with 500 and the "try again later" page, and logs the stack', async () => {
    jest.spyOn(ctx.app.get(RsvpService), 'answer').mockRejectedValueOnce(new Error('boom'));
    const res = await ctx.http().post(`/rsvp/${TOKEN}`).type('form').send({ answer: 'accepted' });
    expectSystemErrorPage(res, '<h1>Hệ thống đang gặp sự cố</h1>');
    expect(res.text).toContain('Vui lòng thử lại sau ít phút.');
    expectLogged('POST /rsvp/:token');
  });

  it('does the same for a nomination, in English when asked', async () => {
    jest.spyOn(ctx.app.get(NominationsService), 'nominate').mockRejectedValueOnce(new Error('boom'));
    const res = await ctx.http().post(`/nominate/${TOKEN}?lang=en`).type('form').send({ fullName: 'Vàng A Dình', email: 'dinh.va@batxat.gov.vn' });
    expectSystemErrorPage(res, '<h1>Something went wrong</h1>');
    expectLogged('POST /nominate/:token');
  });

  it('does the same when showing the page fails', async () => {
    jest.spyOn(ctx.app.get(RsvpService), 'view').mockRejectedValueOnce(new Error('boom'));
    const res = await ctx.http().get(`/rsvp/${TOKEN}`);
    expectSystemErrorPage(res, '<h1>Hệ thống đang gặp sự cố</h1>');
    expectLogged('GET /rsvp/:token');
  });

  it('still answers an unknown link with the 404 page, logging nothing', async () => {
    const res = await ctx.http().post(`/rsvp/${TOKEN}`).type('form').send({ answer: 'accepted' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<h1>Đường dẫn không hợp lệ</h1>');
    expect(logged).not.toHaveBeenCalled();
  });
});
