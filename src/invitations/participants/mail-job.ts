import type { EventChangeSignal } from '../../events/signals';
import type { BridgePointView } from '../content/event-view';
import { declareJobKind } from '../../jobs/job-types';
import type { MailKind } from './participant-lifecycle';

/** The outbox kind of every invitation mail; its handler is in sending/mail-handlers.ts. */
export const MAIL_JOB = 'invitations.mail';

/** A mail job's payload (outbox row): who, what kind of mail, for which version of the event. */
export interface MailJob {
  participantId: string;
  type: MailKind;
  /** The participant's invitation round when the job was written; a job of an earlier round is stale. */
  round: number;
  sequence: number;
  offsetMinutes?: number;
  startsAt?: string;
  /** For an update: what changed, with the values before. */
  changes?: EventChangeSignal[];
  /** A CANCEL's SEQUENCE for this attendee's copy (the event's plus their own bump), fixed when written. */
  icsSequence?: number;
  /** A REQUEST that starts the invitation again (a delegation taken back): worded as an invitation, not an update. */
  fresh?: boolean;
  /**
   * Which calendar entry the mail carries (calendar/entries.ts), k ≥ 2: a short mail of its own for the
   * k-th session (iTIP: one UID per message). Absent: the first entry, with the invitation, update or cancellation.
   */
  session?: number;
  /**
   * A further entry's CANCEL: its session as the attendee had it when the CANCEL was written (with the
   * entry count then), written from this if the event no longer has that entry when it is sent.
   */
  had?: { count: number; startsAt: string; endsAt: string; title: string | null };
  /** The CANCEL is for a dropped session (the event and the invitation stand): wanted while the entry is gone. */
  dropped?: boolean;
  /**
   * An update to this participant alone: their bridge point changed (null: they had none). Its key
   * carries the participant's own SEQUENCE (`:p<bump>`), so it is a new mail at the same event version.
   */
  siteBefore?: BridgePointView | null;
}

/** The dedupe-key suffix of a further entry's mail (`request:<pid>:<round>:<seq>:s<k>`); the prefixes stay per participant. */
export const entrySuffix = (session?: number) => (session && session > 1 ? `:s${session}` : '');

/** The outbox kind of a reminder round: at an offset before the event, a reminder to each yes and maybe (InvitationOutbox.remind). */
export const REMINDERS_JOB = 'invitations.reminders';

/** A reminder round's payload: the event, the offset, and the start it was written for (a moved event has rounds of its own). */
export interface RemindersJob {
  eventId: string;
  offsetMinutes: number;
  startsAt: string;
}

declare module '../../jobs/job-types' {
  interface JobPayloads {
    'invitations.mail': MailJob;
    'invitations.reminders': RemindersJob;
  }
}
declareJobKind(MAIL_JOB);
declareJobKind(REMINDERS_JOB);

export const mailTopic = (eventId: string) => `mail:${eventId}`;
export const reminderTopic = (eventId: string) => `reminders:${eventId}`;
