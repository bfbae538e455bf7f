import type { ValidationError } from 'class-validator';
import type { AgendaItemView } from '../../events/agenda/agenda.dto';
import { AGENDA_TYPES } from '../../events/agenda/agenda.dto';
import type { EventView } from '../../events/dto/event.dto';
import type { ErrorDetail } from '../../common/errors/api-error';
import { clientError } from '../page-response';
import { type Form, text } from './workspace-http';

/*
 * The repeated rows of the event forms without JavaScript: sessions (`sessions.<i>.startsAt|endsAt|title`)
 * and agenda items (`agenda.<i>.session|time|title|type|speaker`). A row with a ticked `remove`, or left
 * blank, is dropped; the button `op=more` shows the form again with a blank row more instead of saving.
 * The rules (end after start, no overlap, an item within a session…) are the services'; their refusals
 * are shown beside the field they name.
 */

export const MAX_SESSIONS = 60;
export const MAX_AGENDA = 200;

export interface SessionRow { startsAt: string; endsAt: string; title: string }
export interface AgendaRow { session: string; time: string; title: string; type: string; speaker: string }

function rows<T extends object>(body: Form, prefix: string, fields: (keyof T & string)[], max: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < max; i++) {
    if (!fields.some((f) => `${prefix}.${i}.${f}` in (body ?? {}))) continue;
    if (body[`${prefix}.${i}.remove`]) continue;
    const row = Object.fromEntries(fields.map((f) => [f, text(body[`${prefix}.${i}.${f}`])])) as T;
    out.push(row);
  }
  return out;
}

/** The session rows of a form, without removed and blank ones. */
export const sessionRows = (body: Form): SessionRow[] => rows<SessionRow>(body, 'sessions', ['startsAt', 'endsAt', 'title'], MAX_SESSIONS).filter((r) => r.startsAt || r.endsAt || r.title);

/** The agenda rows of a form, without removed ones and those with no title and no time. */
export const agendaRows = (body: Form): AgendaRow[] => rows<AgendaRow>(body, 'agenda', ['session', 'time', 'title', 'type', 'speaker'], MAX_AGENDA).filter((r) => r.title || r.time || r.speaker);

/** The sessions of an event as form rows (`2031-09-10T08:00`, Hà Nội time). */
export const sessionRowsOf = (e: EventView): SessionRow[] => (e.sessions ?? []).map((s) => ({ startsAt: s.startsAtLocal.slice(0, 16), endsAt: s.endsAtLocal.slice(0, 16), title: s.title ?? '' }));

/** The saved agenda as rows, each under the session it falls in (the first session when it has no time). */
export function agendaRowsOf(e: EventView, items: AgendaItemView[]): AgendaRow[] {
  const sessions = e.sessions ?? [];
  return items.map((i) => {
    const at = i.startsAt ? new Date(i.startsAt).getTime() : null;
    const index = at === null ? 0 : Math.max(0, sessions.findIndex((s) => at >= new Date(s.startsAt).getTime() && at < new Date(s.endsAt).getTime()));
    return { session: String(index), time: i.startsAtLocal ? i.startsAtLocal.slice(11, 16) : '', title: i.title, type: i.type, speaker: i.speakerName ?? '' };
  });
}

/**
 * An agenda row's start: the day of its session with the row's `HH:mm` — the next day when that is
 * before the session starts (a session across midnight). Undefined when the row has no time.
 */
export function agendaStart(e: EventView, row: AgendaRow): string | undefined {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(row.time)) return row.time ? row.time : undefined;
  const s = (e.sessions ?? [])[Number(row.session) || 0];
  if (!s) return `invalid ${row.time}`;
  const day = s.startsAtLocal.slice(0, 10);
  if (`${day}T${row.time}` >= s.startsAtLocal.slice(0, 16)) return `${day}T${row.time}`;
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return `${next.toISOString().slice(0, 10)}T${row.time}`;
}

export const agendaTypeOf = (t: string) => ((AGENDA_TYPES as readonly string[]).includes(t) ? t : 'other');

/** class-validator's nested errors as `sessions.0.endsAt`-style paths. */
export function problemPaths(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    return e.children?.length ? problemPaths(e.children, path) : [path];
  });
}

/** The fields a service's refusal names, with the words of its reason when the catalog has them (`field.<reason>`). */
export function refusedFields(e: unknown): Record<string, string> {
  if (!clientError(e)) return {};
  const details = (e.getResponse() as { details?: ErrorDetail[] }).details ?? [];
  return Object.fromEntries(details.map((d) => [d.field, REASONS[d.message] ?? 'invalid']));
}

/** The services' reasons the pages word (see `field.*` in the workspace catalog). */
const REASONS: Record<string, string> = {
  'must be after startsAt': 'afterStart',
  'overlaps another session of the event': 'overlaps',
  'is outside every session of the event': 'outsideSessions',
};
