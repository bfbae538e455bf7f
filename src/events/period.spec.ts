import { parsePeriodLabel, periodEnd, periodLabel, periodMonths } from './period';

describe('periods', () => {
  it('labels periods the way the articles write them', () => {
    expect(periodLabel({ year: 2015, quarter: 1 })).toBe('Quý I/2015');
    expect(periodLabel({ year: 2015, quarter: 2 })).toBe('Quý II/2015');
    expect(periodLabel({ year: 2015, fromMonth: 1, toMonth: 7 })).toBe('7 tháng 2015');
    expect(periodLabel({ year: 2015, fromMonth: 4, toMonth: 6 })).toBe('Tháng 4–6/2015');
    expect(periodLabel({ year: 2015, fromMonth: 4, toMonth: 4 })).toBe('Tháng 4/2015');
    expect(periodLabel({ year: 2008 })).toBe('Năm 2008');
    expect(periodLabel({ year: 2008, fromMonth: 1, toMonth: 12 })).toBe('Năm 2008');
  });

  it('gives the months covered', () => {
    expect(periodMonths({ year: 2015, quarter: 2 })).toEqual([4, 6]);
    expect(periodMonths({ year: 2015, fromMonth: 1, toMonth: 7 })).toEqual([1, 7]);
    expect(periodMonths({ year: 2015 })).toEqual([1, 12]);
  });

  it('reads the periods conclusions assign tasks by, and their last day', () => {
    expect(parsePeriodLabel('Quý II/2015')).toEqual({ year: 2015, quarter: 2 });
    expect(periodEnd(parsePeriodLabel('Quý II/2015')!)).toBe('2015-06-30');
    expect(periodEnd(parsePeriodLabel('quý 1 năm 2016')!)).toBe('2016-03-31');
    expect(periodEnd(parsePeriodLabel('6 tháng đầu năm 2015')!)).toBe('2015-06-30');
    expect(periodEnd(parsePeriodLabel('Tháng 2/2016')!)).toBe('2016-02-29');
    expect(periodEnd(parsePeriodLabel('Năm 2015')!)).toBe('2015-12-31');
    expect(periodEnd(parsePeriodLabel('QUÝ IV/2015')!)).toBe('2015-12-31');
    for (const bad of ['Quý V/2015', 'Tháng 13/2015', 'sớm nhất có thể', '2015']) expect(parsePeriodLabel(bad)).toBeNull();
  });
});
