import type { FastifyInstance } from 'fastify';
import { routes, type SessionResponse } from '@siwv/shared';
import { SessionResponseSchema } from '@siwv/shared/schemas';
import type { SiwvContext } from '../context';
import { assertCsrfHeader } from '../security/csrf';

/** What the SPA polls. Answers from the cookie alone, without calling the provider. */
export function sessionRoute(fastify: FastifyInstance, ctx: SiwvContext) {
  fastify.get(
    routes.session,
    { schema: { response: { 200: SessionResponseSchema } } },
    async (request, reply): Promise<SessionResponse> => {
      assertCsrfHeader(request);
      reply.header('cache-control', 'no-store');
      const session = await ctx.store.load(request);
      if (!session) {
        // A cookie that is tampered, sealed with a retired key or past use goes now.
        if (request.headers.cookie) await ctx.store.destroy(request, reply);
        return { authenticated: false };
      }
      return {
        authenticated: true,
        user: session.user,
        expiresAt: session.expiresAt,
        scopes: session.scopes,
      };
    },
  );
}
