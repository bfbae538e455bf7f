import { DataSource } from 'typeorm';
import type { TestContext } from './app';
import { type Factories, startAdminApp } from './factories';
import { SmtpSink } from './smtp-sink';
import { until } from './until';

export { until };

/** A test app that mails to a real SMTP server of its own, with an administrator and the factories. */
export interface MailApp {
  ctx: TestContext;
  admin: string;
  f: Factories;
  sink: SmtpSink;
  db: DataSource;
  close(): Promise<void>;
}

export async function startMailApp(env: Record<string, string> = {}): Promise<MailApp> {
  const sink = await new SmtpSink().start();
  const { ctx, admin, f } = await startAdminApp({ SMTP_URL: sink.url, MAIL_BACKOFF_MS: '50', LOG_LEVEL: 'warn', ...env });
  return {
    ctx, admin, f, sink,
    db: ctx.app.get(DataSource),
    async close() {
      await ctx.close();
      await sink.stop();
    },
  };
}


/** Until no mail of the event, nor a change fan-out, is pending or on its way (a CANCEL waiting for a REQUEST included). */
export async function mailSettled(db: DataSource, eventId: string, ms = 30_000): Promise<void> {
  await until(async () => {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE (topic = $1 OR kind = 'events.changed') AND status IN ('pending', 'queued')`, [`mail:${eventId}`]);
    return n === 0;
  }, ms);
}
