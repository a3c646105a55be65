import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { ResolvedOptions } from '../options';
import { createSealer } from './seal';
import { clearCookie, cookieAttributes, cookieNames } from './cookies';
import { isSession, type Session } from './session';
import type { SessionStore } from './store';
import type { LifetimePolicy } from './lifetime';
import { storeUnavailable } from './redis-errors';
import { createOpenedCookieCache } from './opened-cookie-cache';

/** 32 random bytes, base64url: the only thing the browser holds with this store. */
const SESSION_ID = /^[\w-]{43}$/;

const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * Sessions in Redis behind an opaque, unguessable id. Keys hold a hash of the id, so a copy of the
 * database yields no usable cookie; values are sealed like the cookie store's, so it yields no
 * token either. Each user has a set of their sessions, for "sign out everywhere".
 */
export function createRedisSessionStore(
  options: ResolvedOptions,
  lifetime: LifetimePolicy,
  redis: Redis,
  keyPrefix: string,
): SessionStore {
  const sealer = createSealer(options.sessionSecrets, 'session');
  const name = cookieNames(options).session;
  const sessionKey = (id: string) => `${keyPrefix}session:${digest(id)}`;
  const userKey = (sub: string) => `${keyPrefix}user-sessions:${digest(sub)}`;
  // Redis is asked on every request (a deleted session must end at once); only opening the sealed
  // value it returns is skipped when that exact value was opened a moment ago.
  const opened = createOpenedCookieCache<Session>();

  function idOf(request: FastifyRequest): string | null {
    const value = request.cookies[name];
    return value && SESSION_ID.test(value) ? value : null;
  }

  async function open(sealed: string | null): Promise<Session | null> {
    if (!sealed) return null;
    const known = opened.get(sealed);
    if (known) return lifetime.isOver(known) ? null : known;
    const payload = await sealer.unseal(sealed);
    if (!payload) return null;
    const { iat: _iat, exp, ...session } = payload;
    if (!isSession(session) || lifetime.isOver(session)) return null;
    opened.set(sealed, session, (exp ?? 0) * 1000);
    return session;
  }

  async function write(reply: FastifyReply, id: string, session: Session): Promise<void> {
    const seconds = Math.max(1, lifetime.remainingSeconds(session));
    const sealed = await sealer.seal({ ...session }, seconds);
    const key = sessionKey(id);
    try {
      await redis
        .multi()
        .set(key, sealed, 'EX', seconds)
        .sadd(userKey(session.user.sub), key)
        .expire(userKey(session.user.sub), options.sessionMaxAgeSeconds)
        .exec();
    } catch (error) {
      throw storeUnavailable(error);
    }
    reply.setCookie(name, id, cookieAttributes(options, seconds));
  }

  return {
    kind: 'redis',

    async load(request) {
      const id = idOf(request);
      if (!id) return null;
      try {
        return await open(await redis.get(sessionKey(id)));
      } catch (error) {
        throw storeUnavailable(error);
      }
    },

    create: (_request, reply, session) =>
      write(reply, randomBytes(32).toString('base64url'), session),

    async update(request, reply, session) {
      const id = idOf(request);
      // A session being updated always came with its id; without one it starts afresh.
      await write(reply, id ?? randomBytes(32).toString('base64url'), session);
    },

    async destroy(request, reply) {
      // The cookie goes first: whatever Redis does, this browser is signed out.
      clearCookie(reply, options, name);
      const id = idOf(request);
      if (!id) return;
      try {
        await redis.del(sessionKey(id));
      } catch (error) {
        throw storeUnavailable(error);
      }
    },

    async destroyAllOfUser(sub) {
      try {
        const keys = await redis.smembers(userKey(sub));
        const sealed = keys.length > 0 ? await redis.mget(...keys) : [];
        await redis.del(userKey(sub), ...keys);
        const sessions = await Promise.all(sealed.map(open));
        return sessions.filter((s): s is Session => s !== null);
      } catch (error) {
        throw storeUnavailable(error);
      }
    },
  };
}
