import { Injectable } from '@nestjs/common';

type Hook = (eventId: string) => Promise<void>;

/**
 * What modules above events add to an event's life without events knowing them (dependencies point
 * one way): checks that may refuse publishing or sending invitations (bridge points refuse a room or
 * an MCU meeting booked twice), and listeners of schedule changes (bridge points move their T-60
 * readiness job). Both run inside the unit of work of the change: a check's throw rolls it back, a
 * listener's outbox writes commit with it. Registered once at module init.
 */
@Injectable()
export class EventHooks {
  private readonly checks: Hook[] = [];
  private readonly listeners: Hook[] = [];

  /** Runs before the event is published, before its invitations are sent, and when a published event moves. */
  onBeforeInvitations(check: Hook): void {
    this.checks.push(check);
  }

  /** Runs after the event's time or status changed (published, moved, started, completed, cancelled). */
  onScheduleChanged(listener: Hook): void {
    this.listeners.push(listener);
  }

  async beforeInvitations(eventId: string): Promise<void> {
    for (const check of this.checks) await check(eventId);
  }

  async scheduleChanged(eventId: string): Promise<void> {
    for (const listener of this.listeners) await listener(eventId);
  }
}
