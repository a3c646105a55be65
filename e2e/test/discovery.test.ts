import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

describe('the discovery document', () => {
  it('names the issuer without a trailing slash and lists Vercel’s endpoint paths', async () => {
    const response = await fetch(`${emulator.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = await response.json();
    const at = (path: string) => `${emulator.issuer}${path}`;

    expect(emulator.issuer).toBe(`http://localhost:${emulator.port}`);
    expect(metadata).toMatchObject({
      issuer: emulator.issuer,
      authorization_endpoint: at('/oauth/authorize'),
      token_endpoint: at('/login/oauth/token'),
      revocation_endpoint: at('/login/oauth/token/revoke'),
      introspection_endpoint: at('/login/oauth/token/introspect'),
      userinfo_endpoint: at('/login/oauth/userinfo'),
      jwks_uri: at('/.well-known/jwks'),
    });
  });

  it('advertises what Vercel supports: code + PKCE S256, RS256, its scopes, both secret methods, iss', async () => {
    const metadata = await (
      await fetch(`${emulator.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(metadata).toMatchObject({
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      authorization_response_iss_parameter_supported: true,
    });
    expect(metadata.scopes_supported).toEqual(['openid', 'email', 'profile', 'offline_access']);
    expect(metadata.token_endpoint_auth_methods_supported.sort()).toEqual([
      'client_secret_basic',
      'client_secret_post',
    ]);
    expect(metadata.grant_types_supported.sort()).toEqual(['authorization_code', 'refresh_token']);
    expect(metadata.claims_supported).toEqual(
      expect.arrayContaining([
        'sub',
        'nbf',
        'jti',
        'email',
        'name',
        'preferred_username',
        'picture',
      ]),
    );
    expect(metadata).not.toHaveProperty('end_session_endpoint');
    expect(metadata).not.toHaveProperty('pushed_authorization_request_endpoint');
  });
});

describe('the JWKS', () => {
  it('serves one public RS256 signing key with a kid, and no private part', async () => {
    const response = await fetch(`${emulator.issuer}/.well-known/jwks`);
    expect(response.status).toBe(200);
    const { keys } = await response.json();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      kid: expect.any(String),
      e: 'AQAB',
    });
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
      expect(keys[0]).not.toHaveProperty(member);
  });

  it('is a new key for every emulator', async () => {
    const other = await startEmulator({ port: 0 });
    try {
      const kid = async (issuer: string) =>
        (await (await fetch(`${issuer}/.well-known/jwks`)).json()).keys[0].kid;
      expect(await kid(other.issuer)).not.toBe(await kid(emulator.issuer));
    } finally {
      await other.close();
    }
  });
});
