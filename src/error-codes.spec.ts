import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CommonError, type ConstraintMap, RESERVED_NAMESPACES } from './common/errors/error-codes';

/** Every `<module>.errors.ts` under src/, with the module (top folder) it belongs to and what it exports. */
const SRC = __dirname;
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.errors.ts')).sort();
const modules = files.map((file) => ({
  file,
  module: file.split(/[\\/]/)[0],
  exports: require(join(SRC, file)) as Record<string, unknown>,
}));
const SHAPE = /^[a-z]+(?:_[a-z]+)*\.[a-z0-9]+(?:_[a-z0-9]+)*$/;
const namespaceOf = (module: string) => module.replace(/-/g, '_');
const isCodeEnum = (name: string, value: unknown): value is Record<string, string> => name.endsWith('Error') && typeof value === 'object' && value !== null;
const isConstraintMap = (name: string, value: unknown): value is ConstraintMap => name.endsWith('_CONSTRAINTS') && typeof value === 'object' && value !== null;

describe('error codes', () => {
  it('finds the errors file of every module that declares codes', () => {
    expect(modules.map((m) => m.module)).toEqual(expect.arrayContaining(['accounts', 'events', 'invitations', 'organizations', 'people']));
  });

  it('are unique across modules and the generic codes', () => {
    const all = [...Object.values(CommonError), ...modules.flatMap((m) => Object.entries(m.exports).flatMap(([n, v]) => (isCodeEnum(n, v) ? Object.values(v) : [])))];
    const repeated = all.filter((c, i) => all.indexOf(c) !== i);
    expect(repeated).toEqual([]);
  });

  it.each(modules.map((m) => [m.file, m] as const))('%s: every code is <module>.<reason> with its module as prefix', (_file, m) => {
    const enums = Object.entries(m.exports).filter(([n, v]) => isCodeEnum(n, v));
    expect(enums.length).toBeGreaterThan(0);
    for (const [, codes] of enums as [string, Record<string, string>][]) {
      for (const code of Object.values(codes)) {
        expect(code).toMatch(SHAPE);
        expect(code.startsWith(`${namespaceOf(m.module)}.`)).toBe(true);
      }
    }
  });

  it.each(modules.map((m) => [m.file, m] as const))('%s: constraint codes are its own, and bootstrap hands its map to the filter', (file, m) => {
    const own = new Set(Object.entries(m.exports).flatMap(([n, v]) => (isCodeEnum(n, v) ? Object.values(v) : [])));
    const maps = Object.entries(m.exports).filter(([n, v]) => isConstraintMap(n, v)) as [string, ConstraintMap][];
    const bootstrap = readFileSync(join(SRC, 'bootstrap.ts'), 'utf8');
    for (const [name, map] of maps) {
      for (const info of Object.values(map)) if (info.code) expect(own.has(info.code)).toBe(true);
      expect(bootstrap).toContain(name);
      expect(bootstrap).toContain(`./${relative(SRC, join(SRC, file)).replace(/\.ts$/, '')}`);
    }
  });

  it('generic codes use only the reserved namespaces, which no module takes', () => {
    for (const code of Object.values(CommonError)) {
      expect(code).toMatch(SHAPE);
      expect(RESERVED_NAMESPACES).toContain(code.split('.')[0]);
    }
    for (const m of modules) expect(RESERVED_NAMESPACES).not.toContain(namespaceOf(m.module));
  });
});
