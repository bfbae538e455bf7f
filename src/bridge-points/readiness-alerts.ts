import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { renderDocument } from '../common/html/blocks';
import { defineCatalog, translator } from '../common/i18n/i18n';
import { formatLocal } from '../common/time/time';
import { Clock } from '../common/time/clock';
import type { AppConfig } from '../config/env';
import { AuditService } from '../events/audit.service';
import { EventsService } from '../events/events.service';
import { invitationsVisible } from '../events/lifecycle';
import { declareJobKind } from '../jobs/job-types';
import { JobsService } from '../jobs/jobs.service';
import { MailService } from '../mail/mail.service';
import { BridgePointsRepository } from './bridge-points.repository';
import { readinessCheckAt } from './readiness';

/** The T-60 check of an event's points: { eventId, startsAt } — the start it was written for. */
export const READINESS_CHECK_JOB = 'bridge-points.readiness-check';
export interface ReadinessCheckJob {
  eventId: string;
  startsAt: string;
}
declare module '../jobs/job-types' {
  interface JobPayloads {
    'bridge-points.readiness-check': ReadinessCheckJob;
  }
}
declareJobKind(READINESS_CHECK_JOB);

const alertMessages = defineCatalog(
  {
    subject: 'Cảnh báo: {count} điểm cầu chưa sẵn sàng – {title}',
    intro: '{title} bắt đầu lúc {start}. Còn {count}/{total} điểm cầu chưa ở trạng thái sẵn sàng:',
    heading: 'Điểm cầu chưa sẵn sàng',
    'readiness.untested': 'chưa kiểm tra',
    'readiness.rehearsed': 'đã chạy thử, chưa xác nhận sẵn sàng',
    'readiness.fault': 'đang có sự cố',
    line: '{point} – {state}{contact}',
    contact: ' (kỹ thuật: {name})',
    footer: 'Thư tự động của hệ thống quản lý hội nghị; gửi một lần, 60 phút trước giờ bắt đầu.',
  },
  {
    subject: 'Warning: {count} bridge points not ready – {title}',
    intro: '{title} starts at {start}. {count} of {total} bridge points are not ready:',
    heading: 'Bridge points not ready',
    'readiness.untested': 'not tested',
    'readiness.rehearsed': 'rehearsed, not confirmed ready',
    'readiness.fault': 'fault',
    line: '{point} – {state}{contact}',
    contact: ' (technician: {name})',
    footer: 'Automatic message of the conference system; sent once, 60 minutes before the start.',
  },
);

/**
 * From 60 minutes before an event's start, points that are not `ready` are flagged (computed on
 * read) and the organizer is mailed once: a delayed job per (event, start), synced whenever the
 * event moves, is published or cancelled, or its points change — a moved event's old job is
 * cancelled and a new one written. The organizer is whoever created the event (its audit trail), or
 * MAIL_FROM for events hoinghi created itself (the demo).
 */
@Injectable()
export class ReadinessAlerts implements OnModuleInit {
  constructor(
    private readonly repo: BridgePointsRepository,
    private readonly jobs: JobsService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onModuleInit() {
    this.jobs.define({
      kind: READINESS_CHECK_JOB,
      queue: 'mail',
      attempts: 5,
      backoffMs: 5000,
      run: (job) => this.check(job),
      describe: (job) => `event ${job.eventId}`,
    });
  }

  /** Makes the event's pending T-60 job match its current start and status (in the caller's unit of work). */
  async sync(eventId: string): Promise<void> {
    const [event] = await this.events.findByIds([eventId]);
    if (!event) return;
    const now = this.clock.now();
    const wanted = invitationsVisible(event.status) && event.status !== 'completed' && event.startsAt > now && (await this.repo.countByEvent(eventId)) > 0;
    const at = readinessCheckAt(event.startsAt);
    const desired = wanted
      ? [{ kind: READINESS_CHECK_JOB, payload: { eventId, startsAt: event.startsAt.toISOString() }, dedupeKey: `${keyPrefix(eventId)}${event.startsAt.getTime()}`, runAt: at > now ? at : now }]
      : [];
    await this.jobs.syncTopic(`bridge:${eventId}`, keyPrefix(eventId), desired, now);
  }

  private async check(job: ReadinessCheckJob): Promise<void> {
    const [event] = await this.events.findByIds([job.eventId]);
    // Stale: the event moved (its new job carries the new start), was cancelled or is over.
    if (!event || !invitationsVisible(event.status) || event.status === 'completed' || event.startsAt.toISOString() !== job.startsAt) return;
    const points = await this.repo.points(event.id);
    const notReady = points.filter((p) => p.readiness !== 'ready');
    if (notReady.length === 0) return;
    const t = translator(alertMessages, 'vi');
    const params = { title: event.title, start: formatLocal(event.startsAt), count: notReady.length, total: points.length };
    const doc = renderDocument({
      locale: 'vi',
      subject: t('subject', params),
      host: event.title,
      blocks: [
        { kind: 'p', text: t('intro', params) },
        {
          kind: 'notice',
          heading: t('heading'),
          items: notReady.map((p) =>
            t('line', {
              point: `${p.roomName} – ${p.hostOrganizationName}`,
              state: t(`readiness.${p.readiness as 'untested' | 'rehearsed' | 'fault'}`),
              contact: p.contactName ? t('contact', { name: p.contactName }) : '',
            }),
          ),
        },
      ],
      footer: t('footer'),
    });
    const to = await this.organizerOf(event.id);
    await this.mail.send({ to, subject: doc.subject, text: doc.text, html: doc.html, headers: { 'X-Hoinghi-Event': event.id, 'X-Hoinghi-Alert': 'bridge-points-not-ready' } });
  }

  private async organizerOf(eventId: string): Promise<{ name: string; address: string }> {
    const created = (await this.audit.forEvent(eventId)).find((e) => e.entityType === 'event' && e.action === 'created');
    const from = this.config.get('mailFrom', { infer: true });
    const email = created?.actorEmail && created.actorUserId ? created.actorEmail : from;
    return { name: email === from ? 'Ban tổ chức' : email, address: email };
  }
}

const keyPrefix = (eventId: string) => `bridge-readiness:${eventId}:`;
