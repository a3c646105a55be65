import { afterEach, describe, expect, it } from 'vitest';
import { completeAuthorization } from '@siwv/e2e';
import { paths } from '@siwv/shared';
import { APP_URL, CookieJar, HTTPS_APP_URL, startHarness, type Harness } from './helpers/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('cookies over https', () => {
  it('use __Host- names with Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    harness = await startHarness({ siwv: { appUrl: HTTPS_APP_URL } });
    const start = await harness.app.inject({ method: 'GET', url: paths.authorize });
    const jar = new CookieJar();
    jar.store(start);
    const redirect = await completeAuthorization(String(start.headers.location));
    const callback = await harness.app.inject({
      method: 'GET',
      url: redirect.pathname + redirect.search,
      headers: { cookie: jar.header() },
    });
    expect(callback.headers.location).toBe('/');
    const lines = [start.headers['set-cookie'], callback.headers['set-cookie']].flat().map(String);
    const issued = lines.filter((line) => !/Max-Age=0|Expires=Thu, 01 Jan 1970/.test(line));
    expect(issued.map((line) => line.split('=')[0]).sort()).toEqual([
      '__Host-siwv-login',
      '__Host-siwv-session',
    ]);
    for (const line of issued) {
      expect(line).toMatch(/; Secure/);
      expect(line).toMatch(/; HttpOnly/);
      expect(line).toMatch(/; SameSite=Lax/);
      expect(line).toMatch(/; Path=\//);
      expect(line).not.toMatch(/Domain=/i);
    }
  });
});

describe('cookies on plain-http localhost', () => {
  it('drop Secure and the prefix, so development works in every browser', async () => {
    harness = await startHarness();
    const start = await harness.app.inject({ method: 'GET', url: paths.authorize });
    const line = String(start.headers['set-cookie']);
    expect(line).toMatch(/^siwv-login=/);
    expect(line).not.toMatch(/Secure/);
  });
});

describe('response headers', () => {
  it('mark auth and session answers no-store and nosniff', async () => {
    harness = await startHarness();
    const jar = new CookieJar();
    const callback = await harness.signIn(jar);
    const responses = [
      await harness.app.inject({ method: 'GET', url: paths.authorize }),
      callback,
      await harness.api(jar, 'GET', paths.session),
      await harness.api(jar, 'GET', paths.profile),
      await harness.api(jar, 'GET', paths.validateToken),
      await harness.api(jar, 'POST', paths.signout),
    ];
    for (const response of responses) {
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('forwarded headers', () => {
  const forged = {
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    'x-forwarded-for': '203.0.113.9',
    host: 'evil.example',
  };

  it('never change the redirect URI, which always comes from the configured origin', async () => {
    harness = await startHarness({ fastify: { trustProxy: true } });
    const response = await harness.app.inject({
      method: 'GET',
      url: paths.authorize,
      headers: forged,
    });
    const redirectUri = new URL(String(response.headers.location)).searchParams.get('redirect_uri');
    expect(redirectUri).toBe(`${APP_URL}/api/auth/callback`);
  });

  it('are ignored for the client address unless a proxy is trusted', async () => {
    harness = await startHarness({ siwv: { rateLimit: { max: 1, timeWindowMs: 60_000 } } });
    const first = await harness.app.inject({
      method: 'GET',
      url: paths.authorize,
      headers: forged,
    });
    const rotated = await harness.app.inject({
      method: 'GET',
      url: paths.authorize,
      headers: { ...forged, 'x-forwarded-for': '203.0.113.10' },
    });
    expect([first.statusCode, rotated.statusCode]).toEqual([302, 429]);
  });

  it('give each client its own allowance behind a trusted proxy', async () => {
    harness = await startHarness({
      siwv: { rateLimit: { max: 1, timeWindowMs: 60_000 } },
      fastify: { trustProxy: ['127.0.0.1'] },
    });
    const from = (ip: string) =>
      harness!.app.inject({
        method: 'GET',
        url: paths.authorize,
        headers: { 'x-forwarded-for': ip },
      });
    expect((await from('203.0.113.9')).statusCode).toBe(302);
    expect((await from('203.0.113.10')).statusCode).toBe(302);
    expect((await from('203.0.113.9')).statusCode).toBe(429);
  });
});
