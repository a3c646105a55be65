import type { FastifyInstance } from 'fastify';
import type { IDToken } from 'oauth4webapi';
import { routes, type User } from '@siwv/shared';
import type { SiwvContext } from '../context';
import { BffError } from '../errors';
import { safeReturnTo } from '../security/return-to';
import { nowSeconds, withTokens } from '../session/session';
import { redirectToErrorPage } from './error-page';

function claimString(claims: IDToken, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function userFromClaims(claims: IDToken): User {
  return {
    sub: claims.sub,
    name: claimString(claims, 'name'),
    email: claimString(claims, 'email'),
    username: claimString(claims, 'preferred_username'),
    picture: claimString(claims, 'picture'),
  };
}

/** Finishes a sign-in: validates the response, exchanges the code, opens the session. */
export function callbackRoute(fastify: FastifyInstance, ctx: SiwvContext) {
  fastify.get(routes.callback, ctx.authRouteConfig, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // The callback URL carries the authorization code; never leak it through a Referer.
    reply.header('referrer-policy', 'no-referrer');
    try {
      const transaction = await ctx.transactions.take(request, reply);
      if (!transaction)
        throw new BffError('login_expired', 'callback without a valid transaction cookie');
      const callbackUrl = new URL(request.url, ctx.options.appOrigin);
      const tokens = await ctx.idp.completeLogin(callbackUrl, transaction);
      // A sign-in always starts a new session; whatever the browser had before is dropped.
      await ctx.store.destroy(request, reply);
      const now = nowSeconds();
      await ctx.store.create(
        request,
        reply,
        withTokens(
          { user: userFromClaims(tokens.claims), createdAt: now, lastSeenAt: now },
          tokens,
        ),
      );
      if (!tokens.refreshToken) {
        request.log.warn(
          'no refresh token granted (is offline_access enabled for the app?): the session ends when the access token expires',
        );
      }
      request.log.info('signed in');
      // Checked again on the way out: the value was sealed, but the check costs nothing.
      return reply.redirect(safeReturnTo(transaction.returnTo, ctx.options.appOrigin), 302);
    } catch (error) {
      return redirectToErrorPage(request, reply, error);
    }
  });
}
