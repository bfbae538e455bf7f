import type { EventStatus } from '../../events/event.entity';
import { INVITATIONS_VISIBLE_STATUSES, invitationsVisible } from '../../events/lifecycle';
import type { Answer, ParticipantStatus } from './participant.entity';

/*
 * The life of an invitation, in one place. A participant is `pending` until a mail goes out
 * (`invited`), then answers (`accepted`, `declined`, `tentative`, or `delegated` to a substitute);
 * `failed` when the mail could not be delivered; `removed` by the organizer (the row stays). An
 * invitation "starts over" (a new round) when someone removed is invited again, a substitute is
 * named again or an agency gets a new contact: every mail job carries its round, so a job of an
 * earlier round does nothing. Services, SQL and the handlers all use these sets; attendance,
 * trainee counts and indicators will count on them too.
 */

/** Holds one of an agency's seats (and still expects the event in their calendar): not declined, passed on or removed. */
export const SEAT_STATUSES = ['pending', 'invited', 'accepted', 'tentative', 'failed'] as const satisfies readonly ParticipantStatus[];
/** Still part of the invitation: holding a seat, or having passed it on to a substitute. */
export const ACTIVE_STATUSES = [...SEAT_STATUSES, 'delegated'] as const satisfies readonly ParticipantStatus[];
/** No longer expects the event: their calendar entry should go (a CANCEL), and no REQUEST may reach them. */
export const WITHDRAWN_STATUSES = ['removed', 'declined', 'delegated'] as const satisfies readonly ParticipantStatus[];
/** Answered yes or maybe: they get reminders. */
export const REMINDED_STATUSES = ['accepted', 'tentative'] as const satisfies readonly ParticipantStatus[];

const has = (set: readonly string[], status: string) => set.includes(status);
export const holdsSeat = (status: ParticipantStatus) => has(SEAT_STATUSES, status);
export const isActive = (status: ParticipantStatus) => has(ACTIVE_STATUSES, status);
export const isWithdrawn = (status: ParticipantStatus) => has(WITHDRAWN_STATUSES, status);
export const isReminded = (status: ParticipantStatus) => has(REMINDED_STATUSES, status);

/** `status IN ('pending', …)` for one of the sets above (column name optional, e.g. `p.status`). */
export function statusIn(set: readonly ParticipantStatus[], column = 'status'): string {
  return `${column} IN (${set.map((s) => `'${s}'`).join(', ')})`;
}

/**
 * The columns of an invitation that starts over: a new round, as if never mailed or answered — and
 * a higher SEQUENCE for the attendee's copy, above the CANCEL they may have had.
 */
export function startOver(): {
  status: 'pending';
  lastSentSequence: null;
  invitedAt: null;
  respondedAt: null;
  responseNote: null;
  lastError: null;
  invitationRound: () => string;
  sequenceBump: () => string;
} {
  return { status: 'pending', lastSentSequence: null, invitedAt: null, respondedAt: null, responseNote: null, lastError: null, invitationRound: nextRound, sequenceBump: nextSequence };
}

/** The round bump alone (a new agency contact gets the nomination request afresh). */
export const nextRound = () => 'invitation_round + 1';
/** The attendee's own SEQUENCE bump: with every CANCEL to them alone, and every re-invitation after one. */
export const nextSequence = () => 'sequence_bump + 1';

/** The SEQUENCE of an attendee's calendar copy. */
export const attendeeSequence = (eventSequence: number, sequenceBump: number) => eventSequence + sequenceBump;

/**
 * Whether a REQUEST was written for this round (it was delivered, or may still be): a removal or a
 * delegation must then be followed by a CANCEL. The CANCEL's handler waits for a REQUEST still in
 * flight and sends nothing when none reached them.
 */
export const requestWritten = (p: { lastSentSequence: number | null }) => p.lastSentSequence !== null;

/** The status after a mail of the invitation was delivered: the first delivery makes it `invited`, an answer stays. */
export function afterDelivery(status: ParticipantStatus): ParticipantStatus {
  return status === 'pending' || status === 'failed' ? 'invited' : status;
}

/** The status after a mail could not be delivered at all: only an invitation not yet delivered becomes `failed`. */
export function afterFailure(status: ParticipantStatus, invitationMail: boolean): ParticipantStatus {
  return invitationMail && (status === 'pending' || status === 'invited') ? 'failed' : status;
}

/** SQL twins of afterDelivery / afterFailure, for the batched updates of the mail handlers. */
export const AFTER_DELIVERY_SQL = `CASE WHEN status IN ('pending', 'failed') THEN 'invited' ELSE status END`;
export const AFTER_FAILURE_SQL = (invitationMailParam: string) => `CASE WHEN status IN ('pending', 'invited') AND ${invitationMailParam} THEN 'failed' ELSE status END`;

/** What an answer does besides setting the status. */
export interface AnswerEffects {
  status: Answer;
  /** The original passes the invitation on: its calendar entry goes (a CANCEL). */
  cancelOwnInvitation: boolean;
  /** Taking a delegation back: the invitation starts a new round and is mailed again. */
  reinvite: boolean;
  /** A substitute named before is no longer wanted: remove them (they get a CANCEL). */
  dropSubstitute: boolean;
}

/**
 * The effects of `answer` given the current status. `hadInvitation`: a REQUEST may have reached the
 * participant (so a calendar entry may exist). `substitute`: whether an active substitute exists.
 */
export function answerTransition(current: ParticipantStatus, answer: Answer, hadInvitation: boolean, substitute: boolean): AnswerEffects {
  return {
    status: answer,
    cancelOwnInvitation: answer === 'delegated' && current !== 'delegated' && hadInvitation,
    reinvite: current === 'delegated' && (answer === 'accepted' || answer === 'tentative') && hadInvitation,
    dropSubstitute: answer !== 'delegated' && substitute,
  };
}

/** Whether answers (and nominations) may still change: the event is published and has not started. */
export function canAnswer(event: { status: EventStatus; startsAt: Date | string }, now: Date): boolean {
  return invitationsVisible(event.status) && now.getTime() < new Date(event.startsAt).getTime();
}

/**
 * SQL twin of canAnswer for an event relation `e` (its `status` and `starts_at`) and "now" as an SQL
 * expression. A link that can answer also opens (linkOpen): published, and before the start, so before the end.
 */
export const CAN_ANSWER_SQL = (e: string, now: string) =>
  `${e}.status IN (${INVITATIONS_VISIBLE_STATUSES.map((s) => `'${s}'`).join(', ')}) AND ${now} < ${e}.starts_at`;

/** Whether a personal link still opens: the event is published (or over) and has not ended. */
export function linkOpen(event: { status: EventStatus; endsAt: Date | string }, now: Date): boolean {
  return event.status !== 'draft' && now.getTime() <= new Date(event.endsAt).getTime();
}

/** What a mail job finds when it runs, to decide whether it is still wanted. */
export interface MailState {
  participant: { status: ParticipantStatus; kind: 'person' | 'agency'; invitationRound: number };
  event: { status: EventStatus; sequence: number; startsAt: Date | string };
  /** How many calendar entries the event has now (calendar/entries.ts); default 1. */
  entries?: number;
}
export type MailKind = 'request' | 'cancel' | 'nomination' | 'reminder';

/**
 * Whether a mail job still applies to the current state (handlers re-read state and do nothing when
 * stale): a job of an earlier round never does; a REQUEST only for the current SEQUENCE of a
 * published event to someone still expecting it, for an entry the event has; a CANCEL only while the
 * withdrawal holds (or the event is cancelled), or while a dropped session's entry stays gone; a nomination request while the agency is invited; a reminder for the start
 * it was written for, before it, to someone who said yes or maybe.
 */
export function mailStillWanted(
  kind: MailKind,
  job: { round?: number; sequence: number; startsAt?: string; session?: number; dropped?: boolean },
  s: MailState,
  now: Date,
): boolean {
  const { participant: p, event } = s;
  if ((job.round ?? 0) !== p.invitationRound) return false;
  const live = invitationsVisible(event.status);
  const entryExists = (job.session ?? 1) <= (s.entries ?? 1);
  switch (kind) {
    case 'request':
      return live && job.sequence === event.sequence && !isWithdrawn(p.status) && entryExists;
    case 'cancel':
      // A dropped session's CANCEL stands while its entry is gone (a later version may bring it back, with a REQUEST).
      return event.status === 'cancelled' || isWithdrawn(p.status) || (job.dropped === true && !entryExists);
    case 'nomination':
      return live && p.status !== 'removed' && p.kind === 'agency';
    case 'reminder': {
      const start = new Date(event.startsAt);
      return live && isReminded(p.status) && job.startsAt === start.toISOString() && now.getTime() < start.getTime();
    }
  }
}
