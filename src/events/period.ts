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

/** The months a period covers, as [first, last]. */
export function periodMonths(p: Period): [number, number] {
  if (p.quarter) return [p.quarter * 3 - 2, p.quarter * 3];
  return [p.fromMonth ?? 1, p.toMonth ?? 12];
}
