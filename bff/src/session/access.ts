import type { FastifyReply, FastifyRequest } from 'fastify';
import { BffError } from '../errors';
import type { IdentityProvider, TokenSet } from '../oauth/identity-provider';
import { nowSeconds, type Session } from './session';
import type { SessionStore } from './store';

/** Refresh this long before the access token expires, so no call upstream races its expiry. */
const REFRESH_MARGIN_SECONDS = 60;

/**
 * Hands routes a session whose access token is good to use, refreshing it first when it is about
 * to expire. Concurrent requests of one session share a single refresh: refresh tokens are
 * single-use, and spending one twice would end the user's grant.
 */
export function createSessionAccess(store: SessionStore, idp: IdentityProvider) {
  const refreshesInFlight = new Map<string, Promise<TokenSet>>();

  function refreshOnce(session: Session & { refreshToken: string }): Promise<TokenSet> {
    let pending = refreshesInFlight.get(session.refreshToken);
    if (!pending) {
      pending = idp.refresh(session.refreshToken, session.user.sub);
      refreshesInFlight.set(session.refreshToken, pending);
      const forget = () => refreshesInFlight.delete(session.refreshToken);
      pending.then(forget, forget);
    }
    return pending;
  }

  return {
    async require(request: FastifyRequest, reply: FastifyReply): Promise<Session> {
      const session = await store.load(request);
      if (!session) throw new BffError('unauthenticated', 'no valid session cookie');
      if (session.expiresAt - REFRESH_MARGIN_SECONDS > nowSeconds()) return session;

      if (!session.refreshToken) {
        if (session.expiresAt > nowSeconds()) return session;
        await store.destroy(request, reply);
        request.log.warn(
          'session ended at access-token expiry: no refresh token was granted (enable offline_access for the app)',
        );
        throw new BffError('session_expired', 'access token expired without a refresh token');
      }
      try {
        const tokens = await refreshOnce({ ...session, refreshToken: session.refreshToken });
        const refreshed: Session = {
          ...session,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          expiresAt: tokens.expiresAt,
          scopes: tokens.scopes,
        };
        await store.save(request, reply, refreshed);
        return refreshed;
      } catch (error) {
        if (error instanceof BffError && error.code === 'session_expired') {
          await store.destroy(request, reply);
        }
        throw error;
      }
    },
  };
}

export type SessionAccess = ReturnType<typeof createSessionAccess>;
