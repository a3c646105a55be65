import type { ResolvedOptions } from '../options';
import { createSealer } from './seal';
import { clearCookie, cookieAttributes, cookieNames } from './cookies';
import { isSession, nowSeconds, type Session } from './session';
import type { SessionStore } from './store';

/** 4096 bytes is the smallest per-cookie limit browsers guarantee (RFC 6265 §6.1). */
export const MAX_COOKIE_BYTES = 4096;

/** The stateless default: the whole session, sealed, in one HttpOnly cookie. */
export function createCookieSessionStore(options: ResolvedOptions): SessionStore {
  const sealer = createSealer(options.sessionSecrets, 'session');
  const name = cookieNames(options).session;

  return {
    async load(request) {
      const value = request.cookies[name];
      if (value === undefined) return null;
      const payload = await sealer.unseal(value);
      if (!payload) return null;
      const { iat: _iat, exp: _exp, ...session } = payload;
      return isSession(session) ? session : null;
    },

    async save(_request, reply, session: Session) {
      const remaining = session.createdAt + options.sessionMaxAgeSeconds - nowSeconds();
      // Without a refresh token the session cannot outlive its access token.
      const lifetime = Math.max(
        1,
        session.refreshToken ? remaining : Math.min(remaining, session.expiresAt - nowSeconds()),
      );
      const value = await sealer.seal({ ...session }, lifetime);
      const attributes = cookieAttributes(options, lifetime);
      if (reply.server.serializeCookie(name, value, attributes).length > MAX_COOKIE_BYTES) {
        throw new Error(
          `The sealed session is larger than ${MAX_COOKIE_BYTES} bytes; use a server-side session store.`,
        );
      }
      reply.setCookie(name, value, attributes);
    },

    async destroy(_request, reply) {
      clearCookie(reply, options, name);
    },
  };
}
