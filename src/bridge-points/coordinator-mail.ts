import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { renderDocument } from '../common/html/blocks';
import { defineCatalog, translator } from '../common/i18n/i18n';
import { formatLocal } from '../common/time/time';
import type { AppConfig } from '../config/env';
import { EventsService } from '../events/events.service';
import { eventDetailRows } from '../invitations/content/mail-content';
import { InvitationLinks } from '../invitations/public/links';
import { declareJobKind } from '../jobs/job-types';
import { JobsService } from '../jobs/jobs.service';
import { MailService } from '../mail/mail.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { BridgePointsRepository } from './bridge-points.repository';

/** A point's coordinator link to its technical contact: { pointId }. */
export const COORDINATOR_LINK_JOB = 'bridge-points.coordinator-link';
export interface CoordinatorLinkJob {
  pointId: string;
}
declare module '../jobs/job-types' {
  interface JobPayloads {
    'bridge-points.coordinator-link': CoordinatorLinkJob;
  }
}
declareJobKind(COORDINATOR_LINK_JOB);

const linkMessages = defineCatalog(
  {
    subject: 'Điều phối điểm cầu {point} – {title}',
    greeting: 'Kính gửi đồng chí {name},',
    intro: 'Đồng chí là cán bộ kỹ thuật của điểm cầu {point} trong {title}. Đề nghị đồng chí chuẩn bị phòng họp, thiết bị và chạy thử (âm thanh, hình ảnh, đường truyền) theo lịch dưới đây; có mặt tại điểm cầu ít nhất 60 phút trước giờ khai mạc.',
    rehearsal: 'Lịch chạy thử: {time}',
    link: 'Trang điều phối của điểm cầu (báo cáo kết quả chạy thử, tình trạng kết nối, sự cố và số người dự):',
    button: 'Mở trang điều phối',
    private: 'Đường dẫn này dành riêng cho điểm cầu của đồng chí, có hiệu lực đến hết ngày sau hội nghị; xin không chia sẻ.',
    footer: 'Thư tự động của hệ thống quản lý hội nghị.',
  },
  {
    subject: 'Bridge point coordination {point} – {title}',
    greeting: 'Dear {name},',
    intro: 'You are the technician of the bridge point {point} of {title}. Please prepare the room and equipment and run the test session (sound, picture, link) as scheduled below; be at the point at least 60 minutes before the start.',
    rehearsal: 'Rehearsal: {time}',
    link: "The point's coordination page (rehearsal result, connection, incidents and headcount):",
    button: 'Open the coordination page',
    private: 'This link is for your point only and works until the day after the conference; please do not share it.',
    footer: 'Automatic message of the conference system.',
  },
);

/**
 * Mails a point's coordinator link to its technical contact (`POST …/bridge-points/send-links`):
 * the point with its join details and passcode, the rehearsal time, and the `/bridge/{token}` page.
 * Rendered when it runs, from the point as it is then; a point gone or without a contact sends nothing.
 */
@Injectable()
export class CoordinatorMail implements OnModuleInit {
  private readonly base: string;

  constructor(
    private readonly links: InvitationLinks,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
    private readonly repo: BridgePointsRepository,
    private readonly jobs: JobsService,
    private readonly events: EventsService,
    private readonly organizations: OrganizationsService,
    private readonly mail: MailService,
  ) {
    this.base = config.get('publicBaseUrl', { infer: true });
  }

  /** The coordinator's page of a point (`/bridge/{token}`): one link per point, nothing stored. */
  url(pointId: string): string {
    return `${this.base}/bridge/${this.links.issue('bridge', pointId)}`;
  }

  onModuleInit() {
    this.jobs.define({ kind: COORDINATOR_LINK_JOB, queue: 'mail', attempts: 5, backoffMs: 5000, run: (job) => this.send(job.pointId), describe: (job) => `bridge point ${job.pointId}` });
  }

  private async send(pointId: string): Promise<void> {
    const p = await this.repo.point(pointId);
    if (!p?.contactEmail) return;
    const [event] = await this.events.viewsByIds([p.eventId]);
    if (!event || event.status === 'cancelled') return;
    const t = translator(linkMessages, 'vi');
    const point = `${p.roomName} – ${p.hostOrganizationName}`;
    const hostName = (await this.organizations.namesByIds([event.hostOrganizationId])).get(event.hostOrganizationId) ?? '';
    const details = eventDetailRows('vi', {
      title: event.title,
      kind: event.kind,
      format: event.format,
      sessions: (event.sessions ?? []).map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), title: s.title })),
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      onlineUrl: event.onlineUrl,
      hostName,
      organizerContact: { name: hostName, email: '' },
    }, { bridgePoint: { name: point, address: p.address, joinUrl: p.joinUrl, dialString: p.dialString, meetingId: p.meetingId, passcode: p.passcode } });
    const link = this.url(pointId);
    const doc = renderDocument({
      locale: 'vi',
      subject: t('subject', { point, title: event.title }),
      host: hostName,
      blocks: [
        { kind: 'p', text: t('greeting', { name: p.contactName ?? '' }) },
        { kind: 'p', text: t('intro', { point, title: event.title }) },
        { kind: 'details', rows: details },
        ...(p.rehearsalAt ? [{ kind: 'p' as const, text: t('rehearsal', { time: formatLocal(new Date(p.rehearsalAt)) }), strong: true }] : []),
        { kind: 'p', text: t('link') },
        { kind: 'actions', buttons: [{ label: t('button'), href: link, color: '#1d4ed8' }], links: [] },
        { kind: 'p', text: t('private') },
      ],
      footer: t('footer'),
    });
    await this.mail.send({ to: { name: p.contactName ?? '', address: p.contactEmail }, subject: doc.subject, text: doc.text, html: doc.html, headers: { 'X-Hoinghi-Bridge-Point': pointId } });
  }

  /** Writes one mail per point with a contact (in the caller's unit of work); returns how many, and the points without an address. */
  async enqueue(eventId: string, now: Date): Promise<{ queued: number; withoutContact: number }> {
    const points = await this.repo.points(eventId);
    const mailable = points.filter((p) => p.contactEmail);
    await this.jobs.enqueue(mailable.map((p) => ({ kind: COORDINATOR_LINK_JOB, payload: { pointId: p.id }, dedupeKey: `bridge-link:${p.id}:${now.getTime()}`, topic: `bridge:${eventId}` })));
    return { queued: mailable.length, withoutContact: points.length - mailable.length };
  }
}
