import { Injectable } from '@nestjs/common';
import type { Locale } from '../../common/i18n/i18n';
import { Clock } from '../../common/time/clock';
import type { EventFormat } from '../../events/event.entity';
import type { EventChangeSignal } from '../../events/signals';
import type { OutgoingMail } from '../../mail/mail.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import { type EntryRef, ParticipantCalendar } from '../calendar/participant-calendar';
import { qrPng } from '../../common/qr/qr-code';
import { CHECKIN_QR_CID, type EventChange, type MailContent, renderMail } from '../content/mail-content';
import { InvitationContexts } from '../participants/invitation-context';
import { type MailJob, mailTopic } from '../participants/mail-job';
import { attendeeSequence, mailStillWanted } from '../participants/participant-lifecycle';
import { ParticipantsRepository } from '../participants/participants.repository';
import { InvitationLinks } from '../public/links';
import { RetryLater } from '../../jobs/job-types';
import { JobsService } from '../../jobs/jobs.service';

/** How soon a CANCEL looks again for an invitation still in flight to the same person. */
const CANCEL_WAIT_MS = 1000;

/** The events module's change signal as the update mail words it. */
function mailChanges(changes: EventChangeSignal[] = []): EventChange[] {
  return changes.map((c): EventChange => {
    switch (c.field) {
      case 'time':
        return { field: 'time', before: c.before.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), title: s.title })) };
      case 'venue':
        return { field: 'venue', before: c.before };
      case 'onlineUrl':
        return { field: 'onlineUrl', before: c.before };
      case 'format':
        return { field: 'format', before: c.before as EventFormat };
    }
  });
}

/**
 * Renders a mail job against the current state (participant, event, sessions, agenda) — never
 * from what the job was written with — and returns null when the job has become stale
 * (participant-lifecycle's `mailStillWanted`).
 */
@Injectable()
export class MailRenderer {
  constructor(
    private readonly contexts: InvitationContexts,
    private readonly repo: ParticipantsRepository,
    private readonly calendar: ParticipantCalendar,
    private readonly links: InvitationLinks,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
  ) {}

  /** The person behind a participant row (the original of a substitute). */
  private async personOf(participantId: string) {
    const [row] = await this.repo.byIds([participantId]);
    return row?.personId ? (await this.people.byIds([row.personId])).get(row.personId) : undefined;
  }

  async render(job: MailJob, locale: Locale = 'vi'): Promise<OutgoingMail | null> {
    const ctx = await this.contexts.get(job.participantId);
    if (!ctx) return null;
    // Retried and then shown to the organizer as the participant's delivery error.
    if (!ctx.recipient.email) throw new Error('No e-mail address for this participant (or the agency has no contact with one)');
    const { participant: p, event } = ctx;
    const entries = this.calendar.entries(event).length;
    if (!mailStillWanted(job.type, job, { participant: p, event, entries }, this.clock.now())) return null;
    const base = { locale, recipient: { name: ctx.recipient.name, title: ctx.recipient.title }, event: ctx.mailEvent };
    const bridgePoint = ctx.site;
    /** A further calendar entry (k ≥ 2): its own short mail. */
    const further = job.session !== undefined && job.session > 1 ? job.session : undefined;
    let content: MailContent;
    let calendar: OutgoingMail['calendar'];
    switch (job.type) {
      case 'request': {
        const common = { ...base, role: p.role, links: this.links.rsvp(p.id), bridgePoint };
        const original = p.delegatedFromId ? await this.personOf(p.delegatedFromId) : undefined;
        const text = this.calendar.forParticipant('REQUEST', ctx, { sequence: attendeeSequence(event.sequence, p.sequenceBump), delegation: { from: original?.email }, entry: further ?? 1 });
        if (!text) return null;
        if (further) {
          const session = this.calendar.entries(event)[further - 1].sessions[0];
          content = renderMail({ type: 'sessionEntry', ...base, action: 'request', position: further, count: entries, session, role: p.role, links: common.links });
        } else {
          // A participant added after the first send, or taking back a delegation, gets an invitation, not an "update".
          const firstMail = p.invitedAt === null || job.fresh === true;
          if (firstMail && original) {
            content = renderMail({ type: 'substituteInvitation', ...common, delegatedBy: { name: original.fullName, title: original.title } });
          } else {
            const changes: EventChange[] = [...mailChanges(job.changes), ...(job.siteBefore !== undefined ? [{ field: 'bridgePoint' as const, before: job.siteBefore }] : [])];
            content = renderMail(firstMail ? { type: 'invitation', ...common } : { type: 'update', ...common, changes });
          }
        }
        calendar = { method: 'REQUEST', content: text };
        break;
      }
      case 'cancel': {
        // Never crossing an invitation still on its way to them: this CANCEL goes after it.
        if (await this.jobs.hasOpen(mailTopic(p.eventId), `${p.kind === 'agency' ? 'nomination' : 'request'}:${p.id}:`)) {
          throw new RetryLater(CANCEL_WAIT_MS, 'waiting for an invitation to this participant that is still on its way');
        }
        // Read again after that wait: the context was read before it, and an invitation that finished
        // in between (its job done, its `invited_at` written) must still be taken back.
        const [fresh] = await this.repo.byIds([p.id]);
        if (!fresh?.invitedAt) return null; // nothing reached them: nothing to take back
        const scope = event.status === 'cancelled' ? 'event' : 'participant';
        // A further entry the event no longer has is cancelled as the attendee had it.
        const entry: EntryRef | null = !further ? 1 : further <= entries ? further : job.had ? { position: further, count: job.had.count, session: sessionOf(job.had) } : null;
        if (entry === null) return null;
        if (typeof entry === 'number' && further) {
          const session = this.calendar.entries(event)[further - 1].sessions[0];
          content = renderMail({ type: 'sessionEntry', ...base, action: 'cancel', position: further, count: entries, session, dropped: job.dropped });
        } else if (typeof entry !== 'number') {
          content = renderMail({ type: 'sessionEntry', ...base, action: 'cancel', position: entry.position, count: entry.count, session: entry.session, dropped: job.dropped });
        } else {
          content = renderMail({ type: 'cancellation', ...base, scope, bridgePoint });
        }
        if (p.kind === 'person') {
          const substitute = p.status === 'delegated' ? await this.repo.activeSubstitute(p.id) : null;
          const to = substitute?.personId ? (await this.people.byIds([substitute.personId])).get(substitute.personId)?.email : undefined;
          const sequence = job.icsSequence ?? attendeeSequence(job.sequence, p.sequenceBump);
          const text = this.calendar.forParticipant('CANCEL', ctx, { sequence, delegation: { to }, entry });
          if (!text) return null;
          calendar = { method: 'CANCEL', content: text };
        }
        break;
      }
      case 'nomination': {
        content = renderMail({
          type: 'nominationRequest',
          ...base,
          agency: { name: (await this.organizations.namesByIds([p.organizationId!])).get(p.organizationId!) ?? '' },
          quota: p.quota ?? 1,
          nominatedCount: await this.repo.countNominated(p.id),
          links: { nominate: this.links.nominate(p.id) },
          changes: mailChanges(job.changes),
        });
        break;
      }
      case 'reminder': {
        content = renderMail({ type: 'reminder', ...base, role: p.role, links: this.links.rsvp(p.id), bridgePoint, answer: p.status as 'accepted' | 'tentative' });
        break;
      }
    }
    // The check-in QR code the invitation, its updates and the reminder show (attendance scans it).
    const links = job.type === 'request' || job.type === 'reminder' ? this.links.rsvp(p.id) : null;
    const inline = links?.checkin && content.html.includes(`cid:${CHECKIN_QR_CID}`)
      ? [{ cid: CHECKIN_QR_CID, filename: 'diem-danh-qr.png', contentType: 'image/png', content: qrPng(links.checkin) }]
      : undefined;
    return {
      to: { name: ctx.recipient.name, address: ctx.recipient.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      ...(calendar ? { calendar } : {}),
      references: `<${event.icalUid}>`,
      headers: { 'X-Hoinghi-Participant': p.id, 'X-Hoinghi-Event-Sequence': String(job.sequence), ...(further ? { 'X-Hoinghi-Session': String(further) } : {}) },
      ...(inline ? { inline } : {}),
    };
  }
}

function sessionOf(had: NonNullable<MailJob['had']>) {
  return { startsAt: new Date(had.startsAt), endsAt: new Date(had.endsAt), title: had.title };
}
