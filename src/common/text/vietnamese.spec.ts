import { cleanText, escapeLike, foldVietnamese } from './vietnamese';

describe('Vietnamese text helpers', () => {
  it('folds diacritics, đ and case the way vn_fold does', () => {
    expect(foldVietnamese('Nguyễn Văn Sơn')).toBe('nguyen van son');
    expect(foldVietnamese('ĐỒNG VĂN – Hà Giang')).toBe('dong van – ha giang');
    expect(foldVietnamese('Họ và tên')).toBe('ho va ten');
  });

  it('composes decomposed input to NFC and collapses white space', () => {
    const decomposed = 'Nguye\u0302\u0303n   Va\u0306n'; // "Nguyễn Văn" typed with combining marks
    expect(cleanText(`  ${decomposed} `)).toBe('Nguyễn Văn');
    expect(cleanText(42)).toBe(42);
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
