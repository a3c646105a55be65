import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { ResolvedOptions } from '../options';
import { createCookieSessionStore } from './cookie-store';
import { createRedisSessionStore } from './redis-store';
import { createRedisRefreshCoordinator } from './redis-refresh-coordinator';
import { createLocalRefreshCoordinator, type RefreshCoordinator } from './refresh-coordinator';
import { connectRedis, waitUntilReady } from './redis-client';
import { createSealer } from './seal';
import type { LifetimePolicy } from './lifetime';
import type { SessionStore } from './store';

export interface SessionBackend {
  store: SessionStore;
  coordinator: RefreshCoordinator;
  /** The Redis connection, when there is one, for other state shared across instances. */
  redis: Redis | null;
  /** Closes what this plugin opened (a Redis connection it made from a URL), nothing the host owns. */
  close(): Promise<void>;
}

/** Picks the session store and the refresh coordinator the options ask for. */
export async function createSessionBackend(
  options: ResolvedOptions,
  lifetime: LifetimePolicy,
  log: FastifyBaseLogger,
): Promise<SessionBackend> {
  if (!options.redis) {
    return {
      store: createCookieSessionStore(options, lifetime),
      coordinator: createLocalRefreshCoordinator(),
      redis: null,
      close: async () => {},
    };
  }
  const owned = typeof options.redis === 'string';
  const redis: Redis =
    typeof options.redis === 'string' ? connectRedis(options.redis, log) : options.redis;
  if (owned && !(await waitUntilReady(redis, 2000))) {
    // Not fatal: requests answer 503 until Redis is reachable, then everything resumes.
    log.warn('session store (Redis) not reachable at startup; retrying in the background');
  }
  return {
    store:
      options.sessionStore === 'redis'
        ? createRedisSessionStore(options, lifetime, redis, options.redisKeyPrefix)
        : createCookieSessionStore(options, lifetime),
    coordinator: createRedisRefreshCoordinator(
      redis,
      createSealer(options.sessionSecrets, 'refresh-result'),
      options.redisKeyPrefix,
      options.refreshWaitMs,
    ),
    redis,
    close: async () => {
      if (owned) redis.disconnect();
    },
  };
}
