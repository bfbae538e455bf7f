/**
 * Module boundaries of hoinghi (shared DESIGN.md), checked by `npm run lint`:
 * - dependencies point one way: jobs ← mail ← organizations ← people ← accounts ← events ← invitations ←
 *   (bridge-points, attendance) ← training ← indicators ← web; demo and health sit on top;
 * - no module imports another module's entities or repositories (type-only imports for
 *   TypeORM relation typing are allowed), except the database module's entity registry;
 * - inside invitations, sub-domains point one way: calendar/, content/ ← participants/ ← public/ ← sending/;
 * - common/ and config/ depend on no business module; no cycles.
 */
const ORDER = ['jobs', 'mail', 'organizations', 'people', 'accounts', 'events', 'invitations', 'bridge-points', 'attendance', 'training', 'indicators', 'web'];
const lowerThan = (i) => ORDER.slice(i + 1).join('|');
/** Inside invitations, by sub-domain: pure text and calendars ← participants ← public ← sending. */
const INVITATIONS = [['calendar|content', 'participants|public|sending'], ['participants', 'public|sending'], ['public', 'sending']];

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true, dependencyTypesNot: ['type-only'] } },
    ...ORDER.slice(0, -1).map((m, i) => ({
      name: `order-${m}`,
      comment: `${m} may not depend on modules that come after it: ${lowerThan(i)}`,
      severity: 'error',
      from: { path: `^src/${m}/` },
      to: { path: `^src/(${lowerThan(i)})/` },
    })),
    ...INVITATIONS.map(([from, to]) => ({
      name: `invitations-${from.split('|')[0]}`,
      comment: `invitations/${from} may not depend on invitations/(${to}): writers sit below handlers, pure code below both`,
      severity: 'error',
      from: { path: `^src/invitations/(${from})/` },
      to: { path: `^src/invitations/(${to})/`, dependencyTypesNot: ['type-only'] },
    })),
    {
      name: 'no-foreign-entities',
      comment: "Ask the owning module's exported service; never use its entities or repositories.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/database/entities\\.ts$' },
      to: { path: '^src/([^/]+)/.+\\.entity\\.ts$', pathNot: ['^src/$1/', '^src/common/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'common-is-generic',
      severity: 'error',
      from: { path: '^src/(common|config)/' },
      to: { path: `^src/(${ORDER.join('|')}|demo|health|database)/` },
    },
    { name: 'no-test-code-in-src', severity: 'error', from: { path: '^src/' }, to: { path: '^test/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
