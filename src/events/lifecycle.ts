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

/** Invitees have seen a published event: from then on time, place and cancellation raise SEQUENCE. */
export function invitationsVisible(status: EventStatus): boolean {
  return status === 'scheduled' || status === 'in_progress';
}
