import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { translator } from '../common/i18n/i18n';
import { renderDocument } from '../common/html/blocks';
import { Clock } from '../common/time/clock';
import type { AppConfig } from '../config/env';
import { declareJobKind } from '../jobs/job-types';
import { JobsService } from '../jobs/jobs.service';
import { MailService } from '../mail/mail.service';
import { hashPassword } from './password';
import { resetMailMessages } from './password-reset-messages';
import { ResetTokens } from './reset-token';
import { User } from './user.entity';

export const PASSWORD_RESET_JOB = 'accounts.password-reset';
export interface PasswordResetJob {
  userId: string;
  /** When the request was made (ms): the link expires RESET_TTL_MINUTES after it. */
  requestedAt: number;
}
declare module '../jobs/job-types' {
  interface JobPayloads {
    'accounts.password-reset': PasswordResetJob;
  }
}
declareJobKind(PASSWORD_RESET_JOB);

export const RESET_TTL_MINUTES = 60;

/**
 * "Forgot password": a request mails a one-time link (through the outbox, so a down SMTP server
 * only delays it); the link sets a new password and raises the token version, which ends every
 * session and bearer token of the account. The answer to a request never says whether the
 * address has an account. The mail job carries no token: the handler makes the link when it sends.
 */
@Injectable()
export class PasswordResetService implements OnModuleInit {
  private readonly tokens: ResetTokens;
  private readonly base: string;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
    private readonly jobs: JobsService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {
    this.tokens = new ResetTokens(config.get('jwtSecret', { infer: true }));
    this.base = config.get('publicBaseUrl', { infer: true });
  }

  onModuleInit() {
    this.jobs.define({ kind: PASSWORD_RESET_JOB, queue: 'mail', attempts: 5, backoffMs: 5000, run: (job) => this.send(job), describe: (job) => `user ${job.userId}` });
  }

  /** Queues the mail when the address belongs to an active account; says nothing either way. At most one mail a minute per account. */
  async request(email: string): Promise<void> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase(), active: true } });
    if (!user) return;
    const now = this.clock.now().getTime();
    await this.jobs.enqueue([{ kind: PASSWORD_RESET_JOB, payload: { userId: user.id, requestedAt: now }, dedupeKey: `password-reset:${user.id}:${Math.floor(now / 60_000)}` }]);
  }

  /** The account a link is for, while it is valid (not expired, not used, the account active). */
  async check(token: string): Promise<{ userId: string; email: string } | null> {
    const parsed = this.tokens.parse(token);
    if (!parsed || parsed.exp * 1000 <= this.clock.now().getTime()) return null;
    const user = await this.users.findOne({ where: { id: parsed.userId, active: true } });
    return user && parsed.check(user.tokenVersion) ? { userId: user.id, email: user.email } : null;
  }

  /** Sets the new password when the link is valid; false otherwise. Raising the version uses the link up and ends every session. */
  async reset(token: string, password: string): Promise<boolean> {
    const account = await this.check(token);
    if (!account) return false;
    const user = await this.users.findOneOrFail({ where: { id: account.userId } });
    // Only at the version the link was made for: two uses racing, one wins.
    const { affected } = await this.users.update({ id: user.id, tokenVersion: user.tokenVersion }, { passwordHash: await hashPassword(password), tokenVersion: () => 'token_version + 1' });
    return !!affected;
  }

  private async send(job: PasswordResetJob): Promise<void> {
    const user = await this.users.findOne({ where: { id: job.userId, active: true } });
    if (!user) return;
    const expiresAt = new Date(job.requestedAt + RESET_TTL_MINUTES * 60_000);
    if (expiresAt.getTime() <= this.clock.now().getTime()) return;
    const link = `${this.base}/reset-password/${this.tokens.issue(user.id, user.tokenVersion, expiresAt)}`;
    const t = translator(resetMailMessages, 'vi');
    const doc = renderDocument({
      locale: 'vi',
      subject: t('subject'),
      host: 'hoinghi',
      blocks: [
        { kind: 'p', text: t('greeting', { name: user.displayName }) },
        { kind: 'p', text: t('intro', { email: user.email, minutes: RESET_TTL_MINUTES }) },
        { kind: 'actions', buttons: [{ label: t('button'), href: link, color: '#1d4ed8' }], links: [] },
        { kind: 'p', text: t('ignore') },
      ],
      footer: t('footer'),
    });
    await this.mail.send({ to: { name: user.displayName, address: user.email }, subject: doc.subject, text: doc.text, html: doc.html });
  }
}
