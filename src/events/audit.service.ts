import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  entityType: 'event' | 'agenda_item' | 'task' | 'campaign';
  entityId: string;
  eventId?: string | null;
  action: string;
  changes?: Record<string, unknown>;
}

/** `{ field: { from, to } }` for the fields of `after` whose value differs from `before`. */
export function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  for (const [k, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = b[k];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) out[k] = { from: from ?? null, to: to ?? null };
  }
  return out;
}

/** The audit trail of the events module: every write records itself here, in its own transaction. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(m: EntityManager, principal: Principal, r: AuditRecord): Promise<void> {
    await m.insert(AuditEntry, {
      actorUserId: principal.userId === 'system' ? null : principal.userId,
      actorEmail: principal.email,
      entityType: r.entityType,
      entityId: r.entityId,
      eventId: r.eventId ?? null,
      action: r.action,
      changes: (r.changes ?? {}) as never, // jsonb: TypeORM's deep-partial insert type does not fit a free-form record
    });
  }

  /** Everything recorded about an event (itself, its agenda, its tasks), newest first. */
  forEvent(eventId: string): Promise<AuditEntry[]> {
    return this.entries.find({ where: { eventId }, order: { at: 'DESC', id: 'DESC' }, take: 500 });
  }
}
