import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/env';

/** A message ready to send. `calendar` becomes a `text/calendar; method=…; charset=utf-8` alternative part (RFC 6047). */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
  /** Threads the messages about one event together in the recipient's mail program. */
  references?: string;
  headers?: Record<string, string>;
  /** Inline images the HTML shows by `cid:` (the check-in QR code). */
  inline?: { cid: string; filename: string; contentType: string; content: Buffer }[];
}

/** The SMTP pool every process keeps (connections, and messages per connection before it is renewed). */
export const SMTP_POOL = { maxConnections: 5, maxMessages: 500 } as const;

/** The nodemailer message for an OutgoingMail: the one mapping, also used by bench:invitations' baseline. */
export function toNodemailerMessage(mail: OutgoingMail, from: string) {
  return {
    from: { name: 'hoinghi', address: from },
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    textEncoding: 'quoted-printable' as const,
    ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: mail.calendar.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics' } } : {}),
    ...(mail.references ? { references: mail.references } : {}),
    ...(mail.inline?.length ? { attachments: mail.inline.map((a) => ({ cid: a.cid, filename: a.filename, contentType: a.contentType, content: a.content, contentDisposition: 'inline' as const })) } : {}),
    headers: { 'Auto-Submitted': 'auto-generated', ...(mail.headers ?? {}) },
  };
}

export interface EmlFile {
  file: string;
  size: number;
  at: string;
}

/**
 * The one place that decides how mail leaves: SMTP (pooled) when SMTP_URL is set, otherwise each
 * message is written as an `.eml` file under DATA_DIR/outbox so a new user can open a real
 * invitation in their own mail program.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly log = new Logger('mail');
  private readonly transport: Transporter;
  private readonly from: string;
  readonly emlDir: string | null;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    const smtpUrl = config.get('smtpUrl', { infer: true });
    this.from = config.get('mailFrom', { infer: true });
    this.emlDir = smtpUrl ? null : join(config.get('dataDir', { infer: true }), 'outbox');
    this.transport = smtpUrl
      ? nodemailer.createTransport({ url: smtpUrl, pool: true, ...SMTP_POOL, connectionTimeout: 10_000, socketTimeout: 30_000 })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  get describe(): string {
    return this.emlDir ? `.eml files in ${this.emlDir}` : 'SMTP';
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail(toNodemailerMessage(mail, this.from));
    if (this.emlDir) {
      await mkdir(this.emlDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      // Written under a temporary name first, so a reader never sees half a message.
      await writeFile(join(this.emlDir, `.${name}.tmp`), info.message as Buffer);
      await rename(join(this.emlDir, `.${name}.tmp`), join(this.emlDir, name));
    }
    return { messageId: info.messageId };
  }

  /** The `.eml` files written so far, newest first (development only; see DevOutboxController). */
  async listEml(): Promise<EmlFile[]> {
    if (!this.emlDir) return [];
    const names = (await readdir(this.emlDir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml') && !n.startsWith('.'));
    const files = await Promise.all(names.map(async (file) => ({ file, size: (await readFile(join(this.emlDir!, file))).length, at: file.slice(0, 24) })));
    return files.sort((a, b) => b.file.localeCompare(a.file));
  }

  async readEml(file: string): Promise<Buffer | null> {
    if (!this.emlDir || !/^[\w.-]+\.eml$/.test(file) || file.startsWith('.')) return null;
    return readFile(join(this.emlDir, file)).catch(() => null);
  }

  onModuleDestroy() {
    try {
      this.transport.close();
    } catch (e) {
      this.log.warn(`closing the mail transport: ${(e as Error).message}`);
    }
  }
}
