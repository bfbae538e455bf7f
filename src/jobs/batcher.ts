/**
 * Collects single-row writes made by concurrent jobs and runs them as one statement: `add` resolves
 * (with that key's result) once the batch holding it is written, so a job still finishes only after
 * its own write committed. A batch closes at `maxItems`, or when the event loop has run what was
 * ready (setImmediate): writes that arrive together go together, and a lone write waits for nothing.
 */
export class Batcher<K, R = void> {
  private pending: { key: K; resolve: (r: R | undefined) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Immediate | null = null;

  constructor(
    private readonly write: (keys: K[]) => Promise<Map<K, R> | void>,
    private readonly maxItems = 64,
  ) {}

  add(key: K): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.pending.length >= this.maxItems) void this.flush();
      else this.timer ??= setImmediate(() => void this.flush());
    });
  }

  async flush(): Promise<void> {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      const results = await this.write(batch.map((b) => b.key));
      for (const b of batch) b.resolve(results ? results.get(b.key) : undefined);
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
}
