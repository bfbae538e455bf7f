import { certificateNumber, completionOf, type Mark } from './completion';

const at = (local: string) => new Date(`${local}+07:00`);
const five = (marks: Mark[]) => marks.map((mark, i) => ({ startsAt: at(`2013-12-0${i + 2}T08:00`), mark }));
const base = { enrolledAt: at('2013-11-30T10:00'), minAttendancePercent: 80, passScore: null, score: null, now: at('2013-12-31T00:00') };

describe('completion rule', () => {
  it('completes at exactly the threshold (4 of 5 = 80 %) and not one session below', () => {
    expect(completionOf({ ...base, sessions: five(['present', 'late', 'present', 'present', 'absent']) })).toEqual({ status: 'completed', counted: 5, attended: 4, excused: 0 });
    expect(completionOf({ ...base, sessions: five(['present', 'absent', 'present', 'present', 'absent']) }).status).toBe('incomplete');
  });

  it('takes excused sessions out of the denominator (3 of 4 is 75 %, 4 of 4 completes)', () => {
    expect(completionOf({ ...base, sessions: five(['present', 'excused', 'present', 'present', 'absent']) })).toEqual({ status: 'incomplete', counted: 4, attended: 3, excused: 1 });
    expect(completionOf({ ...base, sessions: five(['present', 'excused', 'present', 'present', 'late']) }).status).toBe('completed');
  });

  it('never counts sessions of days before the enrolment (a late enrolment is not absent for them)', () => {
    const late = completionOf({ ...base, enrolledAt: at('2013-12-04T07:00'), sessions: five([null, null, 'present', 'present', 'absent']) });
    expect(late).toEqual({ status: 'incomplete', counted: 3, attended: 2, excused: 0 });
    expect(completionOf({ ...base, enrolledAt: at('2013-12-04T07:00'), sessions: five([null, null, 'present', 'present', 'present']) }).status).toBe('completed');
  });

  it('gives no verdict while sessions are still to come, and a substitute is not attendance', () => {
    expect(completionOf({ ...base, now: at('2013-12-03T09:00'), sessions: five(['present', null, null, null, null]) }).status).toBe('enrolled');
    expect(completionOf({ ...base, sessions: five(['present', 'substitute', 'substitute', 'present', 'present']) }).status).toBe('incomplete');
  });

  it('waits for the score when there is a pass score, then judges it', () => {
    const s = five(['present', 'present', 'present', 'present', 'present']);
    expect(completionOf({ ...base, passScore: 5, sessions: s }).status).toBe('enrolled');
    expect(completionOf({ ...base, passScore: 5, score: 4.99, sessions: s }).status).toBe('incomplete');
    expect(completionOf({ ...base, passScore: 5, score: 5, sessions: s }).status).toBe('completed');
  });

  it('is incomplete with nothing to count, and withdrawn stays withdrawn', () => {
    expect(completionOf({ ...base, sessions: five(['excused', 'excused', 'excused', 'excused', 'excused']) }).status).toBe('incomplete');
    expect(completionOf({ ...base, fixed: 'withdrawn', sessions: five(['present', 'present', 'present', 'present', 'present']) }).status).toBe('withdrawn');
  });

  it('numbers certificates {prefix}/{year}/{seq} with four digits at least', () => {
    expect(certificateNumber('TH-HG', 2013, 1)).toBe('TH-HG/2013/0001');
    expect(certificateNumber('TH-HG', 2013, 12345)).toBe('TH-HG/2013/12345');
  });
});
