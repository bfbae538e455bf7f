import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { JobDriver, JobsOptions } from './drivers/job-driver';
import type { JobKindCheck } from './job-kind-check';
import { JobsService } from './jobs.service';
import { OutboxRelay } from './outbox-relay';

describe('OutboxRelay during an outage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('warns once when polls start failing and says once when they work again — not a line every second', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    let calls = 0;
    const driver = {
      start: () => undefined,
      stop: async () => undefined,
      discard: async () => undefined,
      // Three failed polls (the database refusing connections), then working again.
      relay: async () => {
        calls++;
        if (calls <= 3) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return 0;
      },
    } as unknown as JobDriver;
    jest.useFakeTimers();
    const relay = new OutboxRelay({ relay: true } as JobsOptions, driver, new JobsService({} as never), { assertHandled: async () => undefined } as unknown as JobKindCheck, {} as DataSource);
    await relay.onApplicationBootstrap();
    for (let i = 0; i < 6; i++) await jest.advanceTimersByTimeAsync(1000);
    jest.useRealTimers();
    await relay.onModuleDestroy();
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(warn.mock.calls.filter(([m]) => String(m).includes('ECONNREFUSED'))).toHaveLength(1);
    expect(log.mock.calls.filter(([m]) => String(m).includes('working again after 3 failed polls'))).toHaveLength(1);
  });
});
