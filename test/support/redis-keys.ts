import Redis from 'ioredis';

/** Removes every key under `prefix:` (a test app's or a benchmark's BullMQ keys) from a shared Redis. */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  // One attempt to connect: a Redis that is down on purpose (a test of an outage) has nothing to clean.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
