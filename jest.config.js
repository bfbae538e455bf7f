/**
 * NestJS 12 and a few of its dependencies ship ESM only; jest's CommonJS runtime cannot load
 * them on Node 20, so @swc/jest turns them into CommonJS (transformIgnorePatterns lets them through).
 * Our own TypeScript goes through @swc/jest too (decorator metadata on); `npm run lint` type-checks.
 */
const ESM_PACKAGES = [
  '@nestjs', 'file-type', 'load-esm', 'uid', 'token-types', 'strtok3', '@tokenizer', 'uint8array-extras',
  '@borewit', 'content-disposition', 'glob', 'path-scurry', 'minipass', 'lru-cache', 'minimatch', 'brace-expansion', 'balanced-match', '@isaacs', 'jackspeak', 'foreground-child', 'package-json-from-dist', 'fastify-plugin',
  // @fastify/cookie loads the ESM-only `cookie` 2 with a dynamic import (jest's CommonJS runtime has none): both go through swc.
  '@fastify/cookie', 'cookie',
];
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: false },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // The event-loop measurements of bounded-cost run with no other spec file beside them (see quiet-lock.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/quiet-lock.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
