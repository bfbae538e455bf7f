import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogProblems } from '../../common/i18n/i18n';
import { expectBalanced } from '../../../test/support/html';
import { VIEWS_DIR, ViewRenderer } from '../view-renderer';
import { navFor } from './nav';
import { languageSwitch, localPath, renderWorkspace, type WorkspaceContext } from './workspace-page';
import { boardView, calendarView } from './workspace-views';
import { WORDED_ERRORS, workspaceMessages } from './workspace-messages';

const views = new ViewRenderer();
const ctx: WorkspaceContext = { locale: 'vi', user: { userId: 'u', email: 'to-chuc@example.gov.vn', role: 'organizer', scopeOrganizationId: null }, csrf: 'tok"en', path: '/app/events' };
const evil = '<script>alert(1)</script>';

describe('workspace pages', () => {
  it('render in the shared layout: navigation with the current page, language switch, sign-out form with its CSRF token', () => {
    const html = renderWorkspace(views, ctx, 'events', { filters: { q: evil, status: '', format: '', kind: '', from: '', to: '' }, invalid: [], rows: [], hasMore: false, nextOffset: 0, canCreate: true });
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<a href="/app/events" aria-current="page">Hội nghị</a>');
    expect(html).toContain('<a href="/lang/en?back=%2Fapp%2Fevents" hreflang="en" lang="en">English</a>');
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok&quot;en">');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<script(?! src="\/assets\/)/);
    expectBalanced(html);
  });

  it('escapes names on the board and polls only where it is live', () => {
    const board = boardView('vi', { notReady: 0, byReadiness: { untested: 1 }, points: [{ id: 'p1', roomName: evil, hostOrganizationName: 'UBND huyện Bát Xát', isMain: false, readiness: 'fault', fault: 'no_sound', liveStatus: null, headcount: null, expectedAttendance: 20, flagged: true } as never] });
    const html = renderWorkspace(views, ctx, 'board', { event: { id: 'e1', title: evil, when: '' }, ...board, organizations: [], canManage: false, done: null, error: null, updatedAt: '' }, { seconds: 5, refreshWithoutScript: true });
    expect(html).toContain('<script src="/assets/workspace-live.js" defer></script>');
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="5"></noscript>');
    expect(html).toContain('Có sự cố – Mất tiếng');
    expect(html).not.toContain('<script>alert');
    expectBalanced(html);
    const fragment = renderWorkspace(views, ctx, 'board-live', board);
    expect(fragment.startsWith('<div data-live="board"')).toBe(true);
    expect(fragment).not.toContain('<html');
  });

  it('shows each role its navigation, and sends redirects only to paths of this site', () => {
    expect(navFor('viewer', '/app').map((i) => [i.key, i.current])).toEqual([['dashboard', true], ['events', false], ['training', false], ['indicators', false]]);
    expect(navFor('organizer', '/app/admin/organizations/x').map((i) => [i.key, i.current])).toEqual([['dashboard', false], ['events', false], ['training', false], ['indicators', false], ['admin', true]]);
    expect(navFor('leader', '/app/indicators/agencies/x').map((i) => [i.key, i.current])).toEqual([['dashboard', false], ['events', false], ['training', false], ['indicators', true]]);
    expect(navFor('trainer', '/app/training/classes/x').find((i) => i.current)?.key).toBe('training');
    expect(navFor('organizer', '/app/events/x').find((i) => i.current)?.key).toBe('events');
    expect(languageSwitch('en', '/app').langHref).toBe('/lang/vi?back=%2Fapp');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', 'app', '/a b', 42]) expect(localPath(bad)).toBe('/app');
    expect(localPath('/app/events?q=ha')).toBe('/app/events?q=ha');
  });

  it('has the same keys in Vietnamese and English, uses every key and words every refusal it may show', () => {
    expect(catalogProblems(workspaceMessages)).toEqual([]);
    const dir = join(VIEWS_DIR, 'workspace');
    const templates = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eta')).map((f) => readFileSync(join(dir, f), 'utf8'));
    const code = ['workspace-views.ts', 'workspace-errors.ts', 'nav.ts', 'admin.controller.ts'].map((f) => readFileSync(join(__dirname, f), 'utf8'));
    const source = [...templates, ...code].join('\n');
    const literal = new Set([...source.matchAll(/\bw\('([^']+)'/g)].map((m) => m[1]));
    const prefixes = [...source.matchAll(/\bw\(`([^`$]+)\$\{/g)].map((m) => m[1]);
    const keys = Object.keys(workspaceMessages.vi);
    for (const key of literal) expect(keys).toContain(key);
    expect(keys.filter((k) => !literal.has(k) && !prefixes.some((p) => k.startsWith(p)))).toEqual([]);
    for (const e of WORDED_ERRORS) expect(keys).toContain(`error.${e}`);
    for (const t of Object.values(workspaceMessages.vi)) expect(t).toBe(t.normalize('NFC'));
  });
});

describe('month calendar', () => {
  const entry = (startsAtLocal: string, endsAtLocal: string) => ({ eventId: 'e', sessionId: 's', title: 'Lớp tập huấn', sessionTitle: null, kind: 'training_class', format: 'in_person', status: 'scheduled', venueName: null, startsAt: new Date(), endsAt: new Date(), startsAtLocal, endsAtLocal }) as never;

  it('lays a month out Monday first, listing a session on each of its days', () => {
    // September 2031 begins on a Monday; a session over two days shows on both, its time on the first.
    const v = calendarView('2031-09', [entry('2031-09-15T08:00:00+07:00', '2031-09-16T17:00:00+07:00')]);
    expect(v.weeks[0][0]).toMatchObject({ day: 1, label: '01/09/2031' });
    expect(v.weeks.flat().filter(Boolean)).toHaveLength(30);
    const days = v.weeks.flat().filter((c) => c && c.entries.length);
    expect(days.map((c) => [c!.day, c!.entries[0].time])).toEqual([[15, '08:00'], [16, '']]);
    expect([v.prev, v.next]).toEqual(['2031-08', '2031-10']);
    // December 2030 begins on a Sunday: six empty cells before it; a session from November shows from the 1st.
    const dec = calendarView('2030-12', [entry('2030-11-30T08:00:00+07:00', '2030-12-01T12:00:00+07:00')]);
    expect(dec.weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(dec.weeks[0][6]).toMatchObject({ day: 1, entries: [{ time: '' }] });
    expect(dec.next).toBe('2031-01');
  });
});
