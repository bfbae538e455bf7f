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
import { entryCount, type IcsSession, sortSessions } from '../calendar/entries';
import type { BridgePointView } from '../content/event-view';
import { entrySuffix, MAIL_JOB, type MailJob, mailTopic, REMINDERS_JOB, type RemindersJob, reminderTopic } from './mail-job';
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
 * keyed (participant, kind, round, event sequence, calendar entry), so no participant is mailed the
 * same version twice however often `send` is pressed or a job is retried. The handlers are in sending/.
 *
 * An event of several sessions that are not a daily series is one calendar entry per session
 * (calendar/entries.ts), and iTIP carries one UID per message: the invitation (or update, or
 * cancellation) carries the first entry, and each further entry k travels in a short mail of its
 * own, keyed `request:<pid>:<round>:<seq>:s<k>` (the `request:<pid>:` prefix a CANCEL waits on stays).
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
    const count = entryCount(await this.sessionsOf(event));
    // Sessions dropped since the attendee's version (the count shrank): their entries get a CANCEL.
    const timeChange = changes.find((c) => c.field === 'time');
    const gone = timeChange ? goneEntries(timeChange.before.map(toSession), count) : [];
    const written = await this.jobs.enqueue(
      mailable.flatMap((r) => {
        const type = r.kind === 'agency' ? 'nomination' : 'request';
        const payload: MailJob = {
          participantId: r.id, type, round: r.round, sequence: seq,
          ...(changes.length ? { changes } : {}), ...(options.fresh && type === 'request' ? { fresh: true } : {}),
        };
        const main = { kind: MAIL_JOB, payload: { ...payload }, dedupeKey: `${type}:${r.id}:${r.round}:${seq}`, topic: mailTopic(event.id) };
        if (type !== 'request') return [main];
        const further = range(2, count).map((k) => ({
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'request', round: r.round, sequence: seq, session: k } satisfies MailJob,
          dedupeKey: `request:${r.id}:${r.round}:${seq}${entrySuffix(k)}`,
          topic: mailTopic(event.id),
        }));
        const drops = gone.map((g) => ({
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'cancel', round: r.round, sequence: seq, session: g.position, had: g.had, dropped: true } satisfies MailJob,
          dedupeKey: `cancel:${r.id}:${r.round}:${seq}${entrySuffix(g.position)}:dropped`,
          topic: mailTopic(event.id),
        }));
        return [main, ...further, ...drops];
      }),
    );
    await this.repo.markSent(mailable.map((r) => r.id), seq);
    // Invitations are out: the event's reminder rounds are due (written once, idempotent).
    if (mailable.length) await this.syncReminders(event);
    // Counted from what the outbox took: a job that exists already (same participant, round, version) is not a new mail.
    const queued = new Set(written.filter((w) => w.type !== 'cancel').map((w) => w.participantId));
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
   * the CANCEL outranks the REQUEST they had), or the whole event cancelled (its SEQUENCE rose). A
   * person gets one CANCEL per calendar entry: the event's now, and any of the version they last had
   * that the event has since dropped (a change whose update they did not get). Each further entry's
   * job keeps its session as it is now, for when the event no longer has that entry at sending time.
   */
  async cancels(event: Event, participantIds: string[], alone: boolean): Promise<void> {
    if (participantIds.length === 0) return;
    const rows = await this.repo.rounds(participantIds, alone);
    const sessions = sortSessions(await this.sessionsOf(event));
    const count = entryCount(sessions);
    const current = range(2, count).map((position) => ({ position, had: hadOf(sessions[position - 1], count) }));
    const goneBySeen = new Map<number | null, GoneEntry[]>();
    const seenOf = new Map((await this.repo.lastSent(participantIds)).map((r) => [r.id, r.seen]));
    for (const seen of new Set(seenOf.values())) {
      const time = seen === null ? undefined : (await this.events.changesSince(event.id, seen, event.sequence)).find((c) => c.field === 'time');
      goneBySeen.set(seen, time ? goneEntries(time.before.map(toSession), count) : []);
    }
    await this.jobs.enqueue(
      rows.flatMap((r) => {
        const icsSequence = attendeeSequence(event.sequence, r.sequenceBump);
        const job = (entry?: { position: number; had: EntryHad }) => ({
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'cancel', round: r.round, sequence: event.sequence, icsSequence, ...(entry ? { session: entry.position, had: entry.had } : {}) } satisfies MailJob,
          dedupeKey: `cancel:${r.id}:${r.round}:${icsSequence}${entrySuffix(entry?.position)}`,
          topic: mailTopic(event.id),
        });
        if (r.kind === 'agency') return [job()]; // a nomination request had no calendar part
        return [job(), ...current.map(job), ...(goneBySeen.get(seenOf.get(r.id) ?? null) ?? []).map(job)];
      }),
    );
  }

  /**
   * An update to each of these participants alone: their bridge point (their LOCATION and join
   * details) changed. Only those a REQUEST was written for and who still expect the event; each one's
   * own SEQUENCE rises, so the update outranks what they have, and nobody else is mailed.
   */
  async siteChanged(event: Event, moves: { participantId: string; before: BridgePointView | null }[]): Promise<number> {
    if (!invitationsVisible(event.status) || moves.length === 0) return 0;
    const before = new Map(moves.map((m) => [m.participantId, m.before]));
    const sent = await this.repo.invitedPersons(moves.map((m) => m.participantId));
    if (sent.length === 0) return 0;
    const rows = await this.repo.rounds(sent, true);
    const seq = event.sequence;
    const count = entryCount(await this.sessionsOf(event));
    const written = await this.jobs.enqueue(
      rows.flatMap((r) =>
        range(1, count).map((k) => ({
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'request', round: r.round, sequence: seq, siteBefore: before.get(r.id) ?? null, ...(k > 1 ? { session: k } : {}) } satisfies MailJob,
          dedupeKey: `request:${r.id}:${r.round}:${seq}:p${r.sequenceBump}${entrySuffix(k)}`,
          topic: mailTopic(event.id),
        })),
      ),
    );
    return new Set(written.map((w) => w.participantId)).size;
  }

  /** The event's sessions now (read through the events module). */
  private async sessionsOf(event: Event): Promise<IcsSession[]> {
    const [view] = await this.events.viewsByIds([event.id]);
    return (view?.sessions ?? []).map(toSession);
  }

  /**
   * The event's reminder rounds: one job per offset before the first session (`REMINDERS_JOB`), for
   * the event as it is now — moved when the event moves, dropped when it is cancelled (called when
   * invitations are written and when the event changes). An answer writes nothing: each round, when
   * it runs, reminds whoever has said yes or maybe by then (`remind`), and each reminder mail checks
   * the answer again when it is sent. (One job per invitee kept in step with every answer made an
   * answer three outbox writes and the relay's work — most of `bench:rsvp`'s cost.)
   */
  async syncReminders(event: Event): Promise<void> {
    const now = this.clock.now();
    const start = event.startsAt.getTime();
    const desired = invitationsVisible(event.status)
      ? this.reminderOffsets
          .filter((offset) => start - offset * 60_000 > now.getTime())
          .map((offset) => ({
            kind: REMINDERS_JOB,
            payload: { eventId: event.id, offsetMinutes: offset, startsAt: event.startsAt.toISOString() } satisfies RemindersJob,
            dedupeKey: `reminders:${event.id}:${offset}:${start}`,
            runAt: new Date(start - offset * 60_000),
          }))
      : [];
    await this.jobs.syncTopic(reminderTopic(event.id), `reminders:${event.id}:`, desired, now);
  }

  /**
   * A reminder round that came due: a reminder mail to each participant who has said yes or maybe,
   * if the event still starts when the round was written for (a moved event has rounds of its own).
   * One job per participant and offset (`reminder:<event>:<participant>:<offset>:<start>`), so a round
   * run twice reminds nobody twice.
   */
  async remind(event: Event, round: RemindersJob): Promise<number> {
    if (!invitationsVisible(event.status) || event.startsAt.toISOString() !== round.startsAt) return 0;
    if (event.startsAt.getTime() <= this.clock.now().getTime()) return 0;
    const start = event.startsAt.getTime();
    const rows = await this.repo.reminded(event.id);
    const written = await this.jobs.enqueue(
      rows.map((r) => ({
        kind: MAIL_JOB,
        payload: { participantId: r.id, type: 'reminder', round: r.round, sequence: event.sequence, offsetMinutes: round.offsetMinutes, startsAt: round.startsAt } satisfies MailJob,
        dedupeKey: `reminder:${event.id}:${r.id}:${round.offsetMinutes}:${start}`,
        topic: reminderTopic(event.id),
      })),
    );
    return written.length;
  }

  /** Failed mails of the event back on the queue; returns the participants retried. */
  async retryFailed(eventId: string, participantIds?: string[]): Promise<string[]> {
    const retried = await this.jobs.retryFailed(mailTopic(eventId), participantIds ? { key: 'participantId', values: participantIds } : undefined);
    const ids = [...new Set(retried.map((r) => r.payload.participantId as string))];
    await this.repo.resetFailed(ids);
    return ids;
  }
}

type EntryHad = NonNullable<MailJob['had']>;
type GoneEntry = { position: number; had: EntryHad };

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
const toSession = (s: { startsAt: Date | string; endsAt: Date | string; title?: string | null }): IcsSession => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), title: s.title ?? null });
const hadOf = (s: IcsSession, count: number): EntryHad => ({ count, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), title: s.title ?? null });

/** The entries of an attendee's version (`before`) that a programme of `count` entries no longer has. */
function goneEntries(before: IcsSession[], count: number): GoneEntry[] {
  const had = entryCount(before);
  const sorted = sortSessions(before);
  return had > count ? range(count + 1, had).map((position) => ({ position, had: hadOf(sorted[position - 1], had) })) : [];
}
