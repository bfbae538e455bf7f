import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/*
 * What the invitations bench reads off Linux's /proc: a process's memory and CPU, the machine's
 * CPU, and every process's ticks (to say where the time went). Linux only; read-only except for
 * resetting the peak-RSS mark of a process the bench started.
 */

/** How often RssSampler reads a process's RSS. */
export const RSS_SAMPLE_MS = 200;

export const CLK_TCK = 100; // Linux USER_HZ
export const MiB = (kib: number) => kib / 1024;

export function memory(pid: number): { rssKiB: number; hwmKiB: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets the kernel's peak-RSS mark (VmHWM) of a process we started; false where not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** User + system CPU of a process so far, in ms. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Busy and total CPU time of the whole machine so far (all cores), in ticks. */
export function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - f[4], total };
}

/** CPU ticks of every process on the machine, by pid (with its name). */
export function allProcessTicks(): Map<number, { comm: string; ticks: number }> {
  const out = new Map<number, { comm: string; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** CPU seconds per process name between two snapshots (processes that started in between count from 0), biggest first. */
export function cpuByName(before: Map<number, { comm: string; ticks: number }>, after: Map<number, { comm: string; ticks: number }>, names: Map<number, string>) {
  const by = new Map<string, number>();
  for (const [pid, a] of after) {
    const name = names.get(pid) ?? a.comm;
    by.set(name, (by.get(name) ?? 0) + (a.ticks - (before.get(pid)?.ticks ?? 0)) / CLK_TCK);
  }
  return [...by].filter(([, s]) => s >= 0.05).sort((a, b) => b[1] - a[1]);
}

/** Samples a process's RSS every RSS_SAMPLE_MS from start() until stop(). */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  peakKiB = 0;
  samples = 0;
  constructor(private readonly pid: number) {}
  start() {
    this.peakKiB = 0;
    this.samples = 0;
    const take = () => {
      const m = memory(this.pid);
      if (m) {
        this.peakKiB = Math.max(this.peakKiB, m.rssKiB);
        this.samples++;
      }
    };
    take();
    this.timer = setInterval(take, RSS_SAMPLE_MS);
  }
  stop() {
    clearInterval(this.timer);
    const m = memory(this.pid);
    if (m) this.peakKiB = Math.max(this.peakKiB, m.rssKiB);
  }
}

/**
 * CPU spent on one side of a measurement, robust to other work on the machine: this process (all its
 * threads: the app, autocannon's worker, the baseline's pg client) and the PostgreSQL backends serving
 * `database` (read off /proc, so only for a server on this machine; NaN otherwise).
 */
export async function cpuMeter(pool: { query(sql: string, params: unknown[]): Promise<{ rows: { pid: number }[] }> }, database: string) {
  const backends = async () => (await pool.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])).rows.map((r) => r.pid);
  const pids0 = await backends();
  const node0 = process.cpuUsage();
  const pg0 = new Map(pids0.map((p) => [p, processCpuMs(p)]));
  return {
    /** CPU ms of this process and of the database's backends since the meter started. */
    async stop(): Promise<{ nodeMs: number; pgMs: number }> {
      const node = process.cpuUsage(node0);
      const pids = await backends();
      const pgMs = pids.reduce((sum, pid) => sum + processCpuMs(pid) - (pg0.get(pid) ?? 0), 0);
      return { nodeMs: (node.user + node.system) / 1000, pgMs };
    },
  };
}
