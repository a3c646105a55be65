import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { paths } from '@siwv/shared';
import {
  CookieJar,
  SESSION_COOKIE,
  introspectAtEmulator,
  readSessionFromRedis,
  startHarness,
  type Harness,
} from './helpers/harness';
import { startTestRedis, type TestRedis } from './helpers/redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: TestRedis;
let harness: Harness | undefined;
let prefixCounter = 0;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Each test its own key space in the shared test server. */
async function redisHarness(siwv: Record<string, unknown> = {}, accessTokenTtl?: number) {
  const redisKeyPrefix = `store-${++prefixCounter}:`;
  harness = await startHarness({
    accessTokenTtl,
    siwv: { redis: redis.url, redisKeyPrefix, ...siwv },
  });
  return { harness, redisKeyPrefix };
}

describe('the Redis session store', () => {
  it('gives the browser only an opaque, unguessable id, and a new one on every sign-in', async () => {
    const { harness, redisKeyPrefix } = await redisHarness();
    const jar = new CookieJar();
    await harness.signIn(jar);
    const first = jar.get(SESSION_COOKIE)!;
    expect(first).toMatch(/^[\w-]{43}$/);
    const stored = await readSessionFromRedis(redis.url, redisKeyPrefix, jar);
    expect(stored?.accessToken).toBeTruthy();
    expect(first).not.toContain(stored!.accessToken);

    await harness.signIn(jar);
    const second = jar.get(SESSION_COOKIE)!;
    expect(second).not.toBe(first);
    // The old id is gone from the store, not merely replaced in the browser.
    const stale = new CookieJar();
    stale.set(SESSION_COOKIE, first);
    expect((await harness.api(stale, 'GET', paths.session)).json()).toEqual({
      authenticated: false,
    });
    expect((await harness.api(jar, 'GET', paths.session)).json().authenticated).toBe(true);
  });

  it('keeps sessions no longer than their absolute lifetime', async () => {
    const { harness, redisKeyPrefix } = await redisHarness({ sessionMaxAgeSeconds: 3600 });
    const jar = new CookieJar();
    await harness.signIn(jar);
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys(`${redisKeyPrefix}session:*`);
      expect(keys).toHaveLength(1);
      const ttl = await client.ttl(keys[0]!);
      expect(ttl).toBeGreaterThan(3500);
      expect(ttl).toBeLessThanOrEqual(3600);
    } finally {
      client.disconnect();
    }
  });

  it('signs a user out everywhere with scope=all, revoking every token', async () => {
    const { harness, redisKeyPrefix } = await redisHarness();
    const laptop = new CookieJar();
    const phone = new CookieJar();
    const someoneElse = new CookieJar();
    await harness.signIn(laptop, { username: 'ada' });
    await harness.signIn(phone, { username: 'ada' });
    await harness.signIn(someoneElse, { username: 'grace' });
    const phoneSession = await readSessionFromRedis(redis.url, redisKeyPrefix, phone);

    const response = await harness.api(laptop, 'POST', `${paths.signout}?scope=all`);
    expect(response.statusCode).toBe(204);
    expect((await harness.api(laptop, 'GET', paths.session)).json()).toEqual({
      authenticated: false,
    });
    expect((await harness.api(phone, 'GET', paths.session)).json()).toEqual({
      authenticated: false,
    });
    expect((await harness.api(someoneElse, 'GET', paths.session)).json().authenticated).toBe(true);
    await expect(
      introspectAtEmulator(harness.emulator, phoneSession!.refreshToken!),
    ).resolves.toEqual({
      active: false,
    });
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const { harness } = await redisHarness({ idleTimeoutSeconds: 1 });
    const jar = new CookieJar();
    await harness.signIn(jar);
    expect((await harness.api(jar, 'GET', paths.session)).json().authenticated).toBe(true);
    await sleep(2100);
    expect((await harness.api(jar, 'GET', paths.session)).json()).toEqual({ authenticated: false });
  });

  it('answers 503 with a code while Redis is down, and recovers when it is back', async () => {
    const own = await startTestRedis();
    try {
      harness = await startHarness({ siwv: { redis: own.url } });
      const jar = new CookieJar();
      await harness.signIn(jar);

      await own.stop();
      for (const path of [paths.session, paths.profile]) {
        const response = await harness.api(jar, 'GET', path);
        expect(response.statusCode).toBe(503);
        expect(response.json().code).toBe('store_unavailable');
      }
      const signIn = await harness.app.inject({ method: 'GET', url: paths.authorize });
      expect(signIn.statusCode).toBe(302);

      // Redis comes back empty (nothing is persisted in tests): the BFF serves again by itself.
      await own.start();
      await expect
        .poll(async () => (await harness!.api(jar, 'GET', paths.session)).statusCode, {
          timeout: 10_000,
          interval: 200,
        })
        .toBe(200);
      expect((await harness.api(jar, 'GET', paths.session)).json()).toEqual({
        authenticated: false,
      });
      const again = new CookieJar();
      const callback = await harness.signIn(again);
      expect(callback.headers.location).toBe('/profile');
      expect((await harness.api(again, 'GET', paths.profile)).statusCode).toBe(200);
    } finally {
      await own.stop();
    }
  });
});

describe('sign-out everywhere with the cookie store', () => {
  it('is refused with a clear code, leaving the session intact', async () => {
    harness = await startHarness();
    const jar = new CookieJar();
    await harness.signIn(jar);
    const response = await harness.api(jar, 'POST', `${paths.signout}?scope=all`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('bad_request');
    expect((await harness.api(jar, 'GET', paths.session)).json().authenticated).toBe(true);
  });
});
