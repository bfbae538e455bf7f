/**
 * Jobs the events module writes to the outbox for modules above it to handle (it cannot call them:
 * dependencies point one way). `events.changed` { eventId, sequence }: invitees must see a new
 * version of the event (time, place or cancellation); invitations defines its handler.
 */
export const EVENT_CHANGED_JOB = 'events.changed';
