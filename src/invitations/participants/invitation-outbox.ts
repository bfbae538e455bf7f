import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SqlParams } from '../../common/sql';
import { Clock } from '../../common/time/clock';
import type { AppConfig } from '../../config/env';
import { INVITATIONS_VISIBLE_STATUSES, invitationsVisible } from '../../events/lifecycle';
import type { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import type { EventChangeSignal } from '../../events/signals';
import { JobsService } from '../../jobs/jobs.service';
import { PeopleService } from '../../people/people.service';
import { entryCount, type IcsSession, sortSessions } from '../calendar/entries';
import type { BridgePointView } from '../content/event-view';
import { entrySuffix, MAIL_JOB, type MailJob, mailTopic, reminderTopic } from './mail-job';
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
   * Reminders of accepted and tentative participants at each offset before the first session, for
   * the event as it is now: moved when the event moves, dropped when it is cancelled or the answer
   * changes. Only `participantIds` when given (one answer), else the whole event.
   */
  async syncReminders(event: Event, participantIds?: string[]): Promise<void> {
    const rows = invitationsVisible(event.status) ? await this.repo.reminded(event.id, participantIds) : [];
    const now = this.clock.now();
    const desired = this.desiredReminders(event, rows, now);
    for (const pid of participantIds ?? ['']) {
      const prefix = `reminder:${event.id}:${pid}`;
      await this.jobs.syncTopic(reminderTopic(event.id), prefix, desired.filter((d) => d.dedupeKey.startsWith(prefix)), now);
    }
  }

  /**
   * `syncReminders` of the one participant a caller's statement answers, as CTEs of that statement,
   * done only if it answered: `answered` is its relation (one row or none) with columns `id`,
   * `event_id`, `round`, `reminded` (the answer is yes or maybe), `event_status`, `event_sequence`,
   * `starts_at`. The jobs it wants are the SQL twin of `desiredReminders` (same keys, payloads and
   * times; test/invitations/answers.e2e-spec.ts compares them).
   */
  reminderSyncSql(answered: string, p: SqlParams): { ctes: string; cancelled: string } {
    const now = this.clock.now();
    const due = `a.starts_at - o.m * interval '1 minute'`;
    const desired = `SELECT ${p.add(MAIL_JOB, 'varchar')} AS k,
             jsonb_build_object('participantId', a.id, 'type', 'reminder', 'round', a.round, 'sequence', a.event_sequence, 'offsetMinutes', o.m,
                                'startsAt', to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS pl,
             ('reminder:' || a.event_id || ':' || a.id || ':' || o.m || ':' || floor(extract(epoch FROM a.starts_at) * 1000)::bigint)::varchar AS d,
             ${due} AS r
        FROM ${answered} a CROSS JOIN unnest(${p.add(this.reminderOffsets.map(String), 'numeric[]')}) AS o(m)
       WHERE a.reminded AND a.event_status IN (${INVITATIONS_VISIBLE_STATUSES.map((x) => `'${x}'`).join(', ')}) AND ${due} > ${p.add(now, 'timestamptz')}`;
    return this.jobs.syncTopicSql(
      { sql: `SELECT 'reminders:' || event_id FROM ${answered}` },
      { sql: `SELECT 'reminder:' || event_id || ':' || id FROM ${answered}` },
      { sql: desired, kinds: [MAIL_JOB] },
      now,
      `EXISTS (SELECT 1 FROM ${answered})`,
      p,
    );
  }

  /** After a statement built with `reminderSyncSql`: what it cancelled leaves the queue after the commit (see JobsService). */
  cancelledInStatement(ids: string[]): void {
    this.jobs.cancelledInStatement(ids);
  }

  /** The reminder jobs of these participants at each offset before the event's first session that is still ahead. */
  private desiredReminders(event: Event, rows: { id: string; round: number }[], now: Date) {
    const start = event.startsAt.getTime();
    return rows.flatMap((r) =>
      this.reminderOffsets
        .filter((offset) => start - offset * 60_000 > now.getTime())
        .map((offset) => ({
          kind: MAIL_JOB,
          payload: { participantId: r.id, type: 'reminder', round: r.round, sequence: event.sequence, offsetMinutes: offset, startsAt: event.startsAt.toISOString() },
          dedupeKey: `reminder:${event.id}:${r.id}:${offset}:${start}`,
          runAt: new Date(start - offset * 60_000),
        })),
    );
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
