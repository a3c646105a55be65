import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from '../emulator';
import { introspect, postForm, refresh, revoke, signIn, userinfo } from './helpers/oauth';

const OTHER_CLIENT = {
  clientId: 'cl_otherclient000000000000000000',
  clientSecret: 'other-secret',
  redirectUris: ['http://localhost:3400/callback'],
  name: 'Another app',
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT, OTHER_CLIENT] });
});
afterAll(() => emulator.close());

describe('the revocation endpoint', () => {
  it.each(['basic', 'post'] as const)(
    'revoking the access token (client_secret_%s) also revokes its refresh token',
    async (auth) => {
      const { tokens } = await signIn(emulator);
      const response = await revoke(emulator, tokens.access_token, auth);
      expect(response.status).toBe(200);

      expect(await introspect(emulator, tokens.access_token)).toEqual({ active: false });
      expect(await introspect(emulator, tokens.refresh_token!)).toEqual({ active: false });
      const refreshAttempt = await refresh(emulator, tokens.refresh_token!);
      expect(refreshAttempt.status).toBe(400);
      expect((await refreshAttempt.json()).error).toBe('invalid_grant');
    },
  );

  it('revoking the refresh token ends it and the access tokens of its grant', async () => {
    const { tokens } = await signIn(emulator);
    expect((await revoke(emulator, tokens.refresh_token!)).status).toBe(200);
    expect(await introspect(emulator, tokens.refresh_token!)).toEqual({ active: false });
    expect(await introspect(emulator, tokens.access_token)).toEqual({ active: false });
    expect((await userinfo(emulator, tokens.access_token)).status).toBe(401);
  });

  it('leaves other sign-ins of the same user alone', async () => {
    const first = await signIn(emulator, { username: 'ada' });
    const second = await signIn(emulator, { username: 'ada' });
    await revoke(emulator, first.tokens.access_token);
    expect(await introspect(emulator, second.tokens.access_token)).toMatchObject({ active: true });
  });

  it('requires client authentication', async () => {
    const { tokens } = await signIn(emulator);
    const response = await revoke(emulator, tokens.access_token, 'none');
    expect(response.status).toBe(400);
    expect(await introspect(emulator, tokens.access_token)).toMatchObject({ active: true });
  });

  it('refuses to revoke a token issued to another client', async () => {
    const { tokens } = await signIn(emulator);
    const response = await postForm(
      `${emulator.issuer}/login/oauth/token/revoke`,
      { token: tokens.access_token },
      { client: OTHER_CLIENT },
    );
    expect(response.status).toBe(400);
    expect(await introspect(emulator, tokens.access_token)).toMatchObject({ active: true });
  });

  it('answers 200 for a token it does not know (RFC 7009 §2.2)', async () => {
    expect((await revoke(emulator, 'not-a-token')).status).toBe(200);
  });
});
