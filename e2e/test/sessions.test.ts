import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, startEmulator, TEST_USERS, type RunningEmulator } from '../emulator';
import { authorizeWithJar, CookieJar } from '../emulator/authorize-client';
import { authorizationUrl, createPkce, postForm } from './helpers/oauth';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

/** One browser (one jar) authorizing; answers who the ID token says signed in. */
async function subjectOf(jar: CookieJar, username: string, params: Record<string, string> = {}) {
  const pkce = createPkce();
  const redirect = await authorizeWithJar(jar, authorizationUrl(emulator, pkce, params), {
    username,
  });
  const response = await postForm(`${emulator.issuer}/login/oauth/token`, {
    grant_type: 'authorization_code',
    code: redirect.searchParams.get('code')!,
    redirect_uri: DEFAULT_CLIENT.redirectUris[0]!,
    code_verifier: pkce.verifier,
  });
  const { id_token: idToken, refresh_token: refreshToken } = await response.json();
  return { sub: decodeJwt(idToken).sub, refreshToken };
}

const idOf = (username: string) => TEST_USERS.find((user) => user.username === username)!.id;

describe('a browser that signed in before', () => {
  it('goes straight back to the app: Vercel remembers the login and the consent', async () => {
    const jar = new CookieJar();
    expect((await subjectOf(jar, 'ada')).sub).toBe(idOf('ada'));
    // No login page this time, so the username asked for is never used.
    const again = await subjectOf(jar, 'grace');
    expect(again.sub).toBe(idOf('ada'));
    expect(again.refreshToken).toEqual(expect.any(String));
  });

  it('sees the login page again with prompt=login and may pick another user', async () => {
    const jar = new CookieJar();
    await subjectOf(jar, 'ada');
    expect((await subjectOf(jar, 'grace', { prompt: 'login' })).sub).toBe(idOf('grace'));
  });
});

describe('the consent of a browser that signed in before', () => {
  it('survives the app revoking its tokens at sign-out', async () => {
    const jar = new CookieJar();
    const { refreshToken } = await subjectOf(jar, 'ada');
    await postForm(`${emulator.issuer}/login/oauth/token/revoke`, { token: refreshToken });
    // Consent is not asked again, so the Cancel this walk would press is never reached.
    const redirect = await authorizeWithJar(jar, authorizationUrl(emulator, createPkce()), {
      decision: 'cancel',
    });
    expect(redirect.searchParams.get('code')).toBeTruthy();
  });

  it('is withdrawn when a rotated refresh token is reused', async () => {
    const jar = new CookieJar();
    const { refreshToken } = await subjectOf(jar, 'ada');
    const refresh = () =>
      postForm(`${emulator.issuer}/login/oauth/token`, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      });
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(400);
    const redirect = await authorizeWithJar(jar, authorizationUrl(emulator, createPkce()), {
      decision: 'cancel',
    });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
  });
});
