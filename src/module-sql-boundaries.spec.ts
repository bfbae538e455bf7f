import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/*
 * The module rules (a module changes and reads only its own tables; others through its service or
 * an exported read model) hold for SQL too: lint's dependency rules cannot see table names inside
 * strings, so this reads them. Tables are owned by the module whose `*.entity.ts` declares them;
 * a module's `*.read-model.ts` is where it hands others SQL over its own tables.
 */
const SRC = __dirname;
/** Not business modules: schema tools and the demo seeding may touch any table. */
const EXEMPT = new Set(['database', 'demo', 'common', 'config', 'health']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}
const moduleOf = (file: string) => relative(SRC, file).split(sep)[0];

function owners(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files(SRC).filter((x) => x.endsWith('.entity.ts'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/@Entity\('([a-z_]+)'/g)) out.set(m[1], moduleOf(f));
  }
  return out;
}

/** `table (in file)` for every SQL reference of a table another module owns. */
export function foreignTableReferences(sources: { file: string; text: string }[], tables: Map<string, string>): string[] {
  const out: string[] = [];
  for (const { file, text } of sources) {
    const mod = moduleOf(file);
    if (EXEMPT.has(mod) || file.endsWith('.read-model.ts') || file.endsWith('.spec.ts') || file.endsWith('.entity.ts')) continue;
    for (const m of text.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\s+"?([a-z_]+)"?/g)) {
      const owner = tables.get(m[1]);
      if (owner && owner !== mod) out.push(`${m[1]} (owned by ${owner}) in ${relative(SRC, file)}`);
    }
  }
  return out;
}

describe('module rules hold for SQL', () => {
  const tables = owners();

  it('knows who owns the tables', () => {
    expect(tables.get('people')).toBe('people');
    expect(tables.get('participants')).toBe('invitations');
    expect(tables.get('outbox')).toBe('jobs');
  });

  it("no module's SQL names another module's table (read models excepted)", () => {
    const sources = files(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    expect(foreignTableReferences(sources, tables)).toEqual([]);
  });

  it('would notice a join of a foreign table (the check can fail)', () => {
    const file = join(SRC, 'invitations', 'x.ts');
    expect(foreignTableReferences([{ file, text: '`SELECT 1 FROM participants p JOIN people pe ON pe.id = p.person_id`' }], tables)).toEqual([
      'people (owned by people) in invitations/x.ts',
    ]);
  });
});
