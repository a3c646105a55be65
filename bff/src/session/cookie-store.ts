import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedOptions } from '../options';
import { BffError } from '../errors';
import { createSealer } from './seal';
import { clearCookie, cookieAttributes, cookieNames } from './cookies';
import { isSession, type Session } from './session';
import type { SessionStore } from './store';
import type { LifetimePolicy } from './lifetime';
import { createOpenedCookieCache } from './opened-cookie-cache';

/** 4096 bytes is the smallest per-cookie limit browsers guarantee (RFC 6265 §6.1). */
export const MAX_COOKIE_BYTES = 4096;

/** The stateless default: the whole session, sealed, in one HttpOnly cookie. */
export function createCookieSessionStore(
  options: ResolvedOptions,
  lifetime: LifetimePolicy,
): SessionStore {
  const sealer = createSealer(options.sessionSecrets, 'session');
  const name = cookieNames(options).session;
  const opened = createOpenedCookieCache<Session>();

  async function write(reply: FastifyReply, session: Session) {
    const seconds = Math.max(1, lifetime.remainingSeconds(session));
    const value = await sealer.seal({ ...session }, seconds);
    const attributes = cookieAttributes(options, seconds);
    const line = reply.server.serializeCookie(name, value, attributes);
    if (Buffer.byteLength(line) > MAX_COOKIE_BYTES) {
      throw new BffError(
        'session_too_large',
        `the sealed session needs a ${Buffer.byteLength(line)}-byte Set-Cookie line, over the ${MAX_COOKIE_BYTES}-byte limit; use the Redis session store (SESSION_STORE=redis)`,
      );
    }
    reply.setCookie(name, value, attributes);
  }

  return {
    kind: 'cookie',
    async load(request: FastifyRequest) {
      const value = request.cookies[name];
      if (value === undefined) return null;
      const known = opened.get(value);
      if (known) return lifetime.isOver(known) ? null : known;
      const payload = await sealer.unseal(value);
      if (!payload) return null;
      const { iat: _iat, exp, ...session } = payload;
      if (!isSession(session) || lifetime.isOver(session)) return null;
      opened.set(value, session, (exp ?? 0) * 1000);
      return session;
    },
    create: (_request, reply, session) => write(reply, session),
    update: (_request, reply, session) => write(reply, session),
    async destroy(_request, reply) {
      clearCookie(reply, options, name);
    },
    async destroyAllOfUser() {
      return null;
    },
  };
}
