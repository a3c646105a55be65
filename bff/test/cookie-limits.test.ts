import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { resolveOptions } from '../src/options';
import { createCookieSessionStore, MAX_COOKIE_BYTES } from '../src/session/cookie-store';
import { createLifetimePolicy } from '../src/session/lifetime';
import type { BffError } from '../src/errors';
import type { Session } from '../src/session/session';

const options = resolveOptions({
  clientId: 'cl_limits',
  clientSecret: 'secret',
  appUrl: 'https://app.example',
  sessionSecrets: 's'.repeat(32),
});
const now = Math.floor(Date.now() / 1000);

function session(nameLength: number): Session {
  return {
    user: { sub: 'u1', name: 'n'.repeat(nameLength), email: 'a@b.c', username: 'u', picture: null },
    accessToken: 'a'.repeat(60),
    refreshToken: 'r'.repeat(60),
    expiresAt: now + 3600,
    obtainedAt: now,
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    createdAt: now,
    lastSeenAt: now,
  };
}

/** Writes a session through the cookie store and returns the Set-Cookie line or the error code. */
async function write(nameLength: number) {
  const app = Fastify();
  await app.register(fastifyCookie);
  const store = createCookieSessionStore(options, createLifetimePolicy(options));
  app.get('/', async (request, reply) => {
    try {
      await store.create(request, reply, session(nameLength));
      return { ok: true };
    } catch (error) {
      return { code: (error as BffError).code, detail: (error as BffError).detail };
    }
  });
  const response = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return { body: response.json(), setCookie: response.headers['set-cookie'] as string | undefined };
}

describe('the size of the session cookie', () => {
  it('stays under 4096 bytes for an ordinary session, with Secure and the __Host- prefix', async () => {
    const { setCookie } = await write(40);
    expect(setCookie).toMatch(/^__Host-siwv-session=/);
    expect(setCookie).toMatch(/; Secure/);
    expect(Buffer.byteLength(setCookie!)).toBeLessThan(MAX_COOKIE_BYTES);
  });

  it('is refused with a clear code naming the Redis store, rather than written over the limit', async () => {
    const { body, setCookie } = await write(4000);
    expect(setCookie).toBeUndefined();
    expect(body.code).toBe('session_too_large');
    expect(body.detail).toMatch(/SESSION_STORE=redis/);
  });
});
