import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { badRequest, conflict, type ErrorDetail } from '../../common/errors/api-error';
import { EventsError } from '../events.errors';
import { PeopleService } from '../../people/people.service';
import { AuditService } from '../audit.service';
import { EventSession } from '../event.entity';
import { EventsService } from '../events.service';
import { toLocalIso } from '../../common/time/time';
import { AgendaItem } from './agenda-item.entity';
import type { AgendaView, ReplaceAgendaDto } from './agenda.dto';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';

/** The programme of an event: read, and replaced as a whole in one transaction. */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, eventId: string): Promise<AgendaView> {
    await this.events.getInScope(principal, eventId);
    return { items: await this.items(this.db.manager, eventId) };
  }

  async replace(principal: Principal, eventId: string, dto: ReplaceAgendaDto): Promise<AgendaView> {
    const event = await this.events.getInScope(principal, eventId);
    if (event.status === 'cancelled') throw conflict('The event is cancelled', [{ field: 'status', message: 'is cancelled' }], EventsError.EventCancelled);
    const sessions = await this.db.getRepository(EventSession).find({ where: { eventId } });
    const problems: ErrorDetail[] = [];
    dto.items.forEach((item, i) => {
      if (item.startsAt && !sessions.some((s) => item.startsAt! >= s.startsAt && item.startsAt! < s.endsAt)) {
        problems.push({ field: `items.${i}.startsAt`, message: 'is outside every session of the event' });
      }
      if (item.speakerPersonId && item.speakerName) problems.push({ field: `items.${i}.speakerName`, message: 'give a speakerPersonId or a speakerName, not both' });
    });
    const speakerIds = [...new Set(dto.items.map((i) => i.speakerPersonId).filter((x): x is string => !!x))];
    const known = await this.people.existingIds(speakerIds);
    dto.items.forEach((item, i) => {
      if (item.speakerPersonId && !known.has(item.speakerPersonId)) problems.push({ field: `items.${i}.speakerPersonId`, message: `person ${item.speakerPersonId} does not exist` });
    });
    if (problems.length) throw badRequest('Invalid agenda', problems, EventsError.InvalidAgenda);

    const warnings = await this.uow.run(async () => {
      const m = this.uow.manager;
      const before = await this.items(m, eventId);
      await m.delete(AgendaItem, { eventId });
      if (dto.items.length) {
        await m.insert(
          AgendaItem,
          dto.items.map((item, position) => ({
            eventId,
            position,
            startsAt: item.startsAt ?? null,
            title: item.title,
            type: item.type,
            speakerPersonId: item.speakerPersonId ?? null,
            speakerName: item.speakerName ?? null,
          })),
        );
      }
      await this.audit.record(principal, {
        entityType: 'agenda_item',
        entityId: eventId,
        eventId,
        action: 'agenda_replaced',
        changes: { items: { from: before.map((i) => i.title), to: dto.items.map((i) => i.title) } },
      });
      return this.speakerWarnings(m, eventId, speakerIds);
    });
    const items = await this.items(this.db.manager, eventId);
    return warnings.length ? { items, warnings } : { items };
  }

  private async items(m: EntityManager, eventId: string) {
    const rows = await m.getRepository(AgendaItem).find({ where: { eventId }, order: { position: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      startsAt: r.startsAt,
      startsAtLocal: r.startsAt ? toLocalIso(r.startsAt) : null,
      title: r.title,
      type: r.type,
      speakerPersonId: r.speakerPersonId,
      speakerName: r.speakerName,
    }));
  }

  /** A speaker on the programme of another live event whose sessions overlap this one's: a warning. */
  private async speakerWarnings(m: EntityManager, eventId: string, speakerIds: string[]): Promise<ErrorDetail[]> {
    if (speakerIds.length === 0) return [];
    const rows: { speaker: string; id: string; title: string }[] = await m.query(
      `SELECT DISTINCT a.speaker_person_id AS speaker, e.id, e.title
         FROM agenda_items a JOIN events e ON e.id = a.event_id
         JOIN event_sessions s ON s.event_id = e.id
         JOIN event_sessions mine ON mine.event_id = $1 AND s.starts_at < mine.ends_at AND s.ends_at > mine.starts_at
        WHERE a.speaker_person_id = ANY($2) AND e.id <> $1 AND e.status IN ('draft', 'scheduled', 'in_progress')`,
      [eventId, speakerIds],
    );
    return rows.map((r) => ({ field: 'speakerPersonId', message: `person ${r.speaker} also speaks at event ${r.id} "${r.title}" at an overlapping time` }));
  }
}
