import { randomUUID } from 'node:crypto';
import { LinkTokens } from './tokens';

describe('LinkTokens', () => {
  const tokens = new LinkTokens('a-server-secret-that-is-long-enough-000000');
  const id = randomUUID();

  it('gives back the id it was issued for', () => {
    const t = tokens.issue('rsvp', id);
    expect(t).toMatch(/^[\w-]{22}\.[\w-]{32}$/);
    expect(tokens.verify('rsvp', t)).toBe(id);
  });

  it('rejects a token of another purpose, another secret, a changed id or a changed mac', () => {
    const t = tokens.issue('rsvp', id);
    expect(tokens.verify('feed', t)).toBeNull();
    expect(new LinkTokens('another-secret-that-is-long-enough-0000000').verify('rsvp', t)).toBeNull();
    const other = tokens.issue('rsvp', randomUUID());
    expect(tokens.verify('rsvp', `${other.split('.')[0]}.${t.split('.')[1]}`)).toBeNull();
    const flipped = t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A');
    expect(tokens.verify('rsvp', flipped)).toBeNull();
    expect(tokens.verify('rsvp', 'garbage')).toBeNull();
  });

  it('accepts only the canonical spelling of the id part (the 4 unused bits of its last character)', () => {
    const [idPart, mac] = tokens.issue('rsvp', id).split('.');
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = abc.indexOf(idPart[21]);
    const others = [...abc].filter((c, i) => i >> 4 === last >> 4 && c !== idPart[21]);
    expect(others).toHaveLength(15);
    for (const c of others) expect(tokens.verify('rsvp', `${idPart.slice(0, 21)}${c}.${mac}`)).toBeNull();
  });

  it('carries at least 128 bits an attacker must guess', () => {
    const mac = tokens.issue('rsvp', id).split('.')[1];
    expect(Buffer.from(mac, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });
});
