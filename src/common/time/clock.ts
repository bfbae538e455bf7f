import { Injectable } from '@nestjs/common';

/**
 * "Now" for hoinghi's rules (answer windows, link expiry, reminder times, DTSTAMP). Tests set it
 * (`set`, `advance`) instead of sleeping; in production it is the system clock. Durations that
 * only measure elapsed time (rate limits, caches' ages) keep using the system clock.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private fixedMs: number | null = null;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.fixedMs ?? Date.now() + this.offsetMs;
  }

  /** Stops the clock at `at` (null: back to the system clock). */
  set(at: Date | null): void {
    this.fixedMs = at ? at.getTime() : null;
    this.offsetMs = 0;
  }

  /** Moves "now" forward by `ms` (the clock keeps running from there unless it is set). */
  advance(ms: number): void {
    if (this.fixedMs !== null) this.fixedMs += ms;
    else this.offsetMs += ms;
  }
}
