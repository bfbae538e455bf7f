import { closeSync, openSync, readSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';

/** What a probe saw between two of its turns, at worst. */
export interface LoopBlockage {
  /** The longest wall-clock time between two turns of the event loop (includes time the OS ran other processes). */
  maxWallMs: number;
  /**
   * The most CPU time this process's main thread spent between two turns: how long one stretch of work
   * held the event loop, whatever else the machine was doing. (Wall time, when the platform does not
   * say: see `cpuMeasured`.)
   */
  maxCpuMs: number;
  /** Whether `maxCpuMs` is the main thread's CPU time (Linux: /proc/…/schedstat) rather than wall time. */
  cpuMeasured: boolean;
  /**
   * The same, less the garbage collector's pauses in that stretch: how long the code itself held the
   * loop. (A pause's length follows the whole heap: in a test process, every spec file's leftovers.)
   */
  maxWorkMs: number;
  /** The longest garbage-collection pause seen. */
  maxGcMs: number;
  turns: number;
}

/**
 * Watches the event loop of this process's main thread: a timer asks for a turn every millisecond and,
 * at each, reads how long the thread has been on a CPU (/proc/self/task/<pid>/schedstat, nanoseconds;
 * a pread of a few microseconds). The CPU time between two turns is the longest stretch of work that
 * held the loop — a request such as /health waited at most that long for it — and unlike wall time it
 * does not grow when other processes share the cores. Worker threads are other tasks: not counted.
 */
export function watchEventLoop(): { stop(): LoopBlockage } {
  let fd: number | null = null;
  const buf = Buffer.alloc(128);
  try {
    fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  } catch {
    fd = null;
  }
  const cpuNs = (): number => {
    const n = readSync(fd!, buf, 0, buf.length, 0);
    return Number(buf.toString('latin1', 0, n).split(' ')[0]);
  };
  const result = { maxWallMs: 0, maxCpuMs: 0, cpuMeasured: fd !== null, turns: 0 };
  /** Stretches long enough to matter, kept until `stop` knows the GC pauses inside them. */
  const long: { from: number; to: number; cpuMs: number }[] = [];
  const gcs: { startTime: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  let lastWall = performance.now();
  let lastCpu = fd !== null ? cpuNs() : 0;
  let timer: NodeJS.Timeout | null = null;
  const turn = () => {
    const wall = performance.now();
    const cpu = fd !== null ? cpuNs() : 0;
    const cpuMs = fd !== null ? (cpu - lastCpu) / 1e6 : wall - lastWall;
    result.maxWallMs = Math.max(result.maxWallMs, wall - lastWall);
    result.maxCpuMs = Math.max(result.maxCpuMs, cpuMs);
    if (cpuMs > 5) long.push({ from: lastWall, to: wall, cpuMs });
    result.turns++;
    lastWall = wall;
    lastCpu = cpu;
    timer = setTimeout(turn, 1);
  };
  timer = setTimeout(turn, 1);
  let stopped: LoopBlockage | null = null;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    stop() {
      if (stopped) return stopped;
      if (timer) clearTimeout(timer);
      if (fd !== null) closeSync(fd);
      gcs.push(...observer.takeRecords());
      observer.disconnect();
      const gcIn = (from: number, to: number) => gcs.filter((g) => g.startTime >= from && g.startTime < to).reduce((sum, g) => sum + g.duration, 0);
      const maxWorkMs = Math.max(0, ...long.map((l) => l.cpuMs - gcIn(l.from, l.to)));
      const maxGcMs = Math.max(0, ...gcs.map((g) => g.duration));
      stopped = { ...result, maxWallMs: r1(result.maxWallMs), maxCpuMs: r1(result.maxCpuMs), maxWorkMs: r1(maxWorkMs), maxGcMs: r1(maxGcMs) };
      return stopped;
    },
  };
}
