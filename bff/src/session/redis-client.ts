import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

/**
 * A Redis connection that fails fast instead of queueing: while Redis is down every command
 * rejects at once (and the request answers 503), and ioredis keeps reconnecting in the
 * background, so service resumes by itself when Redis is back.
 */
export function connectRedis(url: string, log: FastifyBaseLogger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  // Log state changes, not every failed reconnection attempt.
  let healthy = true;
  redis.on('error', (error: Error) => {
    if (healthy) log.warn({ reason: error.message }, 'session store (Redis) unavailable');
    healthy = false;
  });
  redis.on('ready', () => {
    if (!healthy) log.info('session store (Redis) available again');
    healthy = true;
  });
  return redis;
}

/** Waits for the first connection, but never blocks startup for long: Redis may come later. */
export async function waitUntilReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
