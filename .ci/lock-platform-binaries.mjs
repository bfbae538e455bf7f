#!/usr/bin/env node
// The npm registry reachable here serves only linux-x64 builds of packages that ship one
// binary per platform (@swc/core-*, @unrs/resolver-binding-*). `npm install` then leaves the
// other platforms' optional dependencies out of package-lock.json, and `npm ci` refuses the
// lock as "missing". This records each missing optional platform package in the lock with its
// os/cpu/libc, so `npm ci` sees the lock complete and skips them on this platform, as it would
// with a lock made elsewhere. Run after every `npm install`: `node .ci/lock-platform-binaries.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (pkgs[base] || pkgs[`node_modules/${name}`]) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('armv7') || parts.includes('gnueabihf') || parts.includes('eabi') ? 'arm' : undefined);
    if (!os && !cpu) continue; // not a platform binary: leave it to npm
    const entry = { version: range.replace(/^[\^~=]/, ''), optional: true };
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (parts.includes('musl') || parts.includes('musleabihf')) entry.libc = ['musl'];
    else if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
    pkgs[`node_modules/${name}`] = entry;
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-platform-binaries: recorded ${added} optional platform package(s)`);
