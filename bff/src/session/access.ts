import type { FastifyReply, FastifyRequest } from 'fastify';
import { BffError } from '../errors';
import type { IdentityProvider } from '../oauth/identity-provider';
import type { LifetimePolicy } from './lifetime';
import type { RefreshCoordinator } from './refresh-coordinator';
import { nowSeconds, withTokens, type Session } from './session';
import type { SessionStore } from './store';

/**
 * Hands routes a session whose access token is good to use, renewing it first when it is about to
 * expire. The renewed tokens are written back before the route answers, and the refresh itself
 * goes through the coordinator, so a refresh token is only ever spent once.
 */
export function createSessionAccess(
  store: SessionStore,
  idp: IdentityProvider,
  coordinator: RefreshCoordinator,
  lifetime: LifetimePolicy,
) {
  return {
    async require(request: FastifyRequest, reply: FastifyReply): Promise<Session> {
      const session = await store.load(request);
      if (!session) throw new BffError('unauthenticated', 'no valid session');
      const now = nowSeconds();

      if (!lifetime.needsRefresh(session, now)) {
        if (lifetime.needsTouch(session, now)) {
          const touched = { ...session, lastSeenAt: now };
          await store.update(request, reply, touched);
          return touched;
        }
        return session;
      }
      // Without a refresh token the stores stop returning the session once the access token
      // expires (the one warning was logged at sign-in); until then it is used as it is.
      if (!session.refreshToken) return session;

      // A refused refresh token surfaces as session_expired and ends the session; outages
      // (idp_unavailable) and lost races (refresh_conflict) keep it for the next try.
      const refreshToken = session.refreshToken;
      const tokens = await coordinator.run(refreshToken, () =>
        idp.refresh(refreshToken, session.user.sub),
      );
      const renewed = { ...withTokens(session, tokens), lastSeenAt: now };
      await store.update(request, reply, renewed);
      return renewed;
    },
  };
}

export type SessionAccess = ReturnType<typeof createSessionAccess>;
