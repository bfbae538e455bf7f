import { combineNamedAndCounted, type PointHeadcount } from './points.seam';

const point = (pointId: string, countedHeadcount: number | null): PointHeadcount => ({ pointId, name: pointId, main: false, readiness: 'ready', countedHeadcount });

describe('counted and named attendance together', () => {
  it('counts named people at a point as part of its headcount, not on top of it', () => {
    const r = combineNamedAndCounted([point('bac-ha', 12)], new Map([['bac-ha', 3]]), 0);
    expect(r.points[0]).toMatchObject({ named: 3, total: 12 });
    expect(r.total).toBe(12);
  });

  it('never shows fewer than were named, and counts a point that only named people', () => {
    const r = combineNamedAndCounted([point('sa-pa', 2), point('si-ma-cai', null)], new Map([['sa-pa', 5], ['si-ma-cai', 4]]), 0);
    expect(r.points.map((p) => p.total)).toEqual([5, 4]);
    expect(r.total).toBe(9);
  });

  it('adds the named people who are at no point (the main hall without a point)', () => {
    expect(combineNamedAndCounted([point('bat-xat', 10)], new Map(), 7).total).toBe(17);
  });
});
