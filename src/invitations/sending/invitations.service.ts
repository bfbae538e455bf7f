import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { ApiError } from '../../common/errors/api-error';
import { EventsService } from '../../events/events.service';
import { JobsService } from '../../jobs/jobs.service';
import type { AgencyCountsView, InvitationSummaryView, SendResultView } from '../participants/dto/participant.dto';
import { InvitationJobs } from '../participants/invitation-outbox';
import { SEAT_SQL } from '../participants/participant.entity';

/** Sending invitations, the organizer's live counts, and retrying what failed. */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
    private readonly invitationJobs: InvitationJobs,
  ) {}

  /**
   * Writes an invitation for every participant who has not had the event's current version, in one
   * transaction with their `last_sent_sequence` (the outbox), and answers at once; the worker sends.
   * A second call mails only new or changed participants; concurrent calls cannot double a mail
   * (the event row is locked, and each mail job is keyed by participant and sequence).
   */
  async send(principal: Principal, eventId: string): Promise<SendResultView> {
    await this.events.getInScope(principal, eventId);
    const result = await this.db.transaction(async (m) => {
      const [event] = await this.events.findByIds([eventId], m, true);
      if (event.status !== 'scheduled' && event.status !== 'in_progress') {
        throw new ApiError(409, `The event is ${event.status}; publish it before sending invitations`, [{ field: 'status', message: `is ${event.status}` }]);
      }
      const due: { id: string }[] = await m.query(
        `SELECT id FROM participants WHERE event_id = $1 AND status IN ('pending', 'invited', 'accepted', 'tentative', 'failed')
            AND (last_sent_sequence IS NULL OR last_sent_sequence < $2)
            AND NOT (kind = 'agency' AND last_sent_sequence IS NOT NULL)`,
        [eventId, event.sequence],
      );
      const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM participants WHERE event_id = $1 AND status <> 'removed'`, [eventId]);
      const counts = await this.invitationJobs.enqueueUpdates(m, event, due.map((d) => d.id));
      return { invitations: counts.invitations, nominations: counts.nominations, withoutEmail: counts.noEmail, upToDate: n - due.length };
    });
    this.jobs.afterCommit();
    return result;
  }

  /** Failed deliveries back on the queue (all of the event's, or these participants'). */
  async retry(principal: Principal, eventId: string, participantIds?: string[]): Promise<{ retried: number }> {
    await this.events.getInScope(principal, eventId);
    const retried = await this.db.transaction((m) => this.invitationJobs.retryFailed(m, eventId, participantIds));
    this.jobs.afterCommit(retried.jobs);
    return { retried: retried.participants.length };
  }

  /** Live counts for the organizer: by status, role and agency; agencies yet to nominate; failures. */
  async summary(principal: Principal, eventId: string): Promise<InvitationSummaryView> {
    await this.events.getInScope(principal, eventId);
    // Reads people and organizations for names and grouping: one aggregate query, no writes.
    const [rows, agencies, failed]: [
      { status: string; role: string; org_id: string | null; org_name: string | null; n: number }[],
      { id: string; organization_id: string; name: string; quota: number; status: string; nominated: number }[],
      { id: string; last_error: string | null }[],
    ] = await Promise.all([
      this.db.query(
        `SELECT p.status, p.role, pe.organization_id AS org_id, o.name AS org_name, count(*)::int AS n
           FROM participants p JOIN people pe ON pe.id = p.person_id LEFT JOIN organizations o ON o.id = pe.organization_id
          WHERE p.event_id = $1 AND p.kind = 'person' AND p.status <> 'removed'
          GROUP BY 1, 2, 3, 4`,
        [eventId],
      ),
      this.db.query(
        `SELECT a.id, a.organization_id, o.name, a.quota, a.status,
                (SELECT count(*)::int FROM participants n WHERE n.nominated_by_id = a.id AND n.${SEAT_SQL}) AS nominated
           FROM participants a JOIN organizations o ON o.id = a.organization_id
          WHERE a.event_id = $1 AND a.kind = 'agency' AND a.status <> 'removed'
          ORDER BY o.name`,
        [eventId],
      ),
      this.db.query(`SELECT id, last_error FROM participants WHERE event_id = $1 AND status = 'failed' ORDER BY updated_at DESC LIMIT 200`, [eventId]),
    ]);
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
