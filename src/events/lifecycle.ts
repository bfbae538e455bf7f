import type { EventStatus } from './event.entity';

export const EVENT_ACTIONS = ['publish', 'start', 'complete', 'cancel'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** draft → scheduled (published) → in_progress → completed; cancelled from draft or scheduled. */
const TRANSITIONS: Record<EventAction, { from: EventStatus[]; to: EventStatus }> = {
  publish: { from: ['draft'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'in_progress' },
  complete: { from: ['scheduled', 'in_progress'], to: 'completed' },
  cancel: { from: ['draft', 'scheduled'], to: 'cancelled' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: EventStatus, action: EventAction): EventStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** The statuses of `invitationsVisible` (for SQL twins of the rules built on it). */
export const INVITATIONS_VISIBLE_STATUSES = ['scheduled', 'in_progress'] as const satisfies readonly EventStatus[];

/** Invitees have seen a published event: from then on time, place and cancellation raise SEQUENCE. */
export function invitationsVisible(status: EventStatus): boolean {
  return (INVITATIONS_VISIBLE_STATUSES as readonly EventStatus[]).includes(status);
}
