import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { SqlParams } from '../common/sql';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { AuditEntry } from './audit-entry.entity';

/** Who acted: a signed-in user (a Principal), hoinghi itself (`system`), or the holder of a personal link (`userId` null). */
export interface Actor {
  userId: string | null;
  email: string;
}

export interface AuditRecord {
  entityType: 'event' | 'agenda_item' | 'task' | 'campaign' | 'participant' | 'training_program' | 'training_enrollment' | 'training_certificate';
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

/**
 * The audit trail of an event and everything about it (its agenda, tasks, participants): every write
 * records itself here, in the unit of work of the change it records.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly uow: UnitOfWork,
  ) {}

  async record(actor: Actor, r: AuditRecord): Promise<void> {
    await this.uow.manager.insert(AuditEntry, {
      actorUserId: actor.userId === 'system' ? null : actor.userId,
      actorEmail: actor.email.slice(0, 254),
      entityType: r.entityType,
      entityId: r.entityId,
      eventId: r.eventId ?? null,
      action: r.action,
      changes: (r.changes ?? {}) as never, // jsonb: TypeORM's deep-partial insert type does not fit a free-form record
    });
  }

  /**
   * `record` as an `INSERT … SELECT` for a module that makes its change and its audit entry in one
   * statement (a CTE of it): one entry per row of `from`, a relation of that statement (e.g. the rows
   * its UPDATE returned), with the entity, event and `changes` (jsonb) as SQL expressions over it.
   * The SQL of `audit_entries` stays here.
   */
  recordSql(
    actor: Actor | { emailSql: string },
    r: { entityType: AuditRecord['entityType']; action: string; entityIdSql: string; eventIdSql: string; changesSql: string; from: string },
    p: SqlParams,
  ): string {
    // An actor known only to the statement (the holder of a personal link) is given as an SQL expression of its e-mail.
    const [userId, email] = 'emailSql' in actor
      ? ['NULL::uuid', `left(${actor.emailSql}, 254)`]
      : [p.add(actor.userId === 'system' ? null : actor.userId, 'uuid'), p.add(actor.email.slice(0, 254), 'varchar')];
    return `INSERT INTO audit_entries (actor_user_id, actor_email, entity_type, entity_id, event_id, action, changes)
            SELECT ${userId}, ${email}, ${p.add(r.entityType, 'varchar')}, ${r.entityIdSql}, ${r.eventIdSql}, ${p.add(r.action, 'varchar')}, ${r.changesSql}
              FROM ${r.from}`;
  }

  /** Everything recorded about an event (itself, its agenda, its tasks), newest first. */
  forEvent(eventId: string): Promise<AuditEntry[]> {
    return this.entries.find({ where: { eventId }, order: { at: 'DESC', id: 'DESC' }, take: 500 });
  }
}
