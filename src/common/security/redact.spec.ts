import { redactUrl } from './redact';

describe('redactUrl', () => {
  const t = 'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
  it.each([
    [`/rsvp/${t}`, '/rsvp/***'],
    [`/rsvp/${t}?lang=en`, '/rsvp/***?lang=en'],
    [`/rsvp/${t}/event.ics`, '/rsvp/***/event.ics'],
    [`/api/rsvp/${t}`, '/api/rsvp/***'],
    [`/nominate/${t}`, '/nominate/***'],
    [`/api/nominate/${t}`, '/api/nominate/***'],
    [`/calendar/${t}.ics`, '/calendar/***.ics'],
    ['/api/events/42/participants', '/api/events/42/participants'],
    ['/health', '/health'],
  ])('%s → %s', (url, expected) => expect(redactUrl(url)).toBe(expected));
});
