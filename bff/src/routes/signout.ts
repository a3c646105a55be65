import type { FastifyInstance } from 'fastify';
import { routes } from '@siwv/shared';
import type { SiwvContext } from '../context';
import { BffError } from '../errors';
import { assertCsrfHeader, assertSameOrigin } from '../security/csrf';
import { clearCookie } from '../session/cookies';
import type { Session } from '../session/session';

/**
 * Signs out: clears every auth cookie, then revokes the refresh token and the access token at the
 * provider. The cookies go even when revocation fails, the store is down or the access token has
 * long expired: the user asked to be signed out of this app, and is. `?scope=all` (Redis store
 * only) ends every session of the user, on every device, and revokes all their tokens.
 */
export function signoutRoute(fastify: FastifyInstance, ctx: SiwvContext) {
  fastify.post(routes.signout, ctx.authRouteConfig, async (request, reply) => {
    assertCsrfHeader(request);
    assertSameOrigin(request, ctx.options.appOrigin);
    const { scope } = request.query as { scope?: unknown };
    if (scope !== undefined && scope !== 'all')
      throw new BffError('bad_request', 'scope must be "all"');
    if (scope === 'all' && ctx.store.kind !== 'redis') {
      throw new BffError('bad_request', 'signing out everywhere needs the Redis session store');
    }
    reply.header('cache-control', 'no-store');

    const ended: Session[] = [];
    try {
      const session = await ctx.store.load(request);
      if (session) ended.push(session);
      await ctx.store.destroy(request, reply);
      if (session && scope === 'all')
        ended.push(...((await ctx.store.destroyAllOfUser(session.user.sub)) ?? []));
    } catch (error) {
      request.log.warn(
        { code: (error as BffError).code },
        'sign-out could not update the session store',
      );
    }
    for (const name of ctx.cookieNames) clearCookie(reply, ctx.options, name);

    // Both kinds at once: revoking one never depends on the other, and a hung provider then costs
    // one timeout, not one per token.
    const tokens = new Set(
      ended.flatMap((s) => (s.refreshToken ? [s.refreshToken, s.accessToken] : [s.accessToken])),
    );
    const results = await Promise.allSettled([...tokens].map((token) => ctx.idp.revoke(token)));
    for (const result of results) {
      if (result.status === 'rejected') {
        request.log.warn({ code: (result.reason as BffError).code }, 'token revocation failed');
      }
    }
    if (ended.length > 0) {
      request.log.info({ sessions: ended.length }, 'signed out');
      try {
        await ctx.options.onSignOut?.(ended[0]!.user, request);
      } catch (error) {
        request.log.error({ err: error }, 'the onSignOut hook failed');
      }
    }
    return reply.code(204).send();
  });
}
