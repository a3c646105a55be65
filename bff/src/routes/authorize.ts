import type { FastifyInstance } from 'fastify';
import { routes } from '@siwv/shared';
import type { SiwvContext } from '../context';
import { resolveReturnTo } from '../security/return-to';
import { redirectToErrorPage } from './error-page';

/** Starts a sign-in: a browser navigation, answered with a redirect to the identity provider. */
export function authorizeRoute(fastify: FastifyInstance, ctx: SiwvContext) {
  fastify.get(routes.authorize, ctx.authRouteConfig, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // A repeated parameter arrives as an array and is refused like any other odd value.
    const { returnTo } = request.query as { returnTo?: unknown };
    try {
      const { url, transaction } = await ctx.idp.createLogin(
        resolveReturnTo(returnTo, ctx.options),
      );
      await ctx.transactions.write(reply, transaction);
      return reply.redirect(url.href, 302);
    } catch (error) {
      return redirectToErrorPage(request, reply, error, ctx.options.errorPagePath);
    }
  });
}
