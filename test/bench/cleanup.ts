/**
 * Undo steps of a benchmark (databases, child processes, Redis keys, temp dirs), run once at the
 * end or on Ctrl-C, newest first, each bounded in time so one that hangs cannot keep the rest.
 */
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
let stepMs = 5_000;

/** How long one undo step may take (default 5 s). */
export function cleanupStepTimeout(ms: number) {
  stepMs = ms;
}

/** Registers an undo step; if cleanup already ran (Ctrl-C during setup), undoes at once. */
export function onCleanup(fn: () => Promise<void>) {
  if (cleaning) void withTimeout(fn(), stepMs).catch(() => {});
  else cleanups.push(fn);
}

/** Runs every registered cleanup once, newest first, even if one fails or hangs. */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        // A step may hang (e.g. app.close() while Nest's own shutdown hook is closing it on Ctrl-C): don't let it block the rest.
        await withTimeout(fn(), stepMs);
      } catch (e) {
        console.error('cleanup failed:', e instanceof Error ? e.message : e);
      }
    }
  })();
  return cleaning;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what = 'step'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
