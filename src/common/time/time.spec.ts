import { formatLocal, localDayStart, localMonth, parseInstant, toLocalIso } from './time';

describe('Hà Nội time', () => {
  it('reads 14:00 without an offset as Hà Nội time: 07:00Z', () => {
    expect((parseInstant('2015-04-10T14:00') as Date).toISOString()).toBe('2015-04-10T07:00:00.000Z');
    expect((parseInstant('2015-04-10T00:30:15') as Date).toISOString()).toBe('2015-04-09T17:30:15.000Z');
  });

  it('keeps an explicit offset or Z', () => {
    expect((parseInstant('2015-04-10T07:00:00Z') as Date).toISOString()).toBe('2015-04-10T07:00:00.000Z');
    expect((parseInstant('2015-04-10T09:00:00+09:00') as Date).toISOString()).toBe('2015-04-10T00:00:00.000Z');
  });

  it('returns impossible or unparseable values unchanged so validation names them', () => {
    for (const bad of ['2015-02-30T10:00', '2015-04-10T25:00', '10/04/2015 14:00', '2015-04-10', 42]) expect(parseInstant(bad)).toBe(bad);
  });

  it('formats in Hà Nội time', () => {
    const d = new Date('2015-04-10T07:00:00Z');
    expect(toLocalIso(d)).toBe('2015-04-10T14:00:00+07:00');
    expect(formatLocal(new Date('2013-12-01T17:30:00Z'))).toBe('02/12/2013 00:30');
  });

  it('gives local days and months as instants', () => {
    expect(localDayStart('2015-04-10').toISOString()).toBe('2015-04-09T17:00:00.000Z');
    const { from, to } = localMonth('2015-12');
    expect([from.toISOString(), to.toISOString()]).toEqual(['2015-11-30T17:00:00.000Z', '2015-12-31T17:00:00.000Z']);
  });
});
