import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Password-reset links: `<user id hex>.<expiry, unix seconds>.<mac>`, the MAC (HMAC-SHA-256, 192
 * bits) over the user id, the user's token version and the expiry, under a key derived from the
 * server secret. Nothing is stored: the link is valid until it expires or the user's token version
 * rises — which using it does (the new password raises the version), so a link works once, and a
 * password change or deactivation in between kills it too.
 */
export class ResetTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('hoinghi password reset v1').digest();
  }

  issue(userId: string, version: number, expiresAt: Date): string {
    const id = userId.replace(/-/g, '');
    const exp = Math.floor(expiresAt.getTime() / 1000);
    return `${id}.${exp}.${this.mac(id, version, exp).toString('base64url')}`;
  }

  /** The user id and expiry a well-formed token names (its MAC still to be checked against the user's version). */
  parse(token: string): { userId: string; exp: number; check(version: number): boolean } | null {
    const m = /^([0-9a-f]{32})\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
    if (!m) return null;
    const [, id, expText, macText] = m;
    const exp = Number(expText);
    const given = Buffer.from(macText, 'base64url');
    if (given.toString('base64url') !== macText) return null;
    const userId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    return { userId, exp, check: (version) => given.length === 24 && timingSafeEqual(given, this.mac(id, version, exp)) };
  }

  private mac(id: string, version: number, exp: number): Buffer {
    return createHmac('sha256', this.key).update(`${id}|${version}|${exp}`).digest().subarray(0, 24);
  }
}
