import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IDToken } from 'oauth4webapi';
import { routes, type User } from '@siwv/shared';
import type { SiwvContext } from '../context';
import { BffError } from '../errors';
import { resolveReturnTo } from '../security/return-to';
import { nowSeconds, withTokens } from '../session/session';
import type { TokenSet } from '../oauth/identity-provider';
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

/**
 * The host app's say on who may sign in (its `onSignIn` hook). A refused user's fresh tokens are
 * revoked at once: nobody will ever use them.
 */
async function admit(ctx: SiwvContext, user: User, request: FastifyRequest, tokens: TokenSet) {
  if (!ctx.options.onSignIn) return;
  let verdict: void | boolean;
  try {
    verdict = await ctx.options.onSignIn(user, request);
  } catch (error) {
    throw new BffError('internal_error', 'the onSignIn hook failed', { cause: error });
  }
  if (verdict !== false) return;
  const unused = [tokens.refreshToken, tokens.accessToken].filter((t): t is string => !!t);
  await Promise.allSettled(unused.map((token) => ctx.idp.revoke(token)));
  throw new BffError('sign_in_refused', 'the onSignIn hook refused this user');
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
      const user = userFromClaims(tokens.claims);
      await admit(ctx, user, request, tokens);
      // A sign-in always starts a new session; whatever the browser had before is dropped.
      await ctx.store.destroy(request, reply);
      const now = nowSeconds();
      await ctx.store.create(
        request,
        reply,
        withTokens({ user, createdAt: now, lastSeenAt: now }, tokens),
      );
      if (!tokens.refreshToken) {
        request.log.warn(
          'no refresh token granted (is offline_access enabled for the app?): the session ends when the access token expires',
        );
      }
      request.log.info('signed in');
      // Checked again on the way out: the value was sealed, but the check costs nothing.
      return reply.redirect(resolveReturnTo(transaction.returnTo, ctx.options), 302);
    } catch (error) {
      return redirectToErrorPage(request, reply, error, ctx.options.errorPagePath);
    }
  });
}
