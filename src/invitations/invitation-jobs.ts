import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/env';
import type { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { EVENT_CHANGED_JOB, type EventChangedPayload, type EventChangeSignal, eventChangedTopic } from '../events/signals';
import { declareJobKind } from '../jobs/job-types';
import { JobsService } from '../jobs/jobs.service';
import { MailService } from '../mail/mail.service';
import { PeopleService } from '../people/people.service';
import { Batcher } from '../jobs/batcher';
import { InvitationMailer, type MailJob } from './invitation-mailer';

export const MAIL_JOB = 'invitations.mail';

declare module '../jobs/job-types' {
  interface JobPayloads {
    'invitations.mail': MailJob;
  }
}
declareJobKind(MAIL_JOB);

const mailTopic = (eventId: string) => `mail:${eventId}`;
const reminderTopic = (eventId: string) => `reminders:${eventId}`;
/** Statuses of people who still expect the event in their calendar. */
const MAILED_AND_NOT_DECLINED = `status IN ('pending', 'invited', 'accepted', 'tentative', 'failed')`;

/**
 * Everything invitations put on the outbox, and the handlers that run it: invitation REQUESTs,
 * CANCELs, agency nomination requests, reminders, and the fan-out when an event changes. Every
 * mail job is keyed (participant, kind, event sequence) so no participant is mailed the same
 * version twice, however often `send` is pressed or a job is retried.
 */
@Injectable()
export class InvitationJobs implements OnModuleInit {
  private readonly reminderOffsets: number[];
  private readonly attempts: number;
  private readonly backoffMs: number;
  /** "The invitation went out", for every mail in flight at once (see Batcher). */
  private readonly invited = new Batcher<string>(async (ids) => {
    await this.db.query(
      `UPDATE participants SET status = CASE WHEN status IN ('pending', 'failed') THEN 'invited' ELSE status END,
              invited_at = coalesce(invited_at, now()), last_error = NULL, updated_at = now() WHERE id = ANY($1)`,
      [ids],
    );
  });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly events: EventsService,
    private readonly mail: MailService,
    private readonly mailer: InvitationMailer,
    private readonly people: PeopleService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.reminderOffsets = config.get('reminderOffsetsMinutes', { infer: true });
    this.attempts = config.get('mailAttempts', { infer: true });
    this.backoffMs = config.get('mailBackoffMs', { infer: true });
  }

  onModuleInit() {
    this.jobs.define({
      kind: MAIL_JOB,
      queue: 'mail',
      attempts: this.attempts,
      backoffMs: this.backoffMs,
      run: (job) => this.deliver(job),
      failed: (job, error) => this.markFailed(job, error),
    });
    this.jobs.define({
      kind: EVENT_CHANGED_JOB,
      queue: 'default',
      attempts: 10,
      backoffMs: 1000,
      run: (job) => this.eventChanged(job.eventId, job.sequence),
    });
  }

  // ---- writing jobs (inside the caller's transaction) --------------------------------------

  /**
   * REQUESTs at the event's current sequence for these participants (persons) and nomination
   * requests for agencies; marks what was written as sent at this sequence. Returns the counts.
   */
  async enqueueInvitations(m: EntityManager, event: Event, participantIds: string[], changes: EventChangeSignal[] = []): Promise<{ invitations: number; nominations: number; noEmail: number }> {
    if (participantIds.length === 0) return { invitations: 0, nominations: 0, noEmail: 0 };
    const rows: { id: string; kind: string; round: number; organizationId: string | null; email: string | null }[] = await m.query(
      `SELECT p.id, p.kind, p.invitation_round AS round, p.organization_id AS "organizationId", to_p.email
         FROM participants p
         LEFT JOIN people to_p ON to_p.id = CASE WHEN p.kind = 'person' THEN p.person_id ELSE p.contact_person_id END
        WHERE p.id = ANY($1)`,
      [participantIds],
    );
    // An agency without a named contact is written to its leader (PeopleService owns that rule).
    const leaders = await this.people.leadersWithEmail(rows.flatMap((r) => (r.kind === 'agency' && !r.email && r.organizationId ? [r.organizationId] : [])));
    for (const r of rows) if (r.kind === 'agency' && !r.email && r.organizationId) r.email = leaders.get(r.organizationId)?.email ?? null;
    const mailable = rows.filter((r) => r.email);
    const seq = event.sequence;
    const written = await this.jobs.enqueue(
      m,
      mailable.map((r) => {
        const type = r.kind === 'agency' ? 'nomination' : 'request';
        const payload: MailJob = { participantId: r.id, type, round: r.round, sequence: seq, ...(changes.length && type === 'request' ? { changes } : {}) };
        return { kind: MAIL_JOB, payload: { ...payload }, dedupeKey: `${type}:${r.id}:${r.round}:${seq}`, topic: mailTopic(event.id) };
      }),
    );
    await m.query(`UPDATE participants SET last_sent_sequence = $2, updated_at = now() WHERE id = ANY($1)`, [mailable.map((r) => r.id), seq]);
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
   * each told what changed since the version they have (from the event's change signals).
   */
  async enqueueUpdates(m: EntityManager, event: Event, participantIds: string[]): Promise<{ invitations: number; nominations: number; noEmail: number }> {
    const total = { invitations: 0, nominations: 0, noEmail: 0 };
    if (participantIds.length === 0) return total;
    const rows: { id: string; seen: number | null }[] = await m.query(`SELECT id, last_sent_sequence AS seen FROM participants WHERE id = ANY($1)`, [participantIds]);
    const signals = (await this.jobs.payloads(m, eventChangedTopic(event.id))) as unknown as EventChangedPayload[];
    const groups = new Map<number | null, string[]>();
    for (const r of rows) groups.set(r.seen, [...(groups.get(r.seen) ?? []), r.id]);
    for (const [seen, ids] of groups) {
      const counts = await this.enqueueInvitations(m, event, ids, seen === null ? [] : changesSince(signals, seen, event.sequence));
      total.invitations += counts.invitations;
      total.nominations += counts.nominations;
      total.noEmail += counts.noEmail;
    }
    return total;
  }

  /** METHOD:CANCEL for these participants at the event's sequence (removed, passed on, or the event cancelled). */
  async enqueueCancel(m: EntityManager, event: Event, participantIds: string[]): Promise<void> {
    if (participantIds.length === 0) return;
    const rows: { id: string; round: number }[] = await m.query(`SELECT id, invitation_round AS round FROM participants WHERE id = ANY($1)`, [participantIds]);
    await this.jobs.enqueue(
      m,
      rows.map((r) => ({
        kind: MAIL_JOB,
        payload: { participantId: r.id, type: 'cancel', round: r.round, sequence: event.sequence },
        dedupeKey: `cancel:${r.id}:${r.round}:${event.sequence}`,
        topic: mailTopic(event.id),
      })),
    );
  }

  /**
   * Reminders of accepted and tentative participants at each offset before the first session, for
   * the event as it is now: moved when the event moves, dropped when it is cancelled or the answer
   * changes. Only `participantIds` when given (one answer), else the whole event.
   */
  async syncReminders(m: EntityManager, event: Event, participantIds?: string[]): Promise<string[]> {
    const active = event.status === 'scheduled' || event.status === 'in_progress';
    const rows: { id: string; round: number }[] = active
      ? await m.query(`SELECT id, invitation_round AS round FROM participants WHERE event_id = $1 AND kind = 'person' AND status IN ('accepted', 'tentative') ${participantIds ? 'AND id = ANY($2)' : ''}`, participantIds ? [event.id, participantIds] : [event.id])
      : [];
    const start = event.startsAt.getTime();
    const now = Date.now();
    const desired = rows.flatMap((r) =>
      this.reminderOffsets
        .filter((offset) => start - offset * 60_000 > now)
        .map((offset) => ({
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'reminder', round: r.round, sequence: event.sequence, offsetMinutes: offset, startsAt: event.startsAt.toISOString() },
          dedupeKey: `reminder:${event.id}:${r.id}:${offset}:${start}`,
          runAt: new Date(start - offset * 60_000),
        })),
    );
    const prefixes = participantIds ?? [''];
    const cancelled: string[] = [];
    for (const pid of prefixes) {
      const prefix = `reminder:${event.id}:${pid}`;
      cancelled.push(...(await this.jobs.syncTopic(m, reminderTopic(event.id), prefix, desired.filter((d) => d.dedupeKey.startsWith(prefix)))));
    }
    return cancelled;
  }

  /** Failed mails of the event back on the queue; returns the participants and the outbox ids (for `afterCommit`). */
  async retryFailed(m: EntityManager, eventId: string, participantIds?: string[]): Promise<{ participants: string[]; jobs: string[] }> {
    const retried = await this.jobs.retryFailed(m, mailTopic(eventId), participantIds ? { key: 'participantId', values: participantIds } : undefined);
    const ids = [...new Set(retried.map((r) => r.payload.participantId as string))];
    await m.query(`UPDATE participants SET status = 'pending', last_error = NULL, updated_at = now() WHERE id = ANY($1) AND status = 'failed'`, [ids]);
    return { participants: ids, jobs: retried.map((r) => r.id) };
  }

  // ---- handlers ------------------------------------------------------------------------------

  /** Renders against the current state and sends; a job made stale by a newer one does nothing. */
  private async deliver(job: MailJob): Promise<void> {
    const mail = await this.mailer.render(job);
    if (!mail) return;
    await this.mail.send(mail);
    if (job.type === 'request' || job.type === 'nomination') await this.invited.add(job.participantId);
  }

  private async markFailed(job: MailJob, error: string): Promise<void> {
    await this.db.query(
      `UPDATE participants SET last_error = $2, status = CASE WHEN status IN ('pending', 'invited') AND $3 THEN 'failed' ELSE status END, updated_at = now() WHERE id = $1`,
      [job.participantId, error, job.type === 'request' || job.type === 'nomination'],
    );
  }

  /**
   * The event's time, place or status changed (its SEQUENCE rose): everyone who has an invitation
   * and has not declined gets the new version (a REQUEST, or a CANCEL if it was cancelled), and
   * the reminders follow. Participants never mailed are left for the organizer's next send.
   */
  private async eventChanged(eventId: string, sequence: number): Promise<void> {
    const cancelled = await this.db.transaction(async (m) => {
      // Locked so two changes in a row fan out one after the other, each seeing the latest sequence.
      const [event] = await this.events.findByIds([eventId], m, true);
      // A later change's signal exists and does the whole fan-out, telling what changed since each
      // participant's version; this one would only repeat part of it.
      if (!event || event.sequence > sequence) return [];
      // A cancellation reaches everyone who had an invitation, decliners too (their calendar may hold it).
      const stale: { id: string }[] = await m.query(
        `SELECT id FROM participants WHERE event_id = $1 AND kind = 'person' AND last_sent_sequence IS NOT NULL AND last_sent_sequence < $2
            AND ${event.status === 'cancelled' ? `status NOT IN ('removed', 'delegated')` : MAILED_AND_NOT_DECLINED}`,
        [eventId, event.sequence],
      );
      const ids = stale.map((s) => s.id);
      if (event.status === 'cancelled') {
        await this.enqueueCancel(m, event, ids);
        await m.query(`UPDATE participants SET last_sent_sequence = $2, updated_at = now() WHERE id = ANY($1)`, [ids, event.sequence]);
      } else if (event.status === 'scheduled' || event.status === 'in_progress') {
        await this.enqueueUpdates(m, event, ids);
      }
      return this.syncReminders(m, event);
    });
    this.jobs.afterCommit(cancelled);
  }
}

/**
 * What changed between version `seen` and `current`, one entry per field, each with the value the
 * participant last saw (the `before` of the first change after their version).
 */
export function changesSince(signals: EventChangedPayload[], seen: number, current: number): EventChangeSignal[] {
  const out = new Map<string, EventChangeSignal>();
  for (const s of [...signals].sort((a, b) => a.sequence - b.sequence)) {
    if (s.sequence <= seen || s.sequence > current) continue;
    for (const c of s.changes ?? []) if (!out.has(c.field)) out.set(c.field, c);
  }
  return [...out.values()];
}
