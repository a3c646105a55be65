import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, TEST_USERS, type RunningEmulator } from '../emulator';
import { revoke, signIn, userinfo } from './helpers/oauth';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const byName = (username: string) => TEST_USERS.find((user) => user.username === username)!;

describe('userinfo', () => {
  it('returns the consented claims, with the avatar served by the emulator', async () => {
    const ada = byName('ada');
    const { tokens } = await signIn(emulator, { username: 'ada' });
    const response = await userinfo(emulator, tokens.access_token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      sub: ada.id,
      email: ada.email,
      email_verified: true,
      name: ada.name,
      preferred_username: ada.username,
      picture: `${emulator.issuer}${ada.picture}`,
    });
  });

  it('keeps a non-ASCII name intact in UTF-8 and omits picture for a user without an avatar', async () => {
    const { tokens } = await signIn(emulator, { username: 'zoe' });
    const response = await userinfo(emulator, tokens.access_token);
    expect(response.headers.get('content-type')).toMatch(/charset=utf-8/i);
    const body = await response.json();
    expect(body.name).toBe('Zoë Ångström');
    expect(body).not.toHaveProperty('picture');
  });

  it('returns only the scopes’ claims: email alone gives no name', async () => {
    const { tokens } = await signIn(emulator, { scope: 'openid email' });
    const body = await (await userinfo(emulator, tokens.access_token)).json();
    expect(Object.keys(body).sort()).toEqual(['email', 'email_verified', 'sub']);
  });

  it('answers 401 without a valid token', async () => {
    expect((await fetch(`${emulator.issuer}/login/oauth/userinfo`)).status).toBe(401);
    expect((await userinfo(emulator, 'forged')).status).toBe(401);
  });
});

describe('GET /v2/user', () => {
  const restUser = (token?: string) =>
    fetch(
      `${emulator.issuer}/v2/user`,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    );

  it('returns the REST API’s user shape for a Sign in with Vercel access token', async () => {
    const grace = byName('grace');
    const { tokens } = await signIn(emulator, { username: 'grace' });
    const response = await restUser(tokens.access_token);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      user: {
        id: grace.id,
        email: grace.email,
        name: grace.name,
        username: grace.username,
        avatar: expect.any(String),
      },
    });
    // A hash, not a URL (https://vercel.com/docs/rest-api/user/get-the-user).
    expect(body.user.avatar).toMatch(/^[0-9a-f]{40}$/);
  });

  it('gives a null avatar for a user without one', async () => {
    const { tokens } = await signIn(emulator, { username: 'zoe' });
    const body = await (await restUser(tokens.access_token)).json();
    expect(body.user).toMatchObject({ name: 'Zoë Ångström', avatar: null });
  });

  it('answers 401 with a coded JSON error without a valid token', async () => {
    const missing = await restUser();
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { code: 'missing_token', message: expect.any(String) },
    });

    const { tokens } = await signIn(emulator);
    await revoke(emulator, tokens.access_token);
    const revoked = await restUser(tokens.access_token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toBe('Bearer');
    expect(await revoked.json()).toEqual({
      error: { code: 'invalid_token', message: expect.any(String) },
    });
  });
});
