/*
 * Scoring and ranking of agencies, as pure functions (no database, no clock): the service feeds them
 * the definitions and each agency's values of a period, and freezes what they return when a ranking
 * is published.
 *
 * - An indicator's score is its value against the agency's target, 0–100: min(100, value ÷ target × 100).
 *   The target is the definition's for the agency's group (department or district); a percentage without
 *   a target is measured against 100%.
 * - A value of null is "not applicable" (a participation figure with nothing to count, e.g. an agency
 *   that was invited to nothing): that indicator's weight leaves the agency's average. The service
 *   turns a reported value that was never entered into 0 (not reported is not a pass).
 * - An agency's score is the weighted mean of its indicators' scores, rounded to 2 decimals; its level
 *   is tốt ≥ 80, khá ≥ 65, trung bình ≥ 50, else yếu (SCORE_THRESHOLDS).
 * - Ranks are competition ranks (1, 2, 2, 4) on the rounded score, overall and within each group;
 *   agencies with no applicable indicator get no score, no level and no rank, and come last.
 */

export const INDICATOR_UNITS = ['percent', 'count'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_SOURCES = ['participation', 'reported'] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];
/** The figures hoinghi computes from its own data (participation.queries.ts). */
export const INDICATOR_METRICS = ['invitations_answered', 'attendance_rate', 'headcount_trained', 'certificates_issued'] as const;
export type IndicatorMetric = (typeof INDICATOR_METRICS)[number];
/** Agencies are ranked among their own kind: provincial departments (sở, ban, ngành) and districts (huyện, thành phố). */
export const AGENCY_GROUPS = ['department', 'district'] as const;
export type AgencyGroup = (typeof AGENCY_GROUPS)[number];
export const LEVELS = ['good', 'fair', 'average', 'weak'] as const;
export type Level = (typeof LEVELS)[number];

export interface Thresholds {
  good: number;
  fair: number;
  average: number;
}
/** The levels of an agency's score (seed 003: "29% đạt mức tốt, 39% mức khá"). */
export const SCORE_THRESHOLDS: Thresholds = { good: 80, fair: 65, average: 50 };

export interface ScoringDefinition {
  id: string;
  unit: IndicatorUnit;
  weight: number;
  targetDepartment: number | null;
  targetDistrict: number | null;
  thresholds: Thresholds;
}

export interface AgencyValues {
  organizationId: string;
  group: AgencyGroup;
  /** Definition id → value (null: not applicable). A definition absent here is not applicable either. */
  values: Record<string, number | null>;
}

export interface IndicatorScore {
  definitionId: string;
  value: number | null;
  target: number | null;
  score: number | null;
  level: Level | null;
}

export interface ScoredAgency {
  organizationId: string;
  group: AgencyGroup;
  score: number | null;
  level: Level | null;
  /** Competition rank among all agencies (1, 2, 2, 4); null without a score. */
  rank: number | null;
  /** The same within the agency's group. */
  groupRank: number | null;
  indicators: IndicatorScore[];
}

export interface LevelShare {
  level: Level;
  count: number;
  /** Whole percent of the agencies with a score (29, 39, …). */
  percent: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function targetFor(def: Pick<ScoringDefinition, 'unit' | 'targetDepartment' | 'targetDistrict'>, group: AgencyGroup): number | null {
  const target = group === 'department' ? def.targetDepartment : def.targetDistrict;
  return target ?? (def.unit === 'percent' ? 100 : null);
}

/** An indicator's score 0–100 against the target; a count without a target scores 100 when above 0. */
export function indicatorScore(def: ScoringDefinition, group: AgencyGroup, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const target = targetFor(def, group);
  if (target === null) return value > 0 ? 100 : 0;
  return round2(Math.min(100, (Math.max(0, value) / target) * 100));
}

export function levelOf(score: number | null, t: Thresholds = SCORE_THRESHOLDS): Level | null {
  if (score === null) return null;
  return score >= t.good ? 'good' : score >= t.fair ? 'fair' : score >= t.average ? 'average' : 'weak';
}

/** The weighted mean of the applicable indicators' scores (null when none applies). */
export function agencyScore(defs: ScoringDefinition[], agency: AgencyValues): { score: number | null; indicators: IndicatorScore[] } {
  let sum = 0;
  let weights = 0;
  const indicators = defs.map((def) => {
    const value = agency.values[def.id] ?? null;
    const score = indicatorScore(def, agency.group, value);
    if (score !== null) {
      sum += score * def.weight;
      weights += def.weight;
    }
    return { definitionId: def.id, value, target: targetFor(def, agency.group), score, level: levelOf(score, def.thresholds) };
  });
  return { score: weights > 0 ? round2(sum / weights) : null, indicators };
}

/** Competition ranks of scores (higher first): [90, 80, 80, 70] → [1, 2, 2, 4]; null scores get null. */
export function competitionRanks(scores: (number | null)[]): (number | null)[] {
  const ranked = scores.map((s, i) => ({ s, i })).filter((x): x is { s: number; i: number } => x.s !== null);
  ranked.sort((a, b) => b.s - a.s);
  const out: (number | null)[] = scores.map(() => null);
  ranked.forEach((x, pos) => (out[x.i] = pos > 0 && ranked[pos - 1].s === x.s ? out[ranked[pos - 1].i] : pos + 1));
  return out;
}

/** How many agencies (with a score) are at each level, and their whole-percent share. */
export function levelShares(levels: (Level | null)[]): LevelShare[] {
  const scored = levels.filter((l): l is Level => l !== null);
  return LEVELS.map((level) => {
    const count = scored.filter((l) => l === level).length;
    return { level, count, percent: scored.length ? Math.round((count / scored.length) * 100) : 0 };
  });
}

/** Scores and ranks every agency: best first (by score, then the given order for ties and the unscored). */
export function rankAgencies(defs: ScoringDefinition[], agencies: AgencyValues[]): ScoredAgency[] {
  const scored = agencies.map((a) => {
    const { score, indicators } = agencyScore(defs, a);
    return { organizationId: a.organizationId, group: a.group, score, level: levelOf(score), rank: null as number | null, groupRank: null as number | null, indicators };
  });
  competitionRanks(scored.map((s) => s.score)).forEach((r, i) => (scored[i].rank = r));
  for (const group of AGENCY_GROUPS) {
    const members = scored.filter((s) => s.group === group);
    competitionRanks(members.map((s) => s.score)).forEach((r, i) => (members[i].groupRank = r));
  }
  const order = new Map(scored.map((s, i) => [s, i]));
  return [...scored].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || order.get(a)! - order.get(b)!);
}
