import type { FastifyInstance } from 'fastify';
import { routes } from '@siwv/shared';
import type { SiwvContext } from '../context';
import { assertCsrfHeader, assertSameOrigin } from '../security/csrf';
import { clearCookie } from '../session/cookies';

/**
 * Signs out: revokes the refresh token and the access token at the provider, then clears every
 * auth cookie. The cookies go even when revocation fails or the access token has long expired:
 * the user asked to be signed out of this app, and is.
 */
export function signoutRoute(fastify: FastifyInstance, ctx: SiwvContext) {
  fastify.post(routes.signout, async (request, reply) => {
    assertCsrfHeader(request);
    assertSameOrigin(request, ctx.options.appOrigin);
    reply.header('cache-control', 'no-store');
    const session = await ctx.store.load(request);
    await ctx.store.destroy(request, reply);
    for (const name of ctx.cookieNames) clearCookie(reply, ctx.options, name);
    if (session) {
      // Refresh token first: it is the long-lived one, and revoking it never depends on the other.
      const tokens = [session.refreshToken, session.accessToken].filter((t): t is string => !!t);
      for (const token of tokens) {
        try {
          await ctx.idp.revoke(token);
        } catch (error) {
          request.log.warn({ code: (error as { code?: string }).code }, 'token revocation failed');
        }
      }
      request.log.info('signed out');
    }
    return reply.code(204).send();
  });
}
