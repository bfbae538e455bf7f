import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';
import type { AppConfig } from '../../config/env';
import { invitationsVisible } from '../../events/lifecycle';
import { EventsService } from '../../events/events.service';
import { EVENT_CHANGED_JOB } from '../../events/signals';
import { Batcher } from '../../jobs/batcher';
import { JobsService } from '../../jobs/jobs.service';
import { MailService } from '../../mail/mail.service';
import { InvitationOutbox } from '../participants/invitation-outbox';
import { MAIL_JOB, type MailJob, REMINDERS_JOB, type RemindersJob } from '../participants/mail-job';
import { ParticipantsRepository } from '../participants/participants.repository';
import { MailRenderer } from './mail-renderer';

/**
 * The handlers of what invitations put on the outbox: every invitation mail (render against the
 * current state, send, record delivery or failure), and the fan-out when an event changes.
 */
@Injectable()
export class MailHandlers implements OnModuleInit {
  private readonly attempts: number;
  private readonly backoffMs: number;
  /** "The invitation went out", for every mail in flight at once (see Batcher). */
  private readonly delivered = new Batcher<string>((ids) => this.repo.markDelivered(ids));

  constructor(
    private readonly jobs: JobsService,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly mail: MailService,
    private readonly renderer: MailRenderer,
    private readonly outbox: InvitationOutbox,
    private readonly repo: ParticipantsRepository,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.attempts = config.get('mailAttempts', { infer: true });
    this.backoffMs = config.get('mailBackoffMs', { infer: true });
  }

  onModuleInit() {
    this.jobs.define({
      kind: MAIL_JOB,
      queue: 'mail',
      attempts: this.attempts,
      backoffMs: this.backoffMs,
      run: (job) => this.deliver(job),
      describe: (job) => `participant ${job.participantId} (${job.type})`,
      failed: (job, error) => this.repo.markFailed(job.participantId, error, job.type === 'request' || job.type === 'nomination'),
    });
    this.jobs.define({
      kind: REMINDERS_JOB,
      queue: 'default',
      attempts: 10,
      backoffMs: 1000,
      run: (job) => this.remind(job),
      describe: (job) => `event ${job.eventId} (reminders ${job.offsetMinutes} min before)`,
    });
    this.jobs.define({
      kind: EVENT_CHANGED_JOB,
      queue: 'default',
      attempts: 10,
      backoffMs: 1000,
      run: (job) => this.eventChanged(job.eventId, job.sequence),
    });
  }

  /** A reminder round came due: a reminder mail to each participant who has said yes or maybe by now. */
  private async remind(job: RemindersJob): Promise<void> {
    await this.uow.run(async () => {
      const [event] = await this.events.findByIds([job.eventId]);
      if (event) await this.outbox.remind(event, job);
    });
  }

  /** Renders against the current state and sends; a job made stale by a newer one does nothing. */
  private async deliver(job: MailJob): Promise<void> {
    const mail = await this.renderer.render(job);
    if (!mail) return;
    await this.mail.send(mail);
    // The invitation itself (not a further session's entry) makes them `invited`: its wording depends on it.
    if ((job.type === 'request' || job.type === 'nomination') && !(job.session && job.session > 1)) await this.delivered.add(job.participantId);
  }

  /**
   * The event's time, place or status changed (its SEQUENCE rose): everyone who has an invitation
   * and has not declined gets the new version (a REQUEST, or a CANCEL if it was cancelled), and
   * the reminders follow. Participants never mailed are left for the organizer's next send.
   */
  private async eventChanged(eventId: string, sequence: number): Promise<void> {
    await this.uow.run(async () => {
      // Locked so two changes in a row fan out one after the other, each seeing the latest sequence.
      const [event] = await this.events.findByIds([eventId], true);
      // A later change's signal exists and does the whole fan-out, telling what changed since each
      // participant's version; this one would only repeat part of it.
      if (!event || event.sequence > sequence) return;
      const cancelled = event.status === 'cancelled';
      const ids = [...(await this.repo.mailedBefore(eventId, event.sequence, cancelled)), ...(await this.repo.openAgenciesBefore(eventId, event.sequence))];
      if (cancelled) {
        await this.outbox.cancels(event, ids, false);
        await this.repo.markSent(ids, event.sequence);
      } else if (invitationsVisible(event.status)) {
        await this.outbox.updates(event, ids);
      }
      await this.outbox.syncReminders(event);
    });
  }
}
