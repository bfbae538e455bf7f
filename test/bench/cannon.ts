/** The part of autocannon's API the benches use (autocannon ships no types). */

export interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  /** Bytes received (status line, headers and body). */
  throughput: { total: number };
  statusCodeStats?: Record<string, { count: number }>;
}

export interface CannonRequest {
  method: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}

export interface CannonOptions {
  url: string;
  connections: number;
  /** Seconds to run, or… */
  duration?: number;
  /** …this many requests in all. */
  amount?: number;
  timeout?: number;
  /** How often (ms) autocannon samples; with `amount`, it notices the end only at a sample. */
  sampleInt?: number;
  workers?: number;
  headers?: Record<string, string>;
  requests?: CannonRequest[];
}

export const autocannon = require('autocannon') as (opts: CannonOptions) => Promise<CannonResult>;
