import { Injectable } from '@nestjs/common';
import { InvitationsError } from '../invitations.errors';
import type { Principal } from '../../common/auth/principal';
import { ApiError } from '../../common/errors/api-error';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';
import { invitationsVisible } from '../../events/lifecycle';
import { EventHooks } from '../../events/event-hooks';
import { EventsService } from '../../events/events.service';
import type { AgencyCountsView, InvitationSummaryView, SendResultView } from '../participants/dto/participant.dto';
import { InvitationOutbox } from '../participants/invitation-outbox';
import { ParticipantsRepository } from '../participants/participants.repository';

/** Sending invitations, the organizer's live counts, and retrying what failed. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ParticipantsRepository,
    private readonly events: EventsService,
    private readonly outbox: InvitationOutbox,
    private readonly hooks: EventHooks,
  ) {}

  /**
   * Writes an invitation for every participant who has not had the event's current version, in one
   * transaction with their `last_sent_sequence` (the outbox), and answers at once; the worker sends.
   * A second call mails only new or changed participants; concurrent calls cannot double a mail
   * (the event row is locked, and each mail job is keyed by participant and sequence).
   */
  async send(principal: Principal, eventId: string): Promise<SendResultView> {
    await this.events.getInScope(principal, eventId);
    return this.uow.run(async () => {
      const [event] = await this.events.findByIds([eventId], true);
      if (!invitationsVisible(event.status)) {
        throw new ApiError(409, `The event is ${event.status}; publish it before sending invitations`, [{ field: 'status', message: `is ${event.status}` }], InvitationsError.EventNotOpen);
      }
      await this.hooks.beforeInvitations(eventId);
      const due = await this.repo.dueForSend(eventId, event.sequence);
      const n = await this.repo.countNotRemoved(eventId);
      const counts = await this.outbox.updates(event, due);
      return { invitations: counts.invitations, nominations: counts.nominations, withoutEmail: counts.noEmail, upToDate: n - due.length };
    });
  }

  /** Failed deliveries back on the queue (all of the event's, or these participants'). */
  async retry(principal: Principal, eventId: string, participantIds?: string[]): Promise<{ retried: number }> {
    await this.events.getInScope(principal, eventId);
    const retried = await this.uow.run(() => this.outbox.retryFailed(eventId, participantIds));
    return { retried: retried.length };
  }

  /** Live counts for the organizer: by status, role and agency; agencies yet to nominate; failures. */
  async summary(principal: Principal, eventId: string): Promise<InvitationSummaryView> {
    await this.events.getInScope(principal, eventId);
    const [rows, agencies, failed] = await Promise.all([this.repo.countsByAgency(eventId), this.repo.agencies(eventId), this.repo.failed(eventId)]);
    const add = (rec: Record<string, number>, k: string, n: number) => (rec[k] = (rec[k] ?? 0) + n);
    const byStatus: Record<string, number> = {};
    const byRole: Record<string, number> = {};
    const byAgency = new Map<string, AgencyCountsView>();
    let total = 0;
    for (const r of rows) {
      total += r.n;
      add(byStatus, r.status, r.n);
      add(byRole, r.role, r.n);
      if (r.org_id) {
        const a = byAgency.get(r.org_id) ?? { organizationId: r.org_id, organizationName: r.org_name ?? '', total: 0, byStatus: {} };
        a.total += r.n;
        add(a.byStatus, r.status, r.n);
        byAgency.set(r.org_id, a);
      }
    }
    const agencyViews = agencies.map((a) => ({ participantId: a.id, organizationId: a.organization_id, organizationName: a.name, quota: a.quota, nominated: a.nominated, status: a.status }));
    return {
      total,
      byStatus,
      byRole,
      byAgency: [...byAgency.values()].sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'vi')),
      agencies: agencyViews,
      agenciesNotNominated: agencyViews.filter((a) => a.nominated === 0),
      failed: failed.map((f) => ({ participantId: f.id, error: f.last_error })),
    };
  }
}
