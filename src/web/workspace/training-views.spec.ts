import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogProblems } from '../../common/i18n/i18n';
import { VIEWS_DIR } from '../view-renderer';
import { TRAINING_WORDED_ERRORS, trainingWorkspaceMessages } from './training-messages';
import { currentSessionId } from './training-views';

const hn = (local: string) => new Date(`${local}+07:00`);

describe('workspace training pages', () => {
  it('has the same keys in Vietnamese and English, uses every key and words every refusal it may show', () => {
    expect(catalogProblems(trainingWorkspaceMessages)).toEqual([]);
    const source = ['training.eta', 'training-class.eta'].map((f) => readFileSync(join(VIEWS_DIR, 'workspace', f), 'utf8')).join('\n');
    const literal = new Set([...source.matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]));
    const prefixes = [...source.matchAll(/\bt\(`([^`$]+)\$\{/g)].map((m) => m[1]);
    const keys = Object.keys(trainingWorkspaceMessages.vi);
    for (const key of literal) expect(keys).toContain(key);
    // done.* and error.* are worded through the result partial (w: t), by the redirect's code.
    expect(keys.filter((k) => !literal.has(k) && !prefixes.some((p) => k.startsWith(p)) && !/^(done|error)\./.test(k))).toEqual([]);
    for (const e of TRAINING_WORDED_ERRORS) expect(keys).toContain(`error.${e}`);
  });

  it('marks today’s session (Hà Nội day) that is not over, else the next, else the last', () => {
    const s = (id: string, from: string, to: string) => ({ id, startsAt: hn(from), endsAt: hn(to) });
    const sessions = [s('b', '2031-04-07T08:00', '2031-04-07T11:00'), s('a', '2031-04-06T08:00', '2031-04-06T11:00'), s('c', '2031-04-07T13:30', '2031-04-07T17:00')];
    expect(currentSessionId(sessions, hn('2031-04-07T06:30'))).toBe('b'); // 23:30 UTC of the 6th: already the 7th in Hà Nội
    expect(currentSessionId(sessions, hn('2031-04-07T12:00'))).toBe('c');
    expect(currentSessionId(sessions, hn('2031-04-07T18:00'))).toBe('b');
    expect(currentSessionId(sessions, hn('2031-04-01T09:00'))).toBe('a');
    expect(currentSessionId(sessions, hn('2031-05-01T09:00'))).toBe('c');
    expect(currentSessionId([], hn('2031-05-01T09:00'))).toBeNull();
  });
});
