import { catalogProblems, defineCatalog, interpolate, isLocale, pickLocale, translate, translator, type Catalog, type Messages } from './i18n';

const catalog = defineCatalog(
  {
    hello: 'Xin chào {name}',
    pair: '{a} và {b}',
    plain: 'Trân trọng.',
  },
  {
    hello: 'Hello {name}',
    pair: '{a} and {b}',
    plain: 'Kind regards.',
  },
);

describe('translate', () => {
  it('fills {name} placeholders in the chosen locale, Vietnamese by default tables', () => {
    expect(translate(catalog, 'vi', 'hello', { name: 'Nguyễn Văn Sơn' })).toBe('Xin chào Nguyễn Văn Sơn');
    expect(translate(catalog, 'en', 'hello', { name: 'Nguyễn Văn Sơn' })).toBe('Hello Nguyễn Văn Sơn');
    expect(translate(catalog, 'vi', 'pair', { a: 1, b: 'hai' })).toBe('1 và hai');
    expect(translate(catalog, 'en', 'plain')).toBe('Kind regards.');
  });

  it('does not expand placeholders that arrive inside a value', () => {
    expect(translate(catalog, 'vi', 'pair', { a: '{b}', b: 'x' })).toBe('{b} và x');
  });

  it('leaves a placeholder without a value visible instead of throwing', () => {
    expect(interpolate('A {x} B {y}', { x: 1 })).toBe('A 1 B {y}');
    expect(interpolate('A {x}')).toBe('A {x}');
  });

  it('falls back to Vietnamese, then to the key, for a key the type checker did not see', () => {
    const broken = { vi: { only: 'Chỉ tiếng Việt' }, en: {} } as unknown as Catalog<{ only: string; none: string }>;
    expect(translate(broken, 'en', 'only')).toBe('Chỉ tiếng Việt');
    expect(translate(broken, 'en', 'none')).toBe('none');
  });

  it('binds a catalog and locale into a translator', () => {
    const t = translator(catalog, 'en');
    expect(t('hello', { name: 'Lan' })).toBe('Hello Lan');
  });

  it('checks keys and placeholders with the compiler', () => {
    // These lines are compile-time assertions: `tsc --noEmit` fails if a @ts-expect-error is not needed.
    // @ts-expect-error a key missing from the English side
    defineCatalog({ a: 'A', b: 'B' }, { a: 'A' });
    // @ts-expect-error an extra key on the English side
    defineCatalog({ a: 'A' }, { a: 'A', c: 'C' });
    // @ts-expect-error an unknown key
    translate(catalog, 'vi', 'nope');
    // @ts-expect-error a template with placeholders needs its params
    translate(catalog, 'vi', 'hello');
    // @ts-expect-error a wrong parameter name
    translate(catalog, 'vi', 'hello', { nam: 'x' });
    expect(true).toBe(true);
  });
});

describe('catalogProblems', () => {
  it('is empty for a sound catalog', () => {
    expect(catalogProblems(catalog)).toEqual([]);
  });

  it('reports keys on one side only, empty templates and differing placeholders', () => {
    const bad = { vi: { a: 'A {x}', b: 'B', c: ' ' }, en: { a: 'A {y}', c: 'C', d: 'D' } } as unknown as Catalog<Messages>;
    expect(catalogProblems(bad).sort()).toEqual(['a: placeholders differ (vi {x}, en {y})', 'en has extra d', 'en lacks b', 'vi.c is empty'].sort());
  });
});

describe('pickLocale', () => {
  it('defaults to Vietnamese', () => {
    expect(pickLocale()).toBe('vi');
    expect(pickLocale(null, null)).toBe('vi');
    expect(pickLocale('', '')).toBe('vi');
    expect(pickLocale('fr-FR,de;q=0.8')).toBe('vi');
  });

  it('prefers an explicit supported choice over the header', () => {
    expect(pickLocale('vi-VN,vi;q=0.9', 'en')).toBe('en');
    expect(pickLocale('en-US', 'VI')).toBe('vi');
    expect(pickLocale('en-US', 'en_GB')).toBe('en');
  });

  it('ignores an unsupported explicit choice', () => {
    expect(pickLocale('en-US,en;q=0.9', 'fr')).toBe('en');
    expect(pickLocale(null, 'xx')).toBe('vi');
  });

  it('follows Accept-Language q-values', () => {
    expect(pickLocale('en-US,en;q=0.9,vi;q=0.8')).toBe('en');
    expect(pickLocale('fr;q=1, en;q=0.5, vi;q=0.7')).toBe('vi');
    expect(pickLocale('vi;q=0, en;q=0.1')).toBe('en');
    expect(pickLocale('en;q=0')).toBe('vi');
    expect(pickLocale('en;q=abc, vi;q=0.2')).toBe('vi');
    expect(pickLocale('*')).toBe('vi');
  });

  it('keeps the first of equal q-values', () => {
    expect(pickLocale('en, vi')).toBe('en');
    expect(pickLocale('vi-VN, en')).toBe('vi');
  });
});

describe('isLocale', () => {
  it('accepts exactly the supported codes', () => {
    expect(['vi', 'en', 'EN', 'fr', 1, null].map(isLocale)).toEqual([true, true, false, false, false, false]);
  });
});
