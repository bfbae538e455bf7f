import { declareJobKind } from '../jobs/job-types';

/**
 * Jobs the events module writes to the outbox for modules above it to handle (it cannot call them:
 * dependencies point one way). `events.changed` { eventId, sequence }: invitees must see a new
 * version of the event (time, place or cancellation); invitations defines its handler.
 */
export const EVENT_CHANGED_JOB = 'events.changed';

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

/**
 * What changed between version `seen` and `current`, one entry per field, each with the value the
 * participant last saw (the `before` of the first change after their version).
 */
export function changesSince(history: { sequence: number; changes: EventChangeSignal[] }[], seen: number, current: number): EventChangeSignal[] {
  const out = new Map<string, EventChangeSignal>();
  for (const s of [...history].sort((a, b) => a.sequence - b.sequence)) {
    if (s.sequence <= seen || s.sequence > current) continue;
    for (const c of s.changes ?? []) if (!out.has(c.field)) out.set(c.field, c);
  }
  return [...out.values()];
}

declare module '../jobs/job-types' {
  interface JobPayloads {
    'events.changed': EventChangedPayload;
  }
}
declareJobKind(EVENT_CHANGED_JOB);
