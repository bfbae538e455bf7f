import { formatLocal } from '../../common/time/time';
import type { PersonView } from '../../people/dto/person.dto';
import type { TrainingService } from '../../training/training.service';
import type { TrainingSummaryService } from '../../training/training-summary.service';
import type { TrainerRosterService } from '../../training/trainer-roster.service';

/*
 * What the workspace's training pages show (views/workspace/training*.eta), from the training
 * services' views: plain data, dates dd/MM/yyyy HH:mm in Hà Nội time, shares as whole percents.
 */

/** The marks one tap sets on the class page (the attendance statuses a trainer uses). */
export const ROSTER_CHOICES = ['present', 'late', 'absent', 'excused'] as const;

type ProgramSummary = Awaited<ReturnType<TrainingSummaryService['programSummary']>>;
type ClassView = Awaited<ReturnType<TrainingService['classView']>>;
type EnrollmentView = Awaited<ReturnType<TrainingService['listEnrollments']>>[number];
type RosterItem = Awaited<ReturnType<TrainerRosterService['roster']>>['items'][number];
type Session = { id: string; startsAt: Date | string; endsAt: Date | string; title?: string | null };

const percent = (share: number | null | undefined) => (share === null || share === undefined ? null : Math.round(share * 100));
const span = (from: Date | string, to: Date | string) => `${formatLocal(new Date(from))} – ${formatLocal(new Date(to))}`;
const HANOI_DAY = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The session to mark: today's (Hà Nội) first not yet over, else today's first, else the next one, else the last. */
export function currentSessionId(sessions: Session[], now: Date): string | null {
  const sorted = [...sessions].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
  const today = sorted.filter((s) => HANOI_DAY(new Date(s.startsAt)) === HANOI_DAY(now));
  const pick = today.find((s) => new Date(s.endsAt) > now) ?? today[0] ?? sorted.find((s) => new Date(s.endsAt) > now) ?? sorted[sorted.length - 1];
  return pick?.id ?? null;
}

function classRow(c: ClassView) {
  return {
    id: c.eventId, title: c.title, programName: c.programName, when: span(c.startsAt, c.endsAt), status: c.status,
    seats: c.capacity === null ? String(c.enrolled) : `${c.enrolled}/${c.capacity}`, waitlisted: c.waitlisted, completed: c.completed,
  };
}

export function trainingIndexView(summaries: ProgramSummary[], classes: ClassView[]) {
  return {
    programs: summaries.map((s) => ({
      id: s.programId, code: s.code, name: s.name, year: s.year,
      classesHeld: s.classes.held, classesPlanned: s.classes.planned, classesTarget: s.targets.classes, classesProgress: percent(s.targets.classesProgress),
      traineesNguoi: s.trainees.enrolledNguoi, traineesLuot: s.trainees.enrolledLuot, traineesTarget: s.targets.trainees, traineesProgress: percent(s.targets.traineesProgress),
      completedNguoi: s.trainees.completedNguoi,
    })),
    classes: classes.map(classRow),
  };
}

export function classPageView(c: ClassView, enrollments: EnrollmentView[], roster: RosterItem[], sessionId: string | null, found: PersonView[]) {
  const enrolledPersons = new Set(enrollments.map((e) => e.personId));
  const sessions = [...(c.sessions ?? [])].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
  return {
    cls: {
      ...classRow(c), venue: c.venueName ?? c.onlineUrl ?? '', capacity: c.capacity, minAttendancePercent: c.minAttendancePercent, passScore: c.passScore, hours: c.hours,
      trainers: [...c.trainers.map((t) => t.fullName), ...c.externalTrainers].join(', '), incomplete: c.incomplete, withdrawn: c.withdrawn,
    },
    sessions: sessions.map((s, i) => ({ id: s.id, n: i + 1, label: span(s.startsAt, s.endsAt), current: s.id === sessionId })),
    sessionId,
    roster: roster.map((r) => ({ participantId: r.participantId, fullName: r.fullName, organizationName: r.organizationName ?? '', status: r.attendance?.status ?? null })),
    present: roster.filter((r) => r.attendance?.status === 'present' || r.attendance?.status === 'late').length,
    trainees: enrollments.map((e) => ({
      id: e.id, fullName: e.fullName, organizationName: e.organizationName ?? '', status: e.status,
      attendance: e.status === 'waitlisted' ? '' : `${e.sessionsAttended}/${e.sessionsCounted}`, score: e.score ?? '',
      certificate: e.certificate ? { number: e.certificate.number ?? '', revoked: e.certificate.revoked } : null,
    })),
    found: found.map((p) => ({ id: p.id, fullName: p.fullName, detail: [p.title, p.email].filter(Boolean).join(' · '), enrolled: enrolledPersons.has(p.id) })),
  };
}
