import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '@siwv/shared';
import {
  APP_URL,
  CLIENT,
  CookieJar,
  SESSION_COOKIE,
  TRANSACTION_COOKIE,
  startHarness,
  type Harness,
} from './helpers/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('starting a sign-in', () => {
  it('redirects to the provider with PKCE S256, state, nonce and the configured callback URL', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `${paths.authorize}?returnTo=%2Fprofile`,
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers['cache-control']).toBe('no-store');
    const location = new URL(String(response.headers.location));
    expect(location.origin + location.pathname).toBe(`${harness.emulator.issuer}/oauth/authorize`);
    const params = location.searchParams;
    expect(params.get('client_id')).toBe(CLIENT.clientId);
    expect(params.get('redirect_uri')).toBe(`${APP_URL}/api/auth/callback`);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{43}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(params.get('scope')).toBe('openid email profile offline_access');
  });

  it('seals state, nonce and verifier into a short-lived HttpOnly, SameSite=Lax cookie', async () => {
    const response = await harness.app.inject({ method: 'GET', url: paths.authorize });
    const cookie = response.cookies.find((c) => c.name === TRANSACTION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 600 });
    const state = new URL(String(response.headers.location)).searchParams.get('state')!;
    expect(cookie!.value).not.toContain(state);
  });
});

describe('finishing a sign-in', () => {
  it('opens a session and returns to the requested page', async () => {
    const jar = new CookieJar();
    const callback = await harness.signIn(jar, { returnTo: '/profile?tab=token' });
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/profile?tab=token');
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    expect(callback.headers['cache-control']).toBe('no-store');
    const session = callback.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(jar.names()).toEqual([SESSION_COOKIE]);

    const state = await harness.api(jar, 'GET', paths.session);
    expect(state.statusCode).toBe(200);
    expect(state.json()).toMatchObject({
      authenticated: true,
      user: {
        sub: expect.any(String),
        name: expect.any(String),
        email: expect.any(String),
        username: expect.any(String),
      },
      scopes: expect.arrayContaining(['openid', 'offline_access']),
    });
    expect(state.json().expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('sends a cancelled sign-in to the error page as access_denied, with no session', async () => {
    const jar = new CookieJar();
    const callback = await harness.signIn(jar, { decision: 'cancel' });
    expect(callback.headers.location).toBe('/auth/error?code=access_denied');
    expect(jar.names()).toEqual([]);
  });

  it('refuses a callback without the transaction cookie as login_expired', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `${paths.callback}?code=abc&state=def`,
    });
    expect(response.headers.location).toBe('/auth/error?code=login_expired');
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a callback whose state differs from the one started here', async () => {
    const jar = new CookieJar();
    const start = await harness.app.inject({ method: 'GET', url: paths.authorize });
    jar.store(start);
    const response = await harness.app.inject({
      method: 'GET',
      url: `${paths.callback}?code=abc&state=forged&iss=${encodeURIComponent(harness.emulator.issuer)}`,
      headers: { cookie: jar.header() },
    });
    expect(response.headers.location).toBe('/auth/error?code=state_mismatch');
  });

  it('refuses a tampered transaction cookie', async () => {
    const jar = new CookieJar();
    jar.set(TRANSACTION_COOKIE, 'tampered');
    const response = await harness.app.inject({
      method: 'GET',
      url: `${paths.callback}?code=a&state=b`,
      headers: { cookie: jar.header() },
    });
    expect(response.headers.location).toBe('/auth/error?code=login_expired');
  });

  it('falls back to / for a return path that leaves the origin', async () => {
    const jar = new CookieJar();
    const callback = await harness.signIn(jar, { returnTo: '//evil.example/steal' });
    expect(callback.headers.location).toBe('/');
  });
});

describe('a callback that is not a complete sign-in response', () => {
  async function callbackWith(params: (state: string) => string) {
    const jar = new CookieJar();
    const start = await harness.app.inject({ method: 'GET', url: paths.authorize });
    jar.store(start);
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    return harness.app.inject({
      method: 'GET',
      url: `${paths.callback}?${params(state)}`,
      headers: { cookie: jar.header() },
    });
  }
  const iss = () => `iss=${encodeURIComponent(harness.emulator.issuer)}`;

  it('is invalid_callback when the code is missing', async () => {
    const response = await callbackWith((state) => `state=${state}&${iss()}`);
    expect(response.headers.location).toBe('/auth/error?code=invalid_callback');
  });

  it('is invalid_callback when the code is given twice', async () => {
    const response = await callbackWith((state) => `code=a&code=b&state=${state}&${iss()}`);
    expect(response.headers.location).toBe('/auth/error?code=invalid_callback');
  });

  it('is idp_error when the provider reports a server error', async () => {
    const response = await callbackWith((state) => `error=server_error&state=${state}&${iss()}`);
    expect(response.headers.location).toBe('/auth/error?code=idp_error');
  });

  it('is issuer_mismatch when iss names another issuer', async () => {
    const response = await callbackWith(
      (state) => `code=a&state=${state}&iss=${encodeURIComponent('https://evil.example')}`,
    );
    expect(response.headers.location).toBe('/auth/error?code=issuer_mismatch');
  });
});
