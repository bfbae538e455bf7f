import { foldVietnamese } from '../text/vietnamese';

/** Parses "có / không / x / yes / true / 1" style booleans from spreadsheets. */
export function parseYesNo(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = foldVietnamese(value.trim());
  if (['co', 'x', 'yes', 'true', '1', 'y'].includes(v)) return true;
  if (['khong', 'no', 'false', '0', 'n', ''].includes(v)) return false;
  return value;
}
