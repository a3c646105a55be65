import { afterEach, describe, expect, it } from 'vitest';
import { paths } from '@siwv/shared';
import {
  CookieJar,
  introspectAtEmulator,
  readSession,
  startHarness,
  type Harness,
} from './helpers/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an access token near or past its expiry', () => {
  it('is refreshed once for concurrent requests, and the rotated tokens are kept', async () => {
    harness = await startHarness({ accessTokenTtl: 2 });
    const jar = new CookieJar();
    await harness.signIn(jar);
    const before = await readSession(jar);
    await sleep(2100);
    harness.emulator.resetStats();

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => harness!.api(jar, 'GET', paths.profile)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(harness.emulator.stats().grants.refresh_token).toBe(1);

    const after = await readSession(jar);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(after!.accessToken).not.toBe(before!.accessToken);
  });

  it('can still be signed out of, revoking the refresh token', async () => {
    harness = await startHarness({ accessTokenTtl: 1 });
    const jar = new CookieJar();
    await harness.signIn(jar);
    const session = await readSession(jar);
    await sleep(1500);
    const response = await harness.api(jar, 'POST', paths.signout);
    expect(response.statusCode).toBe(204);
    expect(jar.names()).toEqual([]);
    await expect(introspectAtEmulator(harness.emulator, session!.refreshToken!)).resolves.toEqual({
      active: false,
    });
  });

  it('ends the session cleanly when no refresh token was granted', async () => {
    harness = await startHarness({ accessTokenTtl: 1, offlineAccess: false });
    const jar = new CookieJar();
    await harness.signIn(jar);
    expect((await readSession(jar))!.refreshToken).toBeNull();
    await sleep(1500);
    const profile = await harness.api(jar, 'GET', paths.profile);
    // The sealed cookie expires with the access token, so the session is simply gone.
    expect(profile.statusCode).toBe(401);
    expect(profile.json().code).toBe('unauthenticated');
    expect((await harness.api(jar, 'GET', paths.session)).json()).toEqual({ authenticated: false });
    expect(harness.logLines.filter((line) => line.includes('offline_access'))).toHaveLength(1);
  });
});

describe('a session whose grant was revoked at the provider', () => {
  it('ends visibly: 401 session_expired, cookies cleared, session says signed out', async () => {
    harness = await startHarness({ accessTokenTtl: 2 });
    const jar = new CookieJar();
    await harness.signIn(jar);
    const session = await readSession(jar);
    const revoke = await fetch(`${harness.emulator.issuer}/login/oauth/token/revoke`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('cl_bfftestclient00000000000000000:bff-test-client-secret').toString('base64')}`,
      },
      body: new URLSearchParams({ token: session!.accessToken }),
    });
    expect(revoke.ok).toBe(true);
    const profile = await harness.api(jar, 'GET', paths.profile);
    expect(profile.statusCode).toBe(401);
    expect(profile.json().code).toBe('session_expired');
    expect((await harness.api(jar, 'GET', paths.session)).json()).toEqual({ authenticated: false });
  });
});

describe('an identity provider that cannot be reached', () => {
  it('sends a sign-in to the error page as idp_unavailable instead of failing', async () => {
    harness = await startHarness();
    await harness.emulator.close();
    const response = await harness.app.inject({ method: 'GET', url: paths.authorize });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/auth/error?code=idp_unavailable');
  });
});
