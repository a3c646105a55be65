import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, paths } from '@siwv/shared';
import {
  CookieJar,
  SESSION_COOKIE,
  introspectAtEmulator,
  readSession,
  startHarness,
  type Harness,
} from './helpers/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

async function signedIn(username?: string) {
  const jar = new CookieJar();
  await harness.signIn(jar, { username });
  return jar;
}

describe('the session route', () => {
  it('says signed out without a cookie', async () => {
    const response = await harness.api(new CookieJar(), 'GET', paths.session);
    expect(response.json()).toEqual({ authenticated: false });
  });

  it('treats a tampered cookie as signed out and clears it', async () => {
    const jar = new CookieJar();
    jar.set(SESSION_COOKIE, 'eyJhbGciOiJkaXIifQ.tampered');
    const response = await harness.api(jar, 'GET', paths.session);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ authenticated: false });
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('requires the CSRF header', async () => {
    const response = await harness.app.inject({ method: 'GET', url: paths.session });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      statusCode: 403,
      code: 'csrf_header_missing',
      message: expect.any(String),
    });
  });
});

describe('the profile route', () => {
  it('returns the signed-in user from userinfo', async () => {
    const jar = await signedIn();
    const response = await harness.api(jar, 'GET', paths.profile);
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile).toMatchObject({
      sub: expect.any(String),
      name: expect.any(String),
      email: expect.stringContaining('@'),
    });
    expect(Object.keys(profile).sort()).toEqual([
      'email',
      'emailVerified',
      'name',
      'picture',
      'sub',
      'username',
    ]);
    expect(JSON.stringify(profile)).not.toMatch(/token/i);
  });

  it('answers 401 with a code when signed out or the cookie is tampered', async () => {
    const jar = new CookieJar();
    expect((await harness.api(jar, 'GET', paths.profile)).json()).toMatchObject({
      statusCode: 401,
      code: 'unauthenticated',
    });
    jar.set(SESSION_COOKIE, 'x.y.z.w.v');
    expect((await harness.api(jar, 'GET', paths.profile)).statusCode).toBe(401);
  });

  it('refuses a request without the CSRF header', async () => {
    const jar = await signedIn();
    const response = await harness.app.inject({
      method: 'GET',
      url: paths.profile,
      headers: { cookie: jar.header() },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the validate-token route', () => {
  it('reports what introspection says about the access token, never the token', async () => {
    const jar = await signedIn();
    const response = await harness.api(jar, 'GET', paths.validateToken);
    expect(response.statusCode).toBe(200);
    const info = response.json();
    const session = await readSession(jar);
    expect(info).toMatchObject({
      active: true,
      clientId: 'cl_bfftestclient00000000000000000',
      tokenType: 'bearer',
      subject: session!.user.sub,
      issuer: harness.emulator.issuer,
    });
    expect(info.expiresAt).toBeGreaterThan(info.issuedAt);
    expect(response.body).not.toContain(session!.accessToken);
  });
});

describe('signing out', () => {
  it('revokes both tokens at the provider and clears every auth cookie', async () => {
    const jar = await signedIn();
    const session = await readSession(jar);
    const response = await harness.api(jar, 'POST', paths.signout);
    expect(response.statusCode).toBe(204);
    expect(jar.names()).toEqual([]);
    await expect(introspectAtEmulator(harness.emulator, session!.accessToken)).resolves.toEqual({
      active: false,
    });
    await expect(introspectAtEmulator(harness.emulator, session!.refreshToken!)).resolves.toEqual({
      active: false,
    });
    expect((await harness.api(jar, 'GET', paths.session)).json()).toEqual({ authenticated: false });
  });

  it('refuses a cross-site request and leaves the session intact', async () => {
    const jar = await signedIn();
    const response = await harness.api(jar, 'POST', paths.signout, {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('origin_mismatch');
    expect((await harness.api(jar, 'GET', paths.session)).json().authenticated).toBe(true);
  });

  it('refuses a sign-out without the CSRF header', async () => {
    const jar = await signedIn();
    const response = await harness.app.inject({
      method: 'POST',
      url: paths.signout,
      headers: { cookie: jar.header() },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers[CSRF_HEADER]).toBeUndefined();
  });

  it('still clears the cookies when signed out already', async () => {
    const response = await harness.api(new CookieJar(), 'POST', paths.signout);
    expect(response.statusCode).toBe(204);
  });
});

describe('health', () => {
  it('answers without any header', async () => {
    const response = await harness.app.inject({ method: 'GET', url: paths.health });
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown API paths with a coded 404', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
  });
});
