import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tokens of public links (RSVP, nomination, calendar feed, check-in QR): `<id>.<mac>`, where `id` is the row's
 * UUID in base64url and `mac` 192 bits of HMAC-SHA-256 over purpose and id under a key derived from
 * the server secret. Unguessable without the secret, bound to one row and one purpose, and nothing
 * secret is stored in the database (a leaked dump grants no access). Rotating JWT_SECRET revokes
 * every link at once; expiry is checked against the event at use.
 */
/** `bridge`: a bridge point's coordinator page; `checkin`: the personal QR code an organizer scans (attendance), `/checkin/<token>`; `training_roster`: a trainer's phone roster of one class (training), `/roster/<token>`, bound to the trainer's participant row; `certificate`: a certificate's printable page, `/certificates/<token>`. */
export type TokenPurpose = 'rsvp' | 'nominate' | 'feed' | 'bridge' | 'checkin' | 'training_roster' | 'certificate';

/** How many genuine tokens LinkTokens.verify remembers (insertion order; the oldest goes first). */
const VERIFIED_LINKS = 4096;

export class LinkTokens {
  private readonly key: Buffer;
  private readonly verified = new Map<string, string>();

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('hoinghi link tokens v1').digest();
  }

  issue(purpose: TokenPurpose, id: string): string {
    const raw = Buffer.from(id.replace(/-/g, ''), 'hex');
    return `${raw.toString('base64url')}.${this.mac(purpose, raw).toString('base64url')}`;
  }

  /**
   * The row id the token was issued for, or null when it is malformed or forged. A public POST checks
   * its link twice (LinkTokenGuard before the body's validation, then the service): the last
   * VERIFIED_LINKS genuine tokens are remembered, so the second check costs no HMAC.
   */
  verify(purpose: TokenPurpose, token: string): string | null {
    const key = `${purpose}:${token}`;
    const known = this.verified.get(key);
    if (known !== undefined) return known;
    const id = this.check(purpose, token);
    if (id !== null) {
      if (this.verified.size >= VERIFIED_LINKS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(key, id);
    }
    return id;
  }

  private check(purpose: TokenPurpose, token: string): string | null {
    const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/.exec(token);
    if (!m) return null;
    const raw = Buffer.from(m[1], 'base64url');
    const given = Buffer.from(m[2], 'base64url');
    // 22 base64url characters carry 132 bits for 128: the decoder ignores the last 4, so 16 spellings
    // decode to one id. Only the one this class issues is accepted (the MAC's 32 characters are exact).
    if (raw.toString('base64url') !== m[1] || given.toString('base64url') !== m[2]) return null;
    if (raw.length !== 16 || given.length !== 24 || !timingSafeEqual(given, this.mac(purpose, raw))) return null;
    const hex = raw.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(purpose: TokenPurpose, raw: Buffer): Buffer {
    return createHmac('sha256', this.key).update(purpose).update(raw).digest().subarray(0, 24);
  }
}
