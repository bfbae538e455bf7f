/**
 * RFC 5545 §3.1 content-line folding.
 *
 * Lines are limited to 75 *octets* excluding the CRLF, and a continuation line starts with one
 * space that counts toward its 75. `ics` 3.12 folds at 75 *characters* (with a TAB), which lets
 * a Vietnamese line reach ~100 octets, so the calendar builder unfolds its output and refolds it
 * here. We cut only between code points: a split UTF-8 sequence is what strict parsers reject.
 * Splitting a grapheme (a base letter and a combining mark, as in NFD Vietnamese) is harmless,
 * because unfolding restores the exact text before anything is rendered.
 */

const LIMIT = 75;
const CRLF = '\r\n';

/** Octets of one code point in UTF-8 (a lone surrogate is encoded as U+FFFD, 3 octets). */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** Folds one logical content line (no CR or LF inside) into physical lines joined by CRLF + space. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= LIMIT) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = LIMIT;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = LIMIT - 1; // the leading space of the continuation line
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** Undoes any folding (space or TAB continuation, as RFC 5545 allows both). */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}
