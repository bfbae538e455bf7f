import { agencyScore, competitionRanks, indicatorScore, levelOf, levelShares, rankAgencies, type ScoringDefinition } from './scoring';

const T = { good: 80, fair: 65, average: 50 };
const mail: ScoringDefinition = { id: 'mail', unit: 'percent', weight: 2, targetDepartment: 50, targetDistrict: 30, thresholds: T };
const docs: ScoringDefinition = { id: 'docs', unit: 'percent', weight: 1, targetDepartment: null, targetDistrict: null, thresholds: T };
const certs: ScoringDefinition = { id: 'certs', unit: 'count', weight: 1, targetDepartment: 20, targetDistrict: null, thresholds: T };

describe('scoring', () => {
  it("measures a value against the target of the agency's group (Thái Nguyên 2008: 50% in departments, 30% in districts)", () => {
    expect(indicatorScore(mail, 'department', 40)).toBe(80);
    expect(indicatorScore(mail, 'district', 24)).toBe(80);
    expect(indicatorScore(mail, 'district', 45)).toBe(100);
  });

  it('measures a percentage without target against 100, and a count without target as done or not', () => {
    expect(indicatorScore(docs, 'department', 40)).toBe(40);
    expect(indicatorScore(certs, 'department', 5)).toBe(25);
    expect(indicatorScore(certs, 'district', 5)).toBe(100);
    expect(indicatorScore(certs, 'district', 0)).toBe(0);
    expect(indicatorScore(docs, 'district', null)).toBeNull();
  });

  it('gives the levels tốt/khá/trung bình/yếu at 80/65/50', () => {
    expect([levelOf(80), levelOf(79.99), levelOf(65), levelOf(50), levelOf(49.99), levelOf(null)]).toEqual(['good', 'fair', 'fair', 'average', 'weak', null]);
  });

  it('weights the indicators and leaves out the ones that do not apply', () => {
    // mail 100 × 2, docs 40 × 1 → 240 / 3 = 80
    expect(agencyScore([mail, docs], { organizationId: 'a', group: 'department', values: { mail: 60, docs: 40 } }).score).toBe(80);
    expect(agencyScore([mail, docs], { organizationId: 'a', group: 'department', values: { mail: null, docs: 40 } }).score).toBe(40);
    expect(agencyScore([mail, docs], { organizationId: 'a', group: 'department', values: {} }).score).toBeNull();
  });

  it('ranks ties the competition way: 1, 2, 2, 4, with the unscored unranked', () => {
    expect(competitionRanks([70, 90, 80, null, 80])).toEqual([4, 1, 2, null, 2]);
    expect(competitionRanks([])).toEqual([]);
    expect(competitionRanks([50, 50, 50])).toEqual([1, 1, 1]);
  });

  it('ranks overall and within each group, best first', () => {
    const rows = rankAgencies([docs], [
      { organizationId: 'd1', group: 'department', values: { docs: 70 } },
      { organizationId: 'h1', group: 'district', values: { docs: 90 } },
      { organizationId: 'd2', group: 'department', values: { docs: 70 } },
      { organizationId: 'h2', group: 'district', values: {} },
      { organizationId: 'd3', group: 'department', values: { docs: 60 } },
    ]);
    expect(rows.map((r) => [r.organizationId, r.rank, r.groupRank, r.level])).toEqual([
      ['h1', 1, 1, 'good'],
      ['d1', 2, 1, 'fair'],
      ['d2', 2, 1, 'fair'],
      ['d3', 4, 3, 'average'],
      ['h2', null, null, null],
    ]);
  });

  it('says the share of agencies per level in whole percent (Lào Cai 2014: 9 of 31 tốt = 29%, 12 of 31 khá = 39%)', () => {
    const levels = [...Array(9).fill('good'), ...Array(12).fill('fair'), ...Array(7).fill('average'), ...Array(3).fill('weak'), null];
    expect(levelShares(levels)).toEqual([
      { level: 'good', count: 9, percent: 29 },
      { level: 'fair', count: 12, percent: 39 },
      { level: 'average', count: 7, percent: 23 },
      { level: 'weak', count: 3, percent: 10 },
    ]);
  });
});
