import { createHash } from 'node:crypto';
import { arrivalStatus, codeAccepted, currentSession, type CodeCheckInFacts, DEFAULT_WINDOW, HALL_CODE_SQL, hallCode, inWindow, intervalOf, isLocked, refusalOf, THROTTLE, windowOf } from './checkin-rules';

const at = (s: string) => new Date(`${s}+07:00`);
const session = { id: '00000000-0000-4000-8000-000000000001', startsAt: at('2015-04-10T14:00:00'), endsAt: at('2015-04-10T17:00:00') };
const key = 'a3f1c2d4e5b6a7980112233445566778';

describe('check-in window', () => {
  it('opens 30 minutes before the start and closes 30 minutes after it by default', () => {
    expect(windowOf(session, DEFAULT_WINDOW)).toEqual({ opensAt: at('2015-04-10T13:30:00'), closesAt: at('2015-04-10T14:30:00') });
    expect(inWindow(session, DEFAULT_WINDOW, at('2015-04-10T13:29:59'))).toBe(false);
    expect(inWindow(session, DEFAULT_WINDOW, at('2015-04-10T13:30:00'))).toBe(true);
    expect(inWindow(session, DEFAULT_WINDOW, at('2015-04-10T14:30:00'))).toBe(true);
    expect(inWindow(session, DEFAULT_WINDOW, at('2015-04-10T14:30:01'))).toBe(false);
  });

  it('follows the minutes the organizer chose', () => {
    expect(inWindow(session, { opensBeforeMinutes: 60, closesAfterMinutes: 0 }, at('2015-04-10T13:00:00'))).toBe(true);
    expect(inWindow(session, { opensBeforeMinutes: 60, closesAfterMinutes: 0 }, at('2015-04-10T14:00:01'))).toBe(false);
  });

  it('calls an arrival late only past the grace after the start', () => {
    expect(arrivalStatus(session, 15, at('2015-04-10T14:15:00'))).toBe('present');
    expect(arrivalStatus(session, 15, at('2015-04-10T14:15:01'))).toBe('late');
  });

  it('finds the running session, or the next one about to start', () => {
    const morning = { id: 'a', startsAt: at('2013-12-02T08:00:00'), endsAt: at('2013-12-02T11:30:00') };
    const afternoon = { id: 'b', startsAt: at('2013-12-02T14:00:00'), endsAt: at('2013-12-02T17:00:00') };
    expect(currentSession([afternoon, morning], at('2013-12-02T07:45:00'))?.id).toBe('a');
    expect(currentSession([afternoon, morning], at('2013-12-02T11:00:00'))?.id).toBe('a');
    expect(currentSession([afternoon, morning], at('2013-12-02T12:00:00'))).toBeNull();
    expect(currentSession([afternoon, morning], at('2013-12-02T13:31:00'))?.id).toBe('b');
  });
});

describe('rotating hall code', () => {
  const t0 = at('2015-04-10T14:00:30').getTime();
  const k = intervalOf(t0, 60);

  it('is six digits, differs between intervals and between windows (secrets)', () => {
    expect(hallCode(key, k)).toMatch(/^\d{6}$/);
    expect(hallCode(key, k)).not.toBe(hallCode(key, k + 1));
    expect(hallCode(key, k)).not.toBe(hallCode('0123456789abcdef0123456789abcdef', k));
  });

  it('is the first 32 bits of md5(secret:interval) modulo a million, as the SQL twin computes it', () => {
    const first32 = parseInt(createHash('md5').update(`${key}:1`).digest('hex').slice(0, 8), 16);
    expect(hallCode(key, 1)).toBe(String(first32 % 1_000_000).padStart(6, '0'));
    expect(HALL_CODE_SQL('w.code_secret', 'k')).toContain("md5(w.code_secret || ':' || (k)::text)");
  });

  it('accepts the current and the previous interval, refuses two intervals old and the next one', () => {
    expect(codeAccepted(key, hallCode(key, k), t0, 60)).toBe(true);
    expect(codeAccepted(key, hallCode(key, k - 1), t0, 60)).toBe(true);
    expect(codeAccepted(key, hallCode(key, k - 2), t0, 60)).toBe(false);
    expect(codeAccepted(key, hallCode(key, k + 1), t0, 60)).toBe(false);
  });
});

describe('refusals', () => {
  const ok: CodeCheckInFacts = {
    participantStatus: 'accepted', participantKind: 'person', eventStatus: 'in_progress', eventEndsAt: session.endsAt, session,
    foreignSession: false, window: DEFAULT_WINDOW, recentBadCodes: 0, existing: null, codeOk: true,
  };
  const now = at('2015-04-10T14:05:00');

  it.each([
    ['nothing wrong', null, {}],
    ['a removed participant', 'not_invited', { participantStatus: 'removed' }],
    ['an agency', 'not_invited', { participantKind: 'agency' }],
    ['a cancelled event', 'token_expired', { eventStatus: 'cancelled' }],
    ['an event that has ended', 'token_expired', { eventEndsAt: at('2015-04-10T14:00:00') }],
    ['a session of another event', 'wrong_session', { foreignSession: true }],
    ['no window opened', 'outside_window', { window: null }],
    ['no current session', 'outside_window', { session: null }],
    ['too many wrong codes', 'throttled', { recentBadCodes: THROTTLE.maxBadCodes, codeOk: false }],
    ['a wrong code', 'bad_code', { codeOk: false }],
    ['a row already there', 'already_checked_in', { existing: { status: 'present', nonce: 'x' } }],
    ['an absent mark made before arrival', null, { existing: { status: 'absent', nonce: null } }],
  ] as const)('%s → %s', (_name, reason, patch) => {
    expect(refusalOf({ ...ok, ...patch } as CodeCheckInFacts, now)).toBe(reason);
  });

  it('is outside the window before it opens', () => {
    expect(refusalOf(ok, at('2015-04-10T13:00:00'))).toBe('outside_window');
  });
});

describe('lock', () => {
  const event = { status: 'completed', endsAt: session.endsAt };
  it('locks N days after a completed event ends, never an event still running', () => {
    expect(isLocked(event, 7, at('2015-04-17T16:59:59'))).toBe(false);
    expect(isLocked(event, 7, at('2015-04-17T17:00:00'))).toBe(true);
    expect(isLocked({ ...event, status: 'in_progress' }, 7, at('2016-01-01T00:00:00'))).toBe(false);
  });
});
