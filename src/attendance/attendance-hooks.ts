import { Injectable } from '@nestjs/common';

/** Called with the event and the participants whose attendance rows were just written. */
type Listener = (eventId: string, participantIds: string[]) => Promise<void>;
/** SQL over an event id's and a participant id's SQL: true when the listener has work for that participant. */
type Concerns = (eventIdSql: string, participantIdSql: string) => string;

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
  private readonly concerns: (Concerns | undefined)[] = [];

  /**
   * `concerns`, when given: the SQL condition (over the SQL of an event id and a participant id) true
   * when the listener has anything to do for that participant — so a one-statement write can say in
   * its own statement whether listeners must run (a check-in of a conference's delegate opens no
   * transaction for training's completion).
   */
  onRecorded(listener: Listener, concerns?: Concerns): void {
    this.listeners.push(listener);
    this.concerns.push(concerns);
  }

  get any(): boolean {
    return this.listeners.length > 0;
  }

  /** SQL true when some listener may have work for this participant's new row (`true` for a listener that gave no condition). */
  concernsSql(eventIdSql: string, participantIdSql: string): string {
    if (this.concerns.length === 0) return 'false';
    return this.concerns.map((c) => (c ? `(${c(eventIdSql, participantIdSql)})` : 'true')).join(' OR ');
  }

  /** Runs every listener; call inside the unit of work of the write. */
  async recorded(eventId: string, participantIds: string[]): Promise<void> {
    if (participantIds.length === 0) return;
    for (const l of this.listeners) await l(eventId, participantIds);
  }
}
