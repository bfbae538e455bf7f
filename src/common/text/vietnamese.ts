/**
 * Text helpers for Vietnamese input. Search itself happens in PostgreSQL (`vn_fold`, see the
 * VietnameseText migration); here we only make input uniform before it is stored or compared.
 */

/** Drops control characters (a NUL cannot be stored in PostgreSQL text), trims, collapses inner white space and composes to NFC, so "Nguyễn" typed in decomposed form matches the stored one. */
export function cleanText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // eslint-disable-next-line no-control-regex
  return value.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\s+/g, ' ').trim();
}

/** Escapes LIKE wildcards so a user's `%` or `_` is matched literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The same folding as the database's `vn_fold` (lower-case, no diacritics, đ → d), for code that
 * must compare in JavaScript (e.g. CSV header names). Never used to filter rows.
 */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}
