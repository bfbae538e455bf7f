import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../../common/time/clock';
import type { AppConfig } from '../../config/env';
import { invitationsVisible } from '../../events/lifecycle';
import type { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import type { EventChangeSignal } from '../../events/signals';
import { JobsService } from '../../jobs/jobs.service';
import { PeopleService } from '../../people/people.service';
import { MAIL_JOB, type MailJob, mailTopic, reminderTopic } from './mail-job';
import { attendeeSequence } from './participant-lifecycle';
import { ParticipantsRepository } from './participants.repository';

export interface EnqueueCounts {
  invitations: number;
  nominations: number;
  noEmail: number;
}

/**
 * The outbox writers of invitations: REQUESTs, CANCELs, nomination requests and reminders, written
 * in the caller's unit of work (they never commit or wake the relay themselves). Every mail job is
 * keyed (participant, kind, round, event sequence), so no participant is mailed the same version
 * twice however often `send` is pressed or a job is retried. The handlers are in sending/.
 */
@Injectable()
export class InvitationOutbox {
  private readonly reminderOffsets: number[];

  constructor(
    private readonly repo: ParticipantsRepository,
    private readonly jobs: JobsService,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.reminderOffsets = config.get('reminderOffsetsMinutes', { infer: true });
  }

  /**
   * REQUESTs at the event's current sequence for these participants (persons) and nomination
   * requests for agencies; marks what was written as sent at this sequence. Returns the counts.
   */
  async invitations(event: Event, participantIds: string[], changes: EventChangeSignal[] = [], options: { fresh?: boolean } = {}): Promise<EnqueueCounts> {
    if (participantIds.length === 0) return { invitations: 0, nominations: 0, noEmail: 0 };
    const rows = await this.repo.recipients(participantIds);
    // An agency without a named contact is written to its leader (PeopleService owns that rule).
    const leaders = await this.people.leadersWithEmail(rows.flatMap((r) => (r.kind === 'agency' && !r.email && r.organizationId ? [r.organizationId] : [])));
    for (const r of rows) if (r.kind === 'agency' && !r.email && r.organizationId) r.email = leaders.get(r.organizationId)?.email ?? null;
    const mailable = rows.filter((r) => r.email);
    const seq = event.sequence;
    const written = await this.jobs.enqueue(
      mailable.map((r) => {
        const type = r.kind === 'agency' ? 'nomination' : 'request';
        const payload: MailJob = {
          participantId: r.id, type, round: r.round, sequence: seq,
          ...(changes.length ? { changes } : {}), ...(options.fresh && type === 'request' ? { fresh: true } : {}),
        };
        return { kind: MAIL_JOB, payload: { ...payload }, dedupeKey: `${type}:${r.id}:${r.round}:${seq}`, topic: mailTopic(event.id) };
      }),
    );
    await this.repo.markSent(mailable.map((r) => r.id), seq);
    // Counted from what the outbox took: a job that exists already (same participant, round, version) is not a new mail.
    const queued = new Set(written.map((w) => w.participantId));
    return {
      invitations: mailable.filter((r) => r.kind === 'person' && queued.has(r.id)).length,
      nominations: mailable.filter((r) => r.kind === 'agency' && queued.has(r.id)).length,
      noEmail: rows.length - mailable.length,
    };
  }

  /**
   * Invitations at the event's current version for participants who may have seen an older one,
   * each told what changed since the version they have (from the event's change history).
   */
  async updates(event: Event, participantIds: string[]): Promise<EnqueueCounts> {
    const total = { invitations: 0, nominations: 0, noEmail: 0 };
    if (participantIds.length === 0) return total;
    const groups = new Map<number | null, string[]>();
    for (const r of await this.repo.lastSent(participantIds)) groups.set(r.seen, [...(groups.get(r.seen) ?? []), r.id]);
    for (const [seen, ids] of groups) {
      const changes = seen === null ? [] : await this.events.changesSince(event.id, seen, event.sequence);
      const counts = await this.invitations(event, ids, changes);
      total.invitations += counts.invitations;
      total.nominations += counts.nominations;
      total.noEmail += counts.noEmail;
    }
    return total;
  }

  /**
   * METHOD:CANCEL for these participants: removed or passed on (`alone`: their own SEQUENCE rises, so
   * the CANCEL outranks the REQUEST they had), or the whole event cancelled (its SEQUENCE rose).
   */
  async cancels(event: Event, participantIds: string[], alone: boolean): Promise<void> {
    if (participantIds.length === 0) return;
    const rows = await this.repo.rounds(participantIds, alone);
    await this.jobs.enqueue(
      rows.map((r) => {
        const icsSequence = attendeeSequence(event.sequence, r.sequenceBump);
        return {
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'cancel', round: r.round, sequence: event.sequence, icsSequence },
          dedupeKey: `cancel:${r.id}:${r.round}:${icsSequence}`,
          topic: mailTopic(event.id),
        };
      }),
    );
  }

  /**
   * Reminders of accepted and tentative participants at each offset before the first session, for
   * the event as it is now: moved when the event moves, dropped when it is cancelled or the answer
   * changes. Only `participantIds` when given (one answer), else the whole event.
   */
  async syncReminders(event: Event, participantIds?: string[]): Promise<void> {
    const rows = invitationsVisible(event.status) ? await this.repo.reminded(event.id, participantIds) : [];
    const start = event.startsAt.getTime();
    const now = this.clock.now();
    const desired = rows.flatMap((r) =>
      this.reminderOffsets
        .filter((offset) => start - offset * 60_000 > now.getTime())
        .map((offset) => ({
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'reminder', round: r.round, sequence: event.sequence, offsetMinutes: offset, startsAt: event.startsAt.toISOString() },
          dedupeKey: `reminder:${event.id}:${r.id}:${offset}:${start}`,
          runAt: new Date(start - offset * 60_000),
        })),
    );
    for (const pid of participantIds ?? ['']) {
      const prefix = `reminder:${event.id}:${pid}`;
      await this.jobs.syncTopic(reminderTopic(event.id), prefix, desired.filter((d) => d.dedupeKey.startsWith(prefix)), now);
    }
  }

  /** Failed mails of the event back on the queue; returns the participants retried. */
  async retryFailed(eventId: string, participantIds?: string[]): Promise<string[]> {
    const retried = await this.jobs.retryFailed(mailTopic(eventId), participantIds ? { key: 'participantId', values: participantIds } : undefined);
    const ids = [...new Set(retried.map((r) => r.payload.participantId as string))];
    await this.repo.resetFailed(ids);
    return ids;
  }
}
