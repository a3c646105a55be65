import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeAuthorization,
  DEFAULT_CLIENT,
  startEmulator,
  TEST_USERS,
  type RunningEmulator,
} from '../emulator';
import { authorizationUrl, createPkce, postForm, signIn } from './helpers/oauth';

const NO_REFRESH_CLIENT = {
  clientId: 'cl_norefresh00000000000000000000',
  clientSecret: 'no-refresh-secret',
  redirectUris: ['http://localhost:3300/callback'],
  name: 'Without refresh tokens',
  offlineAccess: false,
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT, NO_REFRESH_CLIENT] });
});
afterAll(() => emulator.close());

const ada = TEST_USERS.find((user) => user.username === 'ada')!;
const zoe = TEST_USERS.find((user) => user.username === 'zoe')!;

async function verifyIdToken(idToken: string, audience = DEFAULT_CLIENT.clientId) {
  const jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/.well-known/jwks`));
  return jwtVerify(idToken, jwks, { issuer: emulator.issuer, audience, algorithms: ['RS256'] });
}

describe('the code exchange', () => {
  it.each(['basic', 'post'] as const)('works with client_secret_%s', async (auth) => {
    const { tokens } = await signIn(emulator, { auth });
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid email profile offline_access',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      id_token: expect.any(String),
    });
    expect(tokens.access_token).not.toContain('.');
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const pkce = createPkce();
    const redirect = await completeAuthorization(authorizationUrl(emulator, pkce));
    const response = await postForm(
      `${emulator.issuer}/login/oauth/token`,
      {
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code')!,
        redirect_uri: DEFAULT_CLIENT.redirectUris[0]!,
        code_verifier: pkce.verifier,
      },
      { client: { ...DEFAULT_CLIENT, clientSecret: 'wrong' } },
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('invalid_client');
  });

  it('refuses a wrong code_verifier, and a code used twice', async () => {
    const pkce = createPkce();
    const code = (await completeAuthorization(authorizationUrl(emulator, pkce))).searchParams.get(
      'code',
    )!;
    const exchange = (verifier: string) =>
      postForm(`${emulator.issuer}/login/oauth/token`, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: DEFAULT_CLIENT.redirectUris[0]!,
        code_verifier: verifier,
      });
    const wrong = await exchange(createPkce().verifier);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toBe('invalid_grant');

    const pkce2 = createPkce();
    const code2 = (await completeAuthorization(authorizationUrl(emulator, pkce2))).searchParams.get(
      'code',
    )!;
    const once = () =>
      postForm(`${emulator.issuer}/login/oauth/token`, {
        grant_type: 'authorization_code',
        code: code2,
        redirect_uri: DEFAULT_CLIENT.redirectUris[0]!,
        code_verifier: pkce2.verifier,
      });
    expect((await once()).status).toBe(200);
    const again = await once();
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe('invalid_grant');
  });

  it('issues no refresh token without offline_access, and none to a client without offline access', async () => {
    const withoutScope = await signIn(emulator, { scope: 'openid email profile' });
    expect(withoutScope.tokens.refresh_token).toBeUndefined();
    expect(withoutScope.tokens.scope).toBe('openid email profile');

    // Vercel drops scopes an app has not enabled without an error
    // (https://vercel.com/docs/sign-in-with-vercel/authorization-server-api).
    const limited = await signIn(emulator, { client: NO_REFRESH_CLIENT });
    expect(limited.tokens.refresh_token).toBeUndefined();
    expect(limited.tokens.scope).toBe('openid email profile');
  });

  it('grants every scope the app has enabled when the request names none', async () => {
    const pkce = createPkce();
    const redirect = await completeAuthorization(
      authorizationUrl(emulator, pkce, { scope: undefined, nonce: undefined }),
    );
    const response = await postForm(`${emulator.issuer}/login/oauth/token`, {
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: DEFAULT_CLIENT.redirectUris[0]!,
      code_verifier: pkce.verifier,
    });
    expect((await response.json()).scope).toBe('openid email profile offline_access');
  });
});

describe('the ID token', () => {
  it('is RS256-signed by the JWKS key and carries exactly Vercel’s claims', async () => {
    const { tokens, nonce } = await signIn(emulator, { username: 'ada' });
    const { payload, protectedHeader } = await verifyIdToken(tokens.id_token!);
    const { keys } = await (await fetch(`${emulator.issuer}/.well-known/jwks`)).json();

    expect(protectedHeader).toEqual({ alg: 'RS256', kid: keys[0].kid });
    expect(Object.keys(payload).sort()).toEqual(
      [
        'aud',
        'email',
        'exp',
        'iat',
        'iss',
        'jti',
        'name',
        'nbf',
        'nonce',
        'picture',
        'preferred_username',
        'sub',
      ].sort(),
    );
    expect(payload).toMatchObject({
      iss: emulator.issuer,
      sub: ada.id,
      aud: DEFAULT_CLIENT.clientId,
      nonce,
      email: ada.email,
      name: ada.name,
      preferred_username: ada.username,
      picture: `${emulator.issuer}${ada.picture}`,
    });
    expect(payload.jti).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(payload.nbf).toBeLessThanOrEqual(payload.iat!);
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('has no picture claim at all for a user without an avatar, and keeps a non-ASCII name', async () => {
    const { tokens } = await signIn(emulator, { username: 'zoe' });
    const { payload } = await verifyIdToken(tokens.id_token!);
    expect(payload).not.toHaveProperty('picture');
    expect(payload.name).toBe('Zoë Ångström');
    expect(payload.sub).toBe(zoe.id);
  });

  it('gets a fresh jti every time', async () => {
    const [first, second] = await Promise.all([signIn(emulator), signIn(emulator)]);
    expect(decodeProtectedHeader(first.tokens.id_token!).kid).toBe(
      decodeProtectedHeader(second.tokens.id_token!).kid,
    );
    const jti = async (token: string) => (await verifyIdToken(token)).payload.jti;
    expect(await jti(first.tokens.id_token!)).not.toBe(await jti(second.tokens.id_token!));
  });
});
