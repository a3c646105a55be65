import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { paths } from '@siwv/shared';
import {
  CookieJar,
  SESSION_COOKIE,
  readSessionFromRedis,
  startHarness,
  type Harness,
} from './helpers/harness';
import { startTestRedis, type TestRedis } from './helpers/redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TTL = 2;

let redis: TestRedis;
let harness: Harness | undefined;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Signs in, lets the access token expire, and zeroes the emulator's counters. */
async function expiredSession(h: Harness, ttl = TTL) {
  const jar = new CookieJar();
  await h.signIn(jar);
  await sleep(ttl * 1000 + 100);
  h.emulator.resetStats();
  return { jar };
}

function clearsSession(response: LightMyRequestResponse): boolean {
  return response.cookies.some(
    (c) => c.name === SESSION_COOKIE && (c.maxAge === 0 || c.value === ''),
  );
}

/** Sends the same call to the instances in turn, all at once, like tabs hitting several instances. */
async function burst(h: Harness, jar: CookieJar, instances: FastifyInstance[], count: number) {
  const cookie = jar.header();
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      h.api(jar, 'GET', paths.profile, { cookie }, instances[i % instances.length]),
    ),
  );
}

describe('twenty concurrent calls on an expired access token', () => {
  it('cause exactly one refresh grant on one instance, and all succeed', async () => {
    harness = await startHarness({ accessTokenTtl: TTL });
    const { jar } = await expiredSession(harness);

    const responses = await burst(harness, jar, [harness.app], 20);
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(harness.emulator.stats().grants.refresh_token).toBe(1);
    expect(responses.some(clearsSession)).toBe(false);
  });

  it('cause exactly one refresh grant across two instances sharing the Redis store', async () => {
    harness = await startHarness({
      accessTokenTtl: TTL,
      siwv: { redis: redis.url, redisKeyPrefix: 'two-redis:' },
    });
    const second = await harness.addInstance();
    const { jar } = await expiredSession(harness);

    const responses = await burst(harness, jar, [harness.app, second], 20);
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(harness.emulator.stats().grants.refresh_token).toBe(1);
    const stored = await readSessionFromRedis(redis.url, 'two-redis:', jar);
    expect(stored?.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('sign no one out across two instances with cookie sessions', async () => {
    harness = await startHarness({
      accessTokenTtl: TTL,
      siwv: { redis: redis.url, sessionStore: 'cookie', redisKeyPrefix: 'two-cookie:' },
    });
    const second = await harness.addInstance();
    const { jar } = await expiredSession(harness);

    const responses = await burst(harness, jar, [harness.app, second], 20);
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(responses.some(clearsSession)).toBe(false);
    expect(harness.emulator.stats().grants.refresh_token).toBe(1);
  });
});

describe('a request that loses a refresh race it cannot wait out', () => {
  it('answers the retryable refresh_conflict without touching the cookie; the retry succeeds', async () => {
    // The one fault a real provider will not produce on demand: a token endpoint slow enough
    // that the other instance gives up waiting. Only instance A's calls are delayed.
    const slowTokenEndpoint: typeof fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/login/oauth/token')) {
        await sleep(1500);
      }
      return fetch(input, init);
    };
    // Long enough that the renewed token is not itself due for renewal when the retry comes: with
    // whole-second clocks a 2 s token can enter its 1 s margin almost at once.
    const ttl = 4;
    harness = await startHarness({
      accessTokenTtl: ttl,
      siwv: { redis: redis.url, sessionStore: 'cookie', redisKeyPrefix: 'conflict:' },
    });
    const slow = await harness.addInstance({ fetch: slowTokenEndpoint });
    const impatient = await harness.addInstance({ refreshWaitMs: 300 });
    const { jar } = await expiredSession(harness, ttl);

    const oldCookie = jar.header();
    const winner = harness.api(jar, 'GET', paths.profile, { cookie: oldCookie }, slow);
    await sleep(200);
    const loser = await harness.api(jar, 'GET', paths.profile, { cookie: oldCookie }, impatient);
    expect(loser.statusCode).toBe(409);
    expect(loser.json().code).toBe('refresh_conflict');
    expect(loser.headers['set-cookie']).toBeUndefined();

    expect((await winner).statusCode).toBe(200);
    const retry = await harness.api(jar, 'GET', paths.profile, {}, impatient);
    expect(retry.statusCode).toBe(200);
    expect(harness.emulator.stats().grants.refresh_token).toBe(1);
  });
});

describe('a refresh token revoked at the provider', () => {
  it('ends the session cleanly: 401 session_expired, cookie cleared, signed out', async () => {
    harness = await startHarness({ accessTokenTtl: TTL });
    const jar = new CookieJar();
    await harness.signIn(jar);
    const { readSession, revokeAtEmulator } = await import('./helpers/harness');
    const session = await readSession(jar);
    await revokeAtEmulator(harness.emulator, session!.refreshToken!);
    await sleep(TTL * 1000 + 100);

    const profile = await harness.api(jar, 'GET', paths.profile);
    expect(profile.statusCode).toBe(401);
    expect(profile.json().code).toBe('session_expired');
    expect(clearsSession(profile)).toBe(true);
    expect((await harness.api(jar, 'GET', paths.session)).json()).toEqual({ authenticated: false });
  });
});

describe('an identity provider that fails during a refresh', () => {
  it('keeps the session and answers a temporary error', async () => {
    harness = await startHarness({ accessTokenTtl: TTL });
    const jar = new CookieJar();
    await harness.signIn(jar);
    await sleep(TTL * 1000 + 100);
    await harness.emulator.close();

    const profile = await harness.api(jar, 'GET', paths.profile);
    expect(profile.statusCode).toBe(503);
    expect(profile.json().code).toBe('idp_unavailable');
    expect(clearsSession(profile)).toBe(false);
    expect((await harness.api(jar, 'GET', paths.session)).json().authenticated).toBe(true);
  });
});

describe('a request that arrives after the refresh, still holding the old cookie', () => {
  it('adopts the renewed tokens instead of spending the dead refresh token', async () => {
    harness = await startHarness({ accessTokenTtl: TTL });
    const { jar } = await expiredSession(harness);
    const oldCookie = jar.header();

    const first = await harness.api(jar, 'GET', paths.profile, { cookie: oldCookie });
    const late = await harness.api(jar, 'GET', paths.validateToken, { cookie: oldCookie });
    const later = await harness.api(jar, 'GET', paths.profile, { cookie: oldCookie });
    expect([first.statusCode, late.statusCode, later.statusCode]).toEqual([200, 200, 200]);
    expect(late.json().active).toBe(true);
    expect(harness.emulator.stats().grants.refresh_token).toBe(1);
  });
});
