import { defaultRehearsal, flagged, nextReadiness } from './readiness';

describe('bridge point readiness', () => {
  it.each([
    ['untested', 'rehearsed', 'rehearsed'],
    ['untested', 'ready', null],
    ['untested', 'fault', 'fault'],
    ['rehearsed', 'ready', 'ready'],
    ['ready', 'fault', 'fault'],
    ['fault', 'rehearsed', 'rehearsed'],
    ['fault', 'ready', null],
    ['ready', 'untested', 'untested'],
  ] as const)('%s → %s gives %s', (from, to, expected) => {
    const action = to === 'fault' ? { to, fault: 'no_sound' as const } : { to };
    expect(nextReadiness(from, action)).toBe(expected);
  });

  it('flags a point that is not ready from 60 minutes before the start', () => {
    const start = new Date('2026-12-10T07:00:00Z');
    expect(flagged('rehearsed', start, new Date('2026-12-10T05:59:59Z'))).toBe(false);
    expect(flagged('rehearsed', start, new Date('2026-12-10T06:00:00Z'))).toBe(true);
    expect(flagged('fault', start, new Date('2026-12-10T08:00:00Z'))).toBe(true);
    expect(flagged('ready', start, new Date('2026-12-10T06:30:00Z'))).toBe(false);
  });

  it('rehearses at 14:00 Hà Nội on the working day before (Friday for a Monday)', () => {
    // Monday 14/12/2026 08:00 Hà Nội → Friday 11/12/2026 14:00 Hà Nội (07:00Z).
    expect(defaultRehearsal(new Date('2026-12-14T01:00:00Z')).toISOString()).toBe('2026-12-11T07:00:00.000Z');
    // Wednesday 07:30 Hà Nội (00:30Z the same day) → Tuesday.
    expect(defaultRehearsal(new Date('2026-12-09T00:30:00Z')).toISOString()).toBe('2026-12-08T07:00:00.000Z');
    // 06:00 Hà Nội on Tuesday is 23:00Z Monday: the local day decides → Monday.
    expect(defaultRehearsal(new Date('2026-12-07T23:00:00Z')).toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });
});
