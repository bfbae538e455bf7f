import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogProblems, type Locale } from '../../common/i18n/i18n';
import type { DetailRow } from '../../invitations/content/mail-content';
import { invitationMessages } from '../../invitations/content/messages';
import { VIEWS_DIR, ViewRenderer } from '../view-renderer';
import { formAction, languageHref, pageData, renderSystemErrorPage, renderTokenErrorPage as renderTokenError } from './layout';
import { pageMessages } from './messages';
import { expectBalanced } from '../../../test/support/html';

/** The layout and the shared partials, rendered on their own as the page templates use them. */
const views = new ViewRenderer();
const renderPage = (input: { locale: Locale; title: string; body: string; keepQuery?: Record<string, string> }) =>
  views.render('layout', { ...pageData(input.locale, input.keepQuery), title: input.title, body: input.body });
const noticeHtml = (tone: 'success' | 'error' | 'info', text: string) => views.render('partials/notice', { tone, text });
const detailsHtml = (rows: DetailRow[]) => views.render('partials/details', { rows });
const textFieldHtml = (field: object, idPrefix: string) => views.render('partials/text-field', { field, idPrefix });
const renderTokenErrorPage = (input: Parameters<typeof renderTokenError>[1]) => renderTokenError(views, input);

describe('page layout', () => {
  it('is a complete HTML5 document for phones, without external assets or scripts', () => {
    const html = renderPage({ locale: 'vi', title: 'Trả lời giấy mời', body: '<p>x</p>' });
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain('<title>Trả lời giấy mời – Hệ thống quản lý hội nghị</title>');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expectBalanced(html);
  });

  it('links to the other language, keeping chosen parameters', () => {
    expect(renderPage({ locale: 'vi', title: 't', body: '' })).toContain('<a href="?lang=en" hreflang="en" lang="en">English</a>');
    const en = renderPage({ locale: 'en', title: 't', body: '', keepQuery: { answer: 'accepted' } });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<a href="?answer=accepted&amp;lang=vi" hreflang="vi" lang="vi">Tiếng Việt</a>');
    expect(languageHref('en')).toBe('?lang=en');
    expect(formAction('/rsvp/abc', 'en')).toBe('/rsvp/abc?lang=en');
  });

  it('escapes titles, notices, details and fields', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderPage({ locale: 'vi', title: evil, body: noticeHtml('error', evil) + detailsHtml([{ label: evil, lines: [evil], href: 'javascript:alert(1)' }]) });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const field = textFieldHtml({ name: 'email', label: 'E-mail', type: 'email', value: '"><script>', required: true, error: 'Sai' }, 'x');
    expect(field).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(field).toContain('aria-invalid="true" aria-describedby="x-email-error"');
    expect(field).toContain('<p class="field-error" id="x-email-error">Sai</p>');
  });
});

describe('token error page', () => {
  it('says clearly that the link is unknown, with no technical details', () => {
    const html = renderTokenErrorPage({ locale: 'vi', reason: 'not_found' });
    expect(html).toContain('<h1>Đường dẫn không hợp lệ</h1>');
    expect(html).toContain('Không tìm thấy giấy mời ứng với đường dẫn này.');
    expect(html).toContain('role="alert"');
    expect(html).not.toMatch(/Error|stack|at \w+ \(|<form/);
    expectBalanced(html);
  });

  it('names the organizer for an expired link when known, in English too', () => {
    const vi = renderTokenErrorPage({ locale: 'vi', reason: 'expired', contact: { name: 'Văn phòng Sở TT&TT', email: 'vp@stttt.hagiang.gov.vn' } });
    expect(vi).toContain('Đường dẫn đã hết hạn');
    expect(vi).toContain('Văn phòng Sở TT&amp;TT, e-mail: vp@stttt.hagiang.gov.vn');
    const en = renderTokenErrorPage({ locale: 'en', reason: 'expired' });
    expect(en).toContain('<h1>This link has expired</h1>');
    expect(en).toContain('<html lang="en">');
  });
});

describe('system error page', () => {
  it('asks to try again later, in the layout, with no technical details', () => {
    const html = renderSystemErrorPage(views, 'vi');
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<title>Hệ thống đang gặp sự cố – Hệ thống quản lý hội nghị</title>');
    expect(html).toContain('<div class="notice error" role="alert">Chưa xử lý được yêu cầu do lỗi hệ thống. Vui lòng thử lại sau ít phút.</div>');
    expect(html).not.toMatch(/Error|stack|at \w+ \(|<form/);
    expectBalanced(html);
    expect(renderSystemErrorPage(views, 'en')).toContain('<h1>Something went wrong</h1>');
  });
});

describe('page catalog', () => {
  const templates = readdirSync(VIEWS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eta'));
  const sources = [...['layout.ts', 'rsvp-page.ts', 'nominate-page.ts'].map((f) => join(__dirname, f)), ...templates.map((f) => join(VIEWS_DIR, f))]
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  /** Keys passed to a translator named `name` in the page sources: literals and `prefix.${…}` templates. */
  function usedKeys(name: string) {
    const literal = new Set<string>();
    const prefixes: string[] = [];
    for (const [, args] of sources.matchAll(new RegExp(`\\b${name}\\((?=([^)]*))`, 'g'))) {
      const first = args.split(/,\s*[{]/)[0].replace(/[!=]==\s*'[^']*'/g, '');
      for (const [, key] of first.matchAll(/'([^']+)'/g)) literal.add(key);
      for (const [, prefix] of first.matchAll(/`([^`$]+)\$\{/g)) prefixes.push(prefix);
    }
    return { literal, prefixes };
  }

  it('has the same keys and placeholders in Vietnamese and English, none empty', () => {
    expect(catalogProblems(pageMessages)).toEqual([]);
  });

  it('has every key the pages use, and the pages use every key', () => {
    const keys = Object.keys(pageMessages.vi);
    const { literal, prefixes } = usedKeys('p');
    expect(literal.size).toBeGreaterThan(20);
    for (const key of literal) expect(keys).toContain(key);
    for (const prefix of prefixes) expect(keys.some((k) => k.startsWith(prefix))).toBe(true);
    expect(keys.filter((k) => !literal.has(k) && !prefixes.some((pre) => k.startsWith(pre)))).toEqual([]);
  });

  it('uses only existing keys of the invitation catalog', () => {
    const keys = Object.keys(invitationMessages.vi);
    const { literal, prefixes } = usedKeys('i');
    expect(literal.size).toBeGreaterThan(5);
    for (const key of literal) expect(keys).toContain(key);
    for (const prefix of prefixes) expect(keys.some((k) => k.startsWith(prefix))).toBe(true);
  });

  it('keeps text out of the templates: no words outside tags, raw output only of partials and the page body', () => {
    for (const file of templates) {
      const source = readFileSync(join(VIEWS_DIR, file), 'utf8');
      const words = source.replace(/<%[\s\S]*?%>/g, ' ').replace(/<[^>]*>/g, ' ').match(/\p{L}{2,}/gu) ?? [];
      expect({ file, words: /(^|\/)partials\/style\.eta$/.test(file) ? [] : words }).toEqual({ file, words: [] });
      for (const [, raw] of source.matchAll(/<%~\s*(\S+?)[(\s]/g)) expect(['include', 'it.body']).toContain(raw);
    }
  });

  it('writes Vietnamese with diacritics', () => {
    expect(pageMessages.vi['saved.accepted']).toBe('Đã ghi nhận: đồng chí xác nhận tham dự. Xin cảm ơn đồng chí!');
    for (const text of Object.values(pageMessages.vi)) expect(text).toBe(text.normalize('NFC'));
  });
});
