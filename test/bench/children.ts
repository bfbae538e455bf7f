import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { withTimeout } from './harness';

/* The bench's child processes (worker, SMTP sink, baseline): started through swc, talked to over IPC, stopped for sure. */

export function spawnTs(args: string[], env: NodeJS.ProcessEnv, ipc: boolean, label: string): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], { cwd: join(__dirname, '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])] });
  const prefix = (chunk: Buffer) => chunk.toString('utf8').replace(/\n$/, '').split('\n').map((l) => `[${label}] ${l}\n`).join('');
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  return child;
}

/** Resolves with the first IPC message the predicate accepts (rejects if the child exits first). */
export function nextMessage<T>(child: ChildProcess, accept: (m: T) => boolean, ms: number, what: string): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: T) => {
        if (!accept(m)) return;
        off();
        resolve(m);
      };
      const onExit = (code: number | null) => {
        off();
        reject(new Error(`${what}: the process exited (${code})`));
      };
      const off = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    }),
    ms,
    what,
  );
}

/** Stops a child: `stop` over IPC or SIGTERM, then SIGKILL if it has not exited after `ms`. */
export async function stopChild(child: ChildProcess, ms = 8_000, ipcStop?: unknown) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  if (ipcStop && child.connected) child.send(ipcStop as object);
  else child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(t);
}
