import { foldLine, unfold } from './fold';

const TITLE = 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const octets = (s: string) => Buffer.byteLength(s, 'utf8');

/** Asserts the RFC 5545 folding rules on one folded line and returns its physical lines. */
function expectWellFolded(original: string, folded: string): string[] {
  const physical = folded.split('\r\n');
  expect(unfold(folded)).toBe(original);
  physical.forEach((line, i) => {
    expect(octets(line)).toBeLessThanOrEqual(75);
    if (i > 0) expect(line.startsWith(' ')).toBe(true); // unfold() above removed exactly this one
    // Each physical line decodes alone: no UTF-8 sequence was split.
    expect(() => strictUtf8.decode(Buffer.from(line, 'utf8'))).not.toThrow();
  });
  return physical;
}

describe('foldLine', () => {
  it('leaves a line of at most 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
    expect(foldLine('SUMMARY:Hội nghị')).toBe('SUMMARY:Hội nghị');
  });

  it('folds by octets, counting the leading space of a continuation line', () => {
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
    const physical = foldLine('X'.repeat(75 + 74 + 1)).split('\r\n');
    expect(physical.map(octets)).toEqual([75, 75, 2]);
  });

  it('folds a Vietnamese title at 75 octets, not 75 characters, and unfolds to the exact text', () => {
    const line = `SUMMARY:${TITLE}`;
    expect(octets(line)).toBeGreaterThan(100); // 94 characters, 124 octets
    const physical = expectWellFolded(line, foldLine(line));
    expect(physical.length).toBe(2);
  });

  it('never splits a multi-octet character at the boundary', () => {
    // 74 ASCII octets, then "ệ" (3 octets) cannot fit in the first 75: it moves whole.
    const line = `${'A'.repeat(74)}ệ`;
    expect(foldLine(line)).toBe(`${'A'.repeat(74)}\r\n ệ`);
    // A 4-octet emoji after 73 octets likewise.
    expect(foldLine(`${'A'.repeat(73)}😀B`)).toBe(`${'A'.repeat(73)}\r\n 😀B`);
  });

  it('keeps every invariant for mixed 1- to 4-octet text, decomposed (NFD) Vietnamese included', () => {
    // Deterministic pseudo-random lines from characters of every UTF-8 length.
    const alphabet = ['a', ',', ' ', 'đ', 'ư', 'ệ', 'ộ', '\u0301', '\u0323', '😀', '𝔸', 'Ỹ'];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const length = Math.floor(random() * 260);
      let line = 'DESCRIPTION:';
      for (let i = 0; i < length; i++) line += alphabet[Math.floor(random() * alphabet.length)];
      line += n % 2 ? TITLE.normalize('NFD') : '';
      const physical = expectWellFolded(line, foldLine(line));
      // Greedy: a line is cut only when the next code point would not fit.
      physical.slice(0, -1).forEach((current, i) => {
        const next = [...physical[i + 1].slice(1)][0];
        expect(octets(current) + octets(next)).toBeGreaterThan(75);
      });
    }
  });
});

describe('unfold', () => {
  it('accepts the space and the TAB continuation (ics folds with a TAB)', () => {
    expect(unfold('SUMMARY:Hội ng\r\n\thị\r\n  trực tuyến\r\nUID:1')).toBe('SUMMARY:Hội nghị trực tuyến\r\nUID:1');
  });
});
