/**
 * The two helper processes of `npm run bench:invitations` (test/bench/invitations.ts), each started
 * as `node -r @swc-node/register test/bench/invitations-peers.ts <sink|baseline>` and driven over
 * the IPC channel. They load nothing of hoinghi, so their CPU and memory are their own:
 *
 * - `sink`: a minimal SMTP server (the `smtp-server` package) on 127.0.0.1 that accepts every
 *   message, counts it, its bytes and its recipients, and throws the body away. It tells the bench
 *   every `every` messages and when the `n`th message was accepted (250 sent back).
 * - `baseline`: plain nodemailer — one pooled SMTP transport with MailService's pool settings —
 *   sending the same pre-rendered message (only `to` differs) with a fixed number in flight.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** The nodemailer message the baseline sends (JSON-safe: strings only). */
export type BaselineMail = Record<string, unknown> & { to: { name: string; address: string } };

export type ToSink = { type: 'expect'; n: number; every: number } | { type: 'stats' } | { type: 'stop' };
export type FromSink =
  | { type: 'ready'; port: number }
  | { type: 'progress'; count: number }
  | { type: 'done'; count: number }
  | { type: 'stats'; count: number; recipients: number; bytes: number; cpuMs: number; sessions: number };

export type ToBaseline =
  | { type: 'prepare'; smtpUrl: string; pool: { maxConnections: number; maxMessages: number }; mail: BaselineMail }
  | { type: 'run'; recipients: { name: string; address: string }[]; concurrency: number }
  | { type: 'stop' };
export type FromBaseline = { type: 'ready' } | { type: 'finished'; sent: number; errors: string[]; cpuMs: number };

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const send = (m: FromSink | FromBaseline) => process.send!(m);

function sink() {
  let count = 0;
  let bytes = 0;
  let sessions = 0;
  let recipients = new Set<string>();
  let expect = Infinity;
  let every = Infinity;
  let cpu = process.cpuUsage();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onConnect: (_session, cb) => {
      sessions++;
      cb();
    },
    onData: (stream, session, cb) => {
      stream.on('data', (c: Buffer) => (bytes += c.length));
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) recipients.add(r.address);
        count++;
        cb();
        if (count === expect) send({ type: 'done', count });
        else if (count % every === 0) send({ type: 'progress', count });
      });
    },
  });
  server.on('error', (e) => process.stderr.write(`bench sink: ${e.message}\n`));
  process.on('message', (m: ToSink) => {
    if (m.type === 'expect') {
      count = 0;
      bytes = 0;
      sessions = 0;
      recipients = new Set();
      expect = m.n;
      every = m.every;
      cpu = process.cpuUsage();
    } else if (m.type === 'stats') {
      send({ type: 'stats', count, recipients: recipients.size, bytes, cpuMs: cpuMs(cpu), sessions });
    } else {
      server.close(() => process.exit(0));
    }
  });
  server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.server.address() as AddressInfo).port }));
}

function baseline() {
  let transport: Transporter | undefined;
  let mail: BaselineMail | undefined;
  process.on('message', (m: ToBaseline) => {
    if (m.type === 'prepare') {
      // MailService's transport: the same URL, pool size and per-connection message limit.
      transport = nodemailer.createTransport({ url: m.smtpUrl, pool: true, ...m.pool, connectionTimeout: 10_000, socketTimeout: 30_000 });
      mail = m.mail;
      send({ type: 'ready' });
    } else if (m.type === 'run') {
      void run(m.recipients, m.concurrency);
    } else {
      transport?.close();
      process.exit(0);
    }
  });
  async function run(to: { name: string; address: string }[], concurrency: number) {
    const cpu = process.cpuUsage();
    const errors: string[] = [];
    let next = 0;
    let sent = 0;
    const lane = async () => {
      while (next < to.length) {
        const i = next++;
        try {
          await transport!.sendMail({ ...mail!, to: to[i] });
          sent++;
        } catch (e) {
          if (errors.length < 5) errors.push((e as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    send({ type: 'finished', sent, errors, cpuMs: cpuMs(cpu) });
  }
}

process.on('disconnect', () => process.exit(0));
if (process.argv[2] === 'sink') sink();
else if (process.argv[2] === 'baseline') baseline();
else {
  process.stderr.write('usage: invitations-peers.ts sink|baseline (started by test/bench/invitations.ts)\n');
  process.exit(2);
}
