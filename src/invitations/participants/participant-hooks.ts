import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';

/** Called with the event, the participants just taken off its list and who did it. */
type Listener = (eventId: string, participantIds: string[], principal: Principal) => Promise<void>;

/**
 * What modules above invitations do when someone is taken off an event's list, without invitations
 * knowing them (the same seam as EventHooks and AttendanceHooks): training withdraws the trainee and
 * promotes the first of the class's waitlist into the freed seat. Listeners run inside the unit of
 * work of the removal: a throw rolls it back, their writes commit with it. Registered at module init.
 */
@Injectable()
export class ParticipantHooks {
  private readonly listeners: Listener[] = [];

  onRemoved(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Runs every listener; call inside the unit of work of the removal. */
  async removed(eventId: string, participantIds: string[], principal: Principal): Promise<void> {
    for (const l of this.listeners) await l(eventId, participantIds, principal);
  }
}
