import { Injectable } from '@nestjs/common';

/** Called with the event and the participants whose attendance rows were just written. */
type Listener = (eventId: string, participantIds: string[]) => Promise<void>;

/**
 * What modules above attendance do when attendance changes, without attendance knowing them
 * (dependencies point one way) — the same seam as EventHooks: training recomputes each trainee's
 * completion ("completion on save") and issues certificates. Listeners run inside the unit of work
 * that wrote the rows: a listener's throw rolls the attendance write back, its writes commit with it.
 * Registered once at module init.
 */
@Injectable()
export class AttendanceHooks {
  private readonly listeners: Listener[] = [];

  onRecorded(listener: Listener): void {
    this.listeners.push(listener);
  }

  get any(): boolean {
    return this.listeners.length > 0;
  }

  /** Runs every listener; call inside the unit of work of the write. */
  async recorded(eventId: string, participantIds: string[]): Promise<void> {
    if (participantIds.length === 0) return;
    for (const l of this.listeners) await l(eventId, participantIds);
  }
}
