import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RosterService } from '../attendance/roster.service';
import type { Principal } from '../common/auth/principal';
import { ApiError, forbidden, notFound } from '../common/errors/api-error';
import { Clock } from '../common/time/clock';
import type { AppConfig } from '../config/env';
import { EventsService } from '../events/events.service';
import { InvitationLinks } from '../invitations/public/links';
import type { RosterEntryDto } from '../attendance/dto/attendance.dto';
import { TrainingError } from './training.errors';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

const DAY = 86_400_000;
/** The Hà Nội day [start, end) around an instant. */
const hanoiDayStart = (d: Date) => new Date(Math.floor((d.getTime() + 7 * 3600_000) / DAY) * DAY - 7 * 3600_000);

/**
 * The trainer's roster (issue 17 items 4 and 9): the trainer marks attendance of the classes they
 * teach, per session in bulk, through the API (signed in) or the phone page of a short-lived link.
 * The link is an HMAC token (purpose `training_roster`) over the trainer's participant row of the
 * class: nothing stored, bound to one trainer and one class, valid from the first class day's start
 * to the last class day's end (Hà Nội days); removing the trainer from the list revokes it.
 */
@Injectable()
export class TrainerRosterService {
  private readonly base: string;

  constructor(
    private readonly repo: TrainingRepository,
    private readonly training: TrainingService,
    private readonly rosters: RosterService,
    private readonly events: EventsService,
    private readonly links: InvitationLinks,
    private readonly clock: Clock,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.base = config.get('publicBaseUrl', { infer: true });
  }

  /**
   * Attendance writes of a class's trainer act as an organizer of the class (attendance checks the
   * event's scope and the lock): the trainer's right was checked here, by the class's trainer list.
   */
  private actor(principal: Principal): Principal {
    return { userId: principal.userId, email: principal.email, role: principal.role === 'admin' ? 'admin' : 'organizer', scopeOrganizationId: null };
  }

  async roster(principal: Principal, eventId: string, sessionId: string) {
    await this.training.authorizeClass(principal, eventId);
    await this.training.classRow(eventId);
    const view = await this.rosters.roster(this.actor(principal), eventId, sessionId);
    return { ...view, items: view.items.filter((i) => i.role === 'trainee') };
  }

  async write(principal: Principal, eventId: string, sessionId: string, records: RosterEntryDto[]) {
    await this.training.authorizeClass(principal, eventId, true);
    await this.training.classRow(eventId);
    const view = await this.rosters.write(this.actor(principal), eventId, sessionId, records);
    return { ...view, items: view.items.filter((i) => i.role === 'trainee') };
  }

  /** The trainer's own link to the phone roster (a manager may ask for a trainer's: `trainerPersonId`). */
  async link(principal: Principal, eventId: string) {
    await this.training.authorizeClass(principal, eventId);
    await this.training.classRow(eventId);
    const participantId = await this.repo.trainerParticipantByEmail(eventId, principal.email);
    if (!participantId) throw forbidden('Only a trainer of this class gets a roster link', TrainingError.NotTrainerOfClass);
    const [event] = await this.events.viewsByIds([eventId]);
    const { validFrom, validUntil } = this.validity(event.sessions ?? [], event);
    const token = this.links.issue('training_roster', participantId);
    return { url: `${this.base}/roster/${token}`, token, validFrom, validUntil };
  }

  private validity(sessions: { startsAt: Date }[], event: { startsAt: Date; endsAt: Date }) {
    const first = new Date(Math.min(...[event.startsAt, ...sessions.map((s) => s.startsAt)].map((d) => new Date(d).getTime())));
    return { validFrom: hanoiDayStart(first), validUntil: new Date(hanoiDayStart(new Date(event.endsAt)).getTime() + DAY) };
  }

  /** What a roster link opens: the trainer, the class and its sessions; 404 forged or revoked, 410 outside the class days. */
  async fromToken(token: string) {
    const participantId = this.links.verify('training_roster', token);
    const trainer = participantId ? await this.repo.trainerParticipant(participantId) : null;
    if (!trainer) throw notFound('Roster link (unknown or revoked)');
    const c = await this.repo.classOf(trainer.eventId);
    if (!c) throw notFound('Roster link (unknown or revoked)');
    const [event] = await this.events.viewsByIds([trainer.eventId]);
    const { validFrom, validUntil } = this.validity(event.sessions ?? [], event);
    const now = this.clock.now();
    if (now < validFrom || now >= validUntil || event.status === 'cancelled') {
      throw new ApiError(410, 'This roster link is valid on the class days only', [{ field: 'token', message: `valid ${validFrom.toISOString()} – ${validUntil.toISOString()}` }], TrainingError.RosterLinkExpired);
    }
    const principal: Principal = { userId: 'system', email: trainer.email ?? `trainer:${trainer.id}`, role: 'trainer', scopeOrganizationId: null };
    return { trainer, event, principal, now };
  }

  /** The link's roster of a session (default: today's first session). */
  async rosterByToken(token: string, sessionId?: string) {
    const { trainer, event, principal, now } = await this.fromToken(token);
    const sessions = event.sessions ?? [];
    const today = sessions.filter((s) => hanoiDayStart(new Date(s.startsAt)).getTime() === hanoiDayStart(now).getTime());
    const session = (sessionId ? sessions.find((s) => s.id === sessionId) : (today.find((s) => new Date(s.endsAt) > now) ?? today[0])) ?? null;
    const roster = session ? await this.rosters.roster(this.actor(principal), event.id, session.id) : null;
    return { trainer, event, today, session, items: roster ? roster.items.filter((i) => i.role === 'trainee') : [] };
  }

  async writeByToken(token: string, sessionId: string, records: RosterEntryDto[]) {
    const { event, principal } = await this.fromToken(token);
    if (!(event.sessions ?? []).some((s) => s.id === sessionId)) throw notFound('Session of this class', sessionId);
    return this.rosters.write({ ...this.actor(principal), userId: 'system' }, event.id, sessionId, records);
  }
}
