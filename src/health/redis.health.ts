import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import type { AppConfig } from '../config/env';

/** How long a check waits for a connection that is opening (and for the PING) before it says "down". */
const CHECK_MS = 2000;

/**
 * PINGs Redis when REDIS_URL is configured; reports "not configured" (up) in the embedded default.
 * The connection is opened by the first check (and again after it was lost); checks that arrive
 * while it is opening wait for that one opening (bounded) instead of PINGing a connection that is
 * not ready yet — that would say "down" about a Redis that is up.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis | null;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    const url = config.get('redisUrl', { infer: true });
    this.client = url ? new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: CHECK_MS, retryStrategy: () => null }) : null;
    this.client?.on('error', () => undefined); // reported through the health check, not as an unhandled event
  }

  check() {
    const session = this.health.check('redis');
    const client = this.client;
    if (!client) return session.up({ message: 'not configured (jobs run inline)' });
    return session
      .attempt(async () => {
        await this.ready(client);
        const pong = await client.ping();
        if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
      })
      .withTimeout(CHECK_MS);
  }

  /** The one opening of the connection every concurrent check waits for (no background reconnects: retryStrategy null). */
  private ready(client: Redis): Promise<void> {
    if (client.status === 'ready') return Promise.resolve();
    this.opening ??= (async () => {
      if (client.status === 'wait' || client.status === 'end' || client.status === 'close') await client.connect();
      else
        await new Promise<void>((resolve, reject) => {
          const done = () => {
            client.off('ready', done);
            client.off('end', failed);
            resolve();
          };
          const failed = () => {
            client.off('ready', done);
            client.off('end', failed);
            reject(new Error('connection closed'));
          };
          client.on('ready', done);
          client.on('end', failed);
        });
    })().finally(() => (this.opening = null));
    return this.opening;
  }

  onModuleDestroy() {
    this.client?.disconnect();
  }
}
