/** An in-process rate limit: `take()` resolves when a token is free, at most `ratePerSecond` per second on average. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly ratePerSecond: number, private readonly burst = Math.max(1, Math.ceil(ratePerSecond))) {
    this.tokens = this.burst;
  }

  take(): Promise<void> {
    // Serialised so waiters are served in order and each waits only for its own token.
    const next = this.chain.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await new Promise((r) => setTimeout(r, ((1 - this.tokens) / this.ratePerSecond) * 1000));
        this.refill();
      }
      this.tokens -= 1;
    });
    this.chain = next;
    return next;
  }

  private refill() {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}
