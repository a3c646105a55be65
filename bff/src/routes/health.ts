import type { FastifyInstance } from 'fastify';
import { routes } from '@siwv/shared';
import { HealthSchema } from '@siwv/shared/schemas';

/** Liveness only; it needs no header so that load balancers and probes can call it. */
export function healthRoute(fastify: FastifyInstance) {
  fastify.get(routes.health, { schema: { response: { 200: HealthSchema } } }, async () => ({
    status: 'ok' as const,
  }));
}
