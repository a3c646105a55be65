import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '@siwv/shared';
import { CookieJar, startHarness, type Harness } from './helpers/harness';
import { startTestRedis, type TestRedis } from './helpers/redis';

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

describe('the limit on sign-in, callback and sign-out requests', () => {
  it('answers 429 with a code once a client exceeds it, across those routes', async () => {
    harness = await startHarness({ siwv: { rateLimit: { max: 3, timeWindowMs: 60_000 } } });
    const statuses = [];
    for (const url of [paths.authorize, `${paths.callback}?code=a&state=b`, paths.authorize]) {
      statuses.push((await harness.app.inject({ method: 'GET', url })).statusCode);
    }
    expect(statuses).toEqual([302, 302, 302]);
    const limited = await harness.app.inject({ method: 'GET', url: paths.authorize });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    const signout = await harness.api(new CookieJar(), 'POST', paths.signout);
    expect(signout.statusCode).toBe(429);
  });

  it('leaves the session, data and health routes alone', async () => {
    harness = await startHarness({ siwv: { rateLimit: { max: 1, timeWindowMs: 60_000 } } });
    const jar = new CookieJar();
    await harness.signIn(jar);
    for (let i = 0; i < 5; i++) {
      expect((await harness.api(jar, 'GET', paths.session)).statusCode).toBe(200);
      expect((await harness.app.inject({ method: 'GET', url: paths.health })).statusCode).toBe(200);
    }
  });

  it('is shared by instances through Redis', async () => {
    harness = await startHarness({
      siwv: {
        redis: redis.url,
        redisKeyPrefix: 'limit:',
        rateLimit: { max: 2, timeWindowMs: 60_000 },
      },
    });
    const second = await harness.addInstance();
    expect((await harness.app.inject({ method: 'GET', url: paths.authorize })).statusCode).toBe(
      302,
    );
    expect((await second.inject({ method: 'GET', url: paths.authorize })).statusCode).toBe(302);
    expect((await harness.app.inject({ method: 'GET', url: paths.authorize })).statusCode).toBe(
      429,
    );
    expect((await second.inject({ method: 'GET', url: paths.authorize })).statusCode).toBe(429);
  });
});
