import type { EventChangeSignal } from '../../events/signals';
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
}

declare module '../../jobs/job-types' {
  interface JobPayloads {
    'invitations.mail': MailJob;
  }
}
declareJobKind(MAIL_JOB);

export const mailTopic = (eventId: string) => `mail:${eventId}`;
export const reminderTopic = (eventId: string) => `reminders:${eventId}`;
