import ICAL from 'ical.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  raw: string;
  parsed: ParsedMail;
  /** The text/calendar part as sent (folded), and its Content-Type header. */
  calendar: { raw: string; contentType: string } | null;
}

/**
 * A real SMTP server in the test process (the `smtp-server` package): it accepts every message and
 * keeps it, or — while `failNext` > 0 — rejects messages with a 451 as a busy relay would.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  failNext = 0;
  /** A slow server: each message is taken (and recorded) this long after its data arrived. */
  delayMs = 0;
  /** Recipients of messages whose data has arrived and that the (slow) server has not taken yet. */
  readonly inFlight: string[] = [];
  /**
   * While true, a message whose data has arrived is not answered (it stays in `inFlight`) until
   * `release()`: the sender has it in flight for exactly as long as a test needs.
   */
  holding = false;
  private held: (() => void)[] = [];
  private server!: SMTPServer;
  private waiters: { n: number; resolve: () => void }[] = [];
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.failNext > 0) {
            this.failNext--;
            const err = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
            err.responseCode = 451;
            return cb(err);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          this.inFlight.push(to);
          const take = () =>
            void simpleParser(raw).then((parsed) => {
              this.inFlight.splice(this.inFlight.indexOf(to), 1);
              this.messages.push({ to, raw, parsed, calendar: calendarPart(raw) });
              this.notify();
              cb();
            });
          if (this.holding) this.held.push(take);
          else if (this.delayMs > 0) setTimeout(take, this.delayMs);
          else take();
        });
      },
    });
    // A client that dies mid-session (a worker killed by a test) resets its connection; that is the
    // client's fault, not the sink's, and must not surface as an uncaught 'error' event.
    this.server.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') throw e;
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `n` messages in all have arrived (rejects after `ms`). */
  waitFor(n: number, ms = 30_000): Promise<void> {
    if (this.messages.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`expected ${n} messages, got ${this.messages.length} after ${ms} ms`)), ms);
      this.waiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
    });
  }

  /** Stops holding and takes every message held so far. */
  release() {
    this.holding = false;
    for (const take of this.held.splice(0)) take();
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to === address);
  }

  clear() {
    this.messages.length = 0;
  }

  private notify() {
    this.waiters = this.waiters.filter((w) => (this.messages.length >= w.n ? (w.resolve(), false) : true));
  }

  stop(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The text/calendar MIME part of a raw message, decoded from its transfer encoding, as the client sees it. */
function calendarPart(raw: string): { raw: string; contentType: string } | null {
  const m = /Content-Type: (text\/calendar;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*)\r\n((?:[^\r\n]+\r\n)*)\r\n([\s\S]*?)\r\n--/i.exec(raw);
  if (!m) return null;
  const contentType = m[1].replace(/\r\n[ \t]+/g, ' ');
  const headers = m[2];
  let body = m[3];
  if (/Content-Transfer-Encoding: base64/i.test(headers)) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return { raw: body, contentType };
}

/** What the tests read of an ical.js component: values loosely typed, as assertions check them anyway. */
export interface Component {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getFirstPropertyValue(name: string): any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getFirstProperty(name: string): any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getAllProperties(name: string): any[];
}

/** Parses an iCalendar text with ical.js (Thunderbird's parser) and returns the calendar and its VEVENTs. */
export function parseCalendar(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent') as unknown as Component[];
  return { cal, method: cal.getFirstPropertyValue('method') as string | null, events, first: events[0] };
}
