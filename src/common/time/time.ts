/**
 * Times in hoinghi: stored as UTC instants; input without an offset and all display are in
 * Asia/Ho_Chi_Minh. Việt Nam has kept UTC+7 without daylight saving since 1975, so the zone is a
 * fixed offset for every date hoinghi handles.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600 * 1000;
/** The earliest and latest instants a stored time may hold: 01/01/1900 00:00 and 31/12/2200 23:59:59.999, Hà Nội time. */
export const EARLIEST_INSTANT = new Date('1900-01-01T00:00:00+07:00');
export const LATEST_INSTANT = new Date('2200-12-31T23:59:59.999+07:00');

/** `column` within EARLIEST_INSTANT … LATEST_INSTANT, for a table's CHECK (null passes: a nullable column stays optional). */
export const instantInRangeSql = (column: string) => `${column} BETWEEN '${EARLIEST_INSTANT.toISOString()}' AND '${LATEST_INSTANT.toISOString()}'`;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * `2015-04-10T14:00` (Hà Nội time) or an ISO instant with an offset → Date. Anything else is
 * returned unchanged so the DTO's `@IsDate()` reports it with the field name.
 */
export function parseInstant(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const local = LOCAL.exec(value);
  if (local) {
    const [, y, mo, d, h, mi, s = '00'] = local;
    const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - OFFSET_MS;
    const back = new Date(ms + OFFSET_MS);
    // Reject 2015-02-30T10:00 and 25:00 instead of letting Date roll them over.
    if (back.getUTCFullYear() !== +y || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || back.getUTCHours() !== +h) return value;
    return new Date(ms);
  }
  if (WITH_OFFSET.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

/** `2015-04-10T14:00:00+07:00` */
export function toLocalIso(date: Date): string {
  return `${new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** `10/04/2015 14:00`, the way Vietnamese users write it. */
export function formatLocal(date: Date): string {
  const iso = new Date(date.getTime() + OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/** The instant a local calendar day (`2015-04-10`) begins. */
export function localDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS);
}

/** The local month `2015-04` as [start, end) instants. */
export function localMonth(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(y, m - 1, 1) - OFFSET_MS), to: new Date(Date.UTC(y, m, 1) - OFFSET_MS) };
}
