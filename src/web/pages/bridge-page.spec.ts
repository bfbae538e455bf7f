import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogProblems } from '../../common/i18n/i18n';
import { VIEWS_DIR, ViewRenderer } from '../view-renderer';
import { bridgePageMessages } from './bridge-messages';
import { renderBridgePage } from './bridge-page';

const views = new ViewRenderer();
const base = {
  locale: 'vi' as const,
  action: '/bridge/tok',
  event: {
    title: 'Hội nghị trực tuyến <đánh giá>',
    kind: 'conference' as const,
    format: 'online' as const,
    sessions: [{ startsAt: new Date('2031-08-05T07:00:00Z'), endsAt: new Date('2031-08-05T10:00:00Z') }],
    hostName: 'UBND tỉnh Lào Cai',
    organizerContact: { name: 'UBND tỉnh Lào Cai', email: '' },
  },
  point: { name: 'Phòng họp – UBND huyện Bát Xát', address: null, joinUrl: null, dialString: null, meetingId: '1001', passcode: 'BX', readiness: 'fault' as const, fault: 'no_sound' as const, liveStatus: null, rehearsalAt: null },
  headcount: null,
  agencies: [{ id: 'a1', name: 'UBND huyện Bát Xát' }],
  participants: [],
  validUntil: new Date('2031-08-06T10:00:00Z'),
};

describe('coordinator page', () => {
  it('shows the state in words, escapes what it is given and offers the four forms', () => {
    const html = renderBridgePage(views, base);
    expect(html).toContain('<dd data-field="readiness">Có sự cố – Mất tiếng</dd>');
    expect(html).toContain('<dd data-field="live">Chưa báo cáo</dd>');
    expect(html).toContain('Hội nghị trực tuyến &lt;đánh giá&gt;');
    for (const action of ['readiness', 'live', 'headcount', 'incident']) expect(html).toContain(`<input type="hidden" name="action" value="${action}">`);
    expect(html).toContain('name="agency.a1"');
    expect(html).toContain('action="/bridge/tok?lang=vi#headcount"');
  });

  it('has the same keys in Vietnamese and English, and the page uses every key', () => {
    expect(catalogProblems(bridgePageMessages)).toEqual([]);
    const source = [readFileSync(join(VIEWS_DIR, 'public/bridge.eta'), 'utf8'), readFileSync(join(__dirname, 'bridge-page.ts'), 'utf8'), readFileSync(join(__dirname, '..', 'bridge-pages.controller.ts'), 'utf8')].join('\n');
    const literal = new Set([...source.matchAll(/\bb\('([^']+)'/g)].map((m) => m[1]));
    const prefixes = [...source.matchAll(/\bb\(`([^`$]+)\$\{/g)].map((m) => m[1]);
    const keys = Object.keys(bridgePageMessages.vi);
    for (const key of literal) expect(keys).toContain(key);
    expect(keys.filter((k) => !literal.has(k) && !prefixes.some((p) => k.startsWith(p)))).toEqual([]);
  });

  it("speaks to the point's technical contact in its footer: what the link is, that it is the point's own, until when it works", () => {
    const footer = (html: string) => /<footer>([\s\S]*?)<\/footer>/.exec(html)![1];
    const vi = footer(renderBridgePage(views, base));
    expect(vi).toBe(
      'Đây là đường dẫn điều phối của điểm cầu Phòng họp – UBND huyện Bát Xát, gửi riêng cho cán bộ kỹ thuật phụ trách điểm cầu: ai có đường dẫn đều báo cáo được thay điểm cầu, xin không chuyển tiếp. Đường dẫn có hiệu lực đến 06/08/2031 17:00 (một ngày sau khi hội nghị kết thúc).',
    );
    const en = footer(renderBridgePage(views, { ...base, locale: 'en' }));
    expect(en).toContain('coordinator link of the bridge point Phòng họp – UBND huyện Bát Xát, sent to its technical contact only');
    expect(en).toContain('until 06/08/2031 17:00 (a day after the conference ends)');
    // Not the invitees' footer, in either language.
    for (const text of [vi, en]) expect(text).not.toMatch(/giấy mời|invitation/);
    // The point's name is escaped there too.
    expect(footer(renderBridgePage(views, { ...base, point: { ...base.point, name: '<b>X</b>' } }))).toContain('&lt;b&gt;X&lt;/b&gt;');
  });
});
