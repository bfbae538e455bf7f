/**
 * When an event's sessions change, its timed agenda items move with them: each item keeps its
 * offset from the start of the session it was in, applied to the session that replaces it.
 *
 * Which new session replaces which old one:
 * - the same number of sessions: by position in start order (1st → 1st, 2nd → 2nd …);
 * - a different number: by title (same title, ignoring case and surrounding spaces, when one new
 *   session has it), then by the largest overlap in time; each new session replaces at most one
 *   old session. An old session nothing replaces (removed or merged) keeps its items where they
 *   are.
 * An item whose time was in no old session keeps its time too. Whatever ends up outside every new
 * session is reported in `outside` (the caller refuses the change or, forced, clears those times).
 */

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  title?: string | null;
}

export interface TimedItem {
  id: string;
  position: number;
  title: string;
  startsAt: Date | null;
}

export interface ItemMove {
  id: string;
  position: number;
  title: string;
  from: Date;
  to: Date;
}

export interface AgendaShift {
  /** Items whose time changes and still falls inside a new session. */
  moved: ItemMove[];
  /** Items that would fall outside every new session (`to` is where the rule would put them). */
  outside: ItemMove[];
}

const byStart = (a: Slot, b: Slot) => a.startsAt.getTime() - b.startsAt.getTime();
const inside = (t: Date, s: Slot) => t.getTime() >= s.startsAt.getTime() && t.getTime() < s.endsAt.getTime();
const titleKey = (s: Slot) => (s.title ?? '').trim().toLocaleLowerCase('vi');
const overlap = (a: Slot, b: Slot) => Math.max(0, Math.min(a.endsAt.getTime(), b.endsAt.getTime()) - Math.max(a.startsAt.getTime(), b.startsAt.getTime()));

/** Old session index (start order) → the new session that replaces it. */
export function matchSessions(before: Slot[], after: Slot[]): Map<number, Slot> {
  const olds = [...before].sort(byStart);
  const news = [...after].sort(byStart);
  const match = new Map<number, Slot>();
  if (olds.length === news.length) {
    olds.forEach((_, i) => match.set(i, news[i]));
    return match;
  }
  const taken = new Set<Slot>();
  // By title, when exactly one unclaimed new session carries it.
  olds.forEach((o, i) => {
    if (!titleKey(o)) return;
    const same = news.filter((n) => !taken.has(n) && titleKey(n) === titleKey(o));
    if (same.length === 1) {
      match.set(i, same[0]);
      taken.add(same[0]);
    }
  });
  // Then by overlap, largest first (ties: earlier old session, then earlier new session).
  const pairs = olds
    .flatMap((o, i) => (match.has(i) ? [] : news.map((n, j) => ({ i, j, n, size: overlap(o, n) }))))
    .filter((p) => p.size > 0)
    .sort((a, b) => b.size - a.size || a.i - b.i || a.j - b.j);
  for (const p of pairs) {
    if (match.has(p.i) || taken.has(p.n)) continue;
    match.set(p.i, p.n);
    taken.add(p.n);
  }
  return match;
}

/** Where each timed item goes when the sessions `before` become `after` (pure: nothing is written). */
export function shiftAgenda(before: Slot[], after: Slot[], items: TimedItem[]): AgendaShift {
  const olds = [...before].sort(byStart);
  const match = matchSessions(olds, after);
  const moved: ItemMove[] = [];
  const outside: ItemMove[] = [];
  for (const item of items) {
    if (!item.startsAt) continue;
    const from = item.startsAt;
    const i = olds.findIndex((s) => inside(from, s));
    const target = i >= 0 ? match.get(i) : undefined;
    const to = target ? new Date(target.startsAt.getTime() + (from.getTime() - olds[i].startsAt.getTime())) : from;
    const move = { id: item.id, position: item.position, title: item.title, from, to };
    if (!after.some((s) => inside(to, s))) outside.push(move);
    else if (to.getTime() !== from.getTime()) moved.push(move);
  }
  return { moved, outside };
}
