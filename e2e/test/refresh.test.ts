import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from '../emulator';
import { introspect, refresh, signIn, userinfo, type TokenResponse } from './helpers/oauth';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

async function refreshed(refreshToken: string): Promise<TokenResponse> {
  const response = await refresh(emulator, refreshToken);
  expect(response.status).toBe(200);
  return (await response.json()) as TokenResponse;
}

describe('the refresh grant', () => {
  it('returns a new access token, a new refresh token and a new ID token every time', async () => {
    const { tokens } = await signIn(emulator, { username: 'grace' });
    const next = await refreshed(tokens.refresh_token!);

    expect(next).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: tokens.scope });
    expect(next.access_token).not.toBe(tokens.access_token);
    expect(next.refresh_token).toEqual(expect.any(String));
    expect(next.refresh_token).not.toBe(tokens.refresh_token);

    const jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/.well-known/jwks`));
    const verify = (token: string) =>
      jwtVerify(token, jwks, {
        issuer: emulator.issuer,
        audience: DEFAULT_CLIENT.clientId,
        algorithms: ['RS256'],
      });
    const before = (await verify(tokens.id_token!)).payload;
    const after = (await verify(next.id_token!)).payload;
    expect(after.sub).toBe(before.sub);
    expect(after.preferred_username).toBe('grace');
    expect(after.jti).not.toBe(before.jti);

    // The new pair works; the rotated refresh token is spent, not the session.
    expect((await userinfo(emulator, next.access_token)).status).toBe(200);
    expect(await introspect(emulator, tokens.refresh_token!)).toEqual({ active: false });
    expect(await introspect(emulator, next.refresh_token!)).toMatchObject({ active: true });
  });

  it('keeps the same session_id along the rotation chain', async () => {
    const { tokens } = await signIn(emulator);
    const next = await refreshed(tokens.refresh_token!);
    const first = await introspect(emulator, tokens.access_token);
    const second = await introspect(emulator, next.access_token);
    expect(second.session_id).toBe(first.session_id);
    expect(second.jti).not.toBe(first.jti);
  });

  it('treats reuse of a rotated refresh token as theft and revokes the whole grant', async () => {
    const { tokens } = await signIn(emulator);
    const second = await refreshed(tokens.refresh_token!);
    const third = await refreshed(second.refresh_token!);

    const reuse = await refresh(emulator, tokens.refresh_token!);
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).error).toBe('invalid_grant');

    // Every token of the grant is dead, including the newest pair the thief never saw.
    const latest = await refresh(emulator, third.refresh_token!);
    expect(latest.status).toBe(400);
    expect((await latest.json()).error).toBe('invalid_grant');
    for (const token of [second.access_token, third.access_token, third.refresh_token!]) {
      expect(await introspect(emulator, token)).toEqual({ active: false });
    }
    expect((await userinfo(emulator, third.access_token)).status).toBe(401);
  });

  it('refuses a refresh token issued to another client', async () => {
    const other = {
      clientId: 'cl_otherclient000000000000000000',
      clientSecret: 'other',
      redirectUris: ['http://localhost:3400/cb'],
      name: 'Other',
    };
    const both = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT, other] });
    try {
      const { tokens } = await signIn(both);
      const response = await refresh(both, tokens.refresh_token!, other);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe('invalid_grant');
    } finally {
      await both.close();
    }
  });
});
