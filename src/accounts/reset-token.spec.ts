import { ResetTokens } from './reset-token';

describe('password-reset tokens', () => {
  const tokens = new ResetTokens('a-secret-that-is-long-enough-for-tests-000');
  const id = '7f3c1a2b-0000-4000-8000-00000000abcd';
  const exp = new Date('2031-01-01T00:00:00Z');

  it('names the user and expiry, and holds only at the version it was issued for', () => {
    const parsed = tokens.parse(tokens.issue(id, 3, exp))!;
    expect(parsed.userId).toBe(id);
    expect(parsed.exp).toBe(exp.getTime() / 1000);
    expect(parsed.check(3)).toBe(true);
    expect(parsed.check(4)).toBe(false);
  });

  it('refuses a changed expiry, another secret and malformed text', () => {
    const token = tokens.issue(id, 0, exp);
    const [u, e, mac] = token.split('.');
    expect(tokens.parse(`${u}.${Number(e) + 3600}.${mac}`)!.check(0)).toBe(false);
    expect(new ResetTokens('another-secret-that-is-long-enough-000000').parse(token)!.check(0)).toBe(false);
    for (const bad of ['', 'x.y.z', `${u}.${e}`, `${u}.${e}.${mac}x`, `${u.toUpperCase()}.${e}.${mac}`]) expect(tokens.parse(bad)).toBeNull();
  });
});
