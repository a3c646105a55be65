import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import type { ResolvedOptions } from '../options';
import { BffError } from '../errors';

/**
 * One allowance per client IP for the whole sign-in and sign-out flow (authorize, callback,
 * sign-out), so that nobody can hammer the provider or the token endpoint through the BFF. The
 * counters live in Redis when there is one, so the limit holds across instances; should Redis fail,
 * the limit is skipped rather than sign-in refused. The client IP honours forwarded headers only
 * when the host's Fastify `trustProxy` says so.
 */
export async function authRateLimit(
  fastify: FastifyInstance,
  options: ResolvedOptions,
  redis: Redis | null,
): Promise<RouteShorthandOptions> {
  if (!options.rateLimit) return {};
  await fastify.register(fastifyRateLimit, {
    global: false,
    skipOnError: true,
    ...(redis ? { redis, nameSpace: `${options.redisKeyPrefix}rate-limit:` } : {}),
  });
  const check = fastify.createRateLimit({
    max: options.rateLimit.max,
    timeWindow: options.rateLimit.timeWindowMs,
    skipOnError: true,
  });
  return {
    onRequest: async (request, reply) => {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new BffError('rate_limited', 'too many sign-in requests from one client');
      }
    },
  };
}
