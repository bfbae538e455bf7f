import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import type { AppConfig } from '../config/env';

/** PINGs Redis when REDIS_URL is configured; reports "not configured" (up) in the embedded default. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis | null;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    const url = config.get('redisUrl', { infer: true });
    this.client = url ? new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: () => null }) : null;
    this.client?.on('error', () => undefined); // reported through the health check, not as an unhandled event
  }

  check() {
    const session = this.health.check('redis');
    const client = this.client;
    if (!client) return session.up({ message: 'not configured (jobs run inline)' });
    return session
      .attempt(async () => {
        if (client.status === 'wait' || client.status === 'end') await client.connect().catch(() => undefined);
        const pong = await client.ping();
        if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
      })
      .withTimeout(2000);
  }

  onModuleDestroy() {
    // No background reconnects (retryStrategy null: each check reconnects), so closing is immediate.
    this.client?.disconnect();
  }
}
