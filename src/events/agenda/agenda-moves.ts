import { type EntityManager, IsNull, Not } from 'typeorm';
import { conflict } from '../../common/errors/api-error';
import { formatLocal } from '../../common/time/time';
import { EventsError } from '../events.errors';
import { AgendaItem } from './agenda-item.entity';
import { shiftAgenda, type Slot } from './agenda-shift';

/**
 * Moves an event's timed agenda items with its sessions (rule in `agenda-shift.ts`), in the caller's
 * transaction, before the sessions are replaced. Items that would fall outside every new session
 * refuse the change with a 409 naming each, unless `force`: then their times are cleared. Returns
 * what changed, for the event's history (nothing when no item moves).
 */
export async function moveAgendaWithSessions(m: EntityManager, eventId: string, before: Slot[], after: Slot[], force: boolean): Promise<Record<string, unknown>> {
  const items = await m.getRepository(AgendaItem).find({ where: { eventId, startsAt: Not(IsNull()) }, order: { position: 'ASC' } });
  const { moved, outside } = shiftAgenda(before, after, items);
  if (outside.length && !force) {
    throw conflict(
      `${outside.length} agenda item(s) would fall outside every session; move them first, or send force=true to clear their times`,
      outside.map((i) => ({ field: `agenda.${i.position}.startsAt`, message: `"${i.title}" at ${formatLocal(i.from)} would be at ${formatLocal(i.to)}, outside every session` })),
      EventsError.AgendaOutsideSessions,
    );
  }
  if (moved.length) {
    await m.query(`UPDATE agenda_items a SET starts_at = v.starts_at, updated_at = now() FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, starts_at) WHERE a.id = v.id`, [
      moved.map((i) => i.id),
      moved.map((i) => i.to),
    ]);
  }
  if (outside.length) await m.query('UPDATE agenda_items SET starts_at = NULL, updated_at = now() WHERE id = ANY($1::uuid[])', [outside.map((i) => i.id)]);
  return {
    ...(moved.length ? { agendaMoved: moved.map((i) => ({ title: i.title, from: formatLocal(i.from), to: formatLocal(i.to) })) } : {}),
    ...(outside.length ? { agendaTimesCleared: outside.map((i) => ({ title: i.title, from: formatLocal(i.from) })) } : {}),
  };
}
