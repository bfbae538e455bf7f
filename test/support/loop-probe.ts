import { closeSync, openSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

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
  const result: LoopBlockage = { maxWallMs: 0, maxCpuMs: 0, cpuMeasured: fd !== null, turns: 0 };
  let lastWall = performance.now();
  let lastCpu = fd !== null ? cpuNs() : 0;
  let timer: NodeJS.Timeout | null = null;
  const turn = () => {
    const wall = performance.now();
    const cpu = fd !== null ? cpuNs() : 0;
    result.maxWallMs = Math.max(result.maxWallMs, wall - lastWall);
    result.maxCpuMs = Math.max(result.maxCpuMs, fd !== null ? (cpu - lastCpu) / 1e6 : wall - lastWall);
    result.turns++;
    lastWall = wall;
    lastCpu = cpu;
    timer = setTimeout(turn, 1);
  };
  timer = setTimeout(turn, 1);
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (fd !== null) closeSync(fd);
      fd = null;
      return { ...result, maxWallMs: Math.round(result.maxWallMs * 10) / 10, maxCpuMs: Math.round(result.maxCpuMs * 10) / 10 };
    },
  };
}
