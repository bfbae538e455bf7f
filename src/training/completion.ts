import type { EnrollmentStatus } from './training.entity';

/** An attendance mark as completion reads it (attendance's statuses; null: nothing recorded). */
export type Mark = 'present' | 'late' | 'absent' | 'excused' | 'substitute' | null;

export interface CompletionInput {
  /** When the trainee was enrolled: sessions of an earlier (Hà Nội) day never count. */
  enrolledAt: Date;
  sessions: { startsAt: Date; mark: Mark }[];
  /** The class's rule: at least this share (percent) of the counted sessions attended. */
  minAttendancePercent: number;
  passScore: number | null;
  score: number | null;
  /** Withdrawn, or waitlisted: then the status is that, whatever the marks. */
  fixed?: 'withdrawn' | 'waitlisted' | null;
  now: Date;
}

export interface Completion {
  status: EnrollmentStatus;
  /** Sessions in the denominator: held on or after the enrolment day, excused ones out. */
  counted: number;
  attended: number;
  excused: number;
}

/** The Hà Nội calendar day of an instant (UTC+7, no daylight saving), as a sortable number. */
const hanoiDay = (d: Date) => Math.floor((d.getTime() + 7 * 3600_000) / 86_400_000);

/**
 * A trainee's status from the class's sessions, their marks and score (issue 17 item 5). Pure, the
 * same in the recompute after each save and in the tests:
 * - a session of a day before the enrolment day never counts (neither as held nor as absent);
 * - a session is held once it has started or has a mark; until every counting session is held the
 *   trainee is `enrolled` (no verdict half-way through a class);
 * - `excused` (vắng có lý do) is out of the denominator; `present` and `late` are attended; `absent`,
 *   `substitute` (someone else came) and no mark count against;
 * - completed when attended ≥ minAttendancePercent % of the denominator (an integer comparison: 4 of 5
 *   is exactly 80 %) and, with a pass score, the score reaches it; a missing score keeps `enrolled`;
 * - nothing to count (every session excused, or enrolled after the class) is `incomplete`.
 */
export function completionOf(i: CompletionInput): Completion {
  const from = hanoiDay(i.enrolledAt);
  const counting = i.sessions.filter((s) => hanoiDay(s.startsAt) >= from);
  const held = counting.filter((s) => s.mark !== null || s.startsAt.getTime() <= i.now.getTime());
  const excused = held.filter((s) => s.mark === 'excused').length;
  const attended = held.filter((s) => s.mark === 'present' || s.mark === 'late').length;
  const counted = held.length - excused;
  const base = { counted, attended, excused };
  if (i.fixed) return { status: i.fixed, ...base };
  if (held.length < counting.length) return { status: 'enrolled', ...base };
  const attendedEnough = counted > 0 && attended * 100 >= i.minAttendancePercent * counted;
  if (!attendedEnough) return { status: 'incomplete', ...base };
  if (i.passScore !== null) {
    if (i.score === null) return { status: 'enrolled', ...base };
    if (i.score < i.passScore) return { status: 'incomplete', ...base };
  }
  return { status: 'completed', ...base };
}

/** A certificate number: `TH-HG/2013/0001` (at least four digits). */
export function certificateNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}/${year}/${String(seq).padStart(4, '0')}`;
}
