/** The period an event reviews: a year, a quarter of it, or a month range ("7 tháng" = months 1–7). */
export interface Period {
  year: number;
  quarter?: number | null;
  fromMonth?: number | null;
  toMonth?: number | null;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Quý I/2015", "7 tháng 2015", "Tháng 4–6/2015", "Tháng 4/2015", "Năm 2015". */
export function periodLabel(p: Period): string {
  if (p.quarter) return `Quý ${ROMAN[p.quarter - 1]}/${p.year}`;
  if (p.fromMonth && p.toMonth) {
    if (p.fromMonth === 1 && p.toMonth < 12) return `${p.toMonth} tháng ${p.year}`;
    if (p.fromMonth === p.toMonth) return `Tháng ${p.fromMonth}/${p.year}`;
    if (!(p.fromMonth === 1 && p.toMonth === 12)) return `Tháng ${p.fromMonth}–${p.toMonth}/${p.year}`;
  }
  return `Năm ${p.year}`;
}

/** A period as the API shows it: its four fields and its label. */
export function periodView(p: Period): { year: number; quarter: number | null; fromMonth: number | null; toMonth: number | null; label: string } {
  return { year: p.year, quarter: p.quarter ?? null, fromMonth: p.fromMonth ?? null, toMonth: p.toMonth ?? null, label: periodLabel(p) };
}

/** The months a period covers, as [first, last]. */
export function periodMonths(p: Period): [number, number] {
  if (p.quarter) return [p.quarter * 3 - 2, p.quarter * 3];
  return [p.fromMonth ?? 1, p.toMonth ?? 12];
}

const ROMAN_VALUE: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * Reads a period the way conclusions write it: "Quý II/2015", "quý 2 năm 2015", "6 tháng 2015",
 * "6 tháng đầu năm 2015", "Tháng 5/2015", "Năm 2015". Null when it is not one of those.
 */
export function parsePeriodLabel(label: string): Period | null {
  const s = label
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  let m = /^quy (i{1,3}|iv|[1-4])\s*(?:\/|nam )\s*(\d{4})$/.exec(s);
  if (m) return { year: +m[2], quarter: ROMAN_VALUE[m[1]] ?? +m[1] };
  m = /^(\d{1,2}) thang(?: dau nam)?\s*(?:\/|nam )?\s*(\d{4})$/.exec(s);
  if (m && +m[1] >= 1 && +m[1] <= 12) return { year: +m[2], fromMonth: 1, toMonth: +m[1] };
  m = /^thang (\d{1,2})\s*(?:\/|nam )\s*(\d{4})$/.exec(s);
  if (m && +m[1] >= 1 && +m[1] <= 12) return { year: +m[2], fromMonth: +m[1], toMonth: +m[1] };
  m = /^nam (\d{4})$/.exec(s);
  if (m) return { year: +m[1] };
  return null;
}

/** The last day of a period, `YYYY-MM-DD`: "Quý II/2015" → 2015-06-30. */
export function periodEnd(p: Period): string {
  const [, last] = periodMonths(p);
  const day = new Date(Date.UTC(p.year, last, 0)).getUTCDate();
  return `${p.year}-${String(last).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
