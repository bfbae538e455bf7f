import { declareJobKind } from '../jobs/job-types';

/**
 * Jobs the events module writes to the outbox for modules above it to handle (it cannot call them:
 * dependencies point one way). `events.changed` { eventId, sequence }: invitees must see a new
 * version of the event (time, place or cancellation); invitations defines its handler.
 */
export const EVENT_CHANGED_JOB = 'events.changed';
/** The outbox topic of an event's change signals: the history of what invitees were not yet told. */
export const eventChangedTopic = (eventId: string) => `${EVENT_CHANGED_JOB}:${eventId}`;

/** What an invitee should be told changed, with the value before (`events.changed`'s `changes`). */
export type EventChangeSignal =
  | { field: 'time'; before: { startsAt: string; endsAt: string; title: string | null }[] }
  | { field: 'venue'; before: { venueName: string | null; venueAddress: string | null } }
  | { field: 'onlineUrl'; before: string | null }
  | { field: 'format'; before: string };

export interface EventChangedPayload {
  eventId: string;
  sequence: number;
  changes: EventChangeSignal[];
}

declare module '../jobs/job-types' {
  interface JobPayloads {
    'events.changed': EventChangedPayload;
  }
}
declareJobKind(EVENT_CHANGED_JOB);
