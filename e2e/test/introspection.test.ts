import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, startEmulator, TEST_USERS, type RunningEmulator } from '../emulator';
import { introspect, revoke, signIn, sleep, userinfo } from './helpers/oauth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

describe('introspection', () => {
  it('answers exactly Vercel’s fields for an active access token, without client authentication', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { tokens } = await signIn(emulator, { username: 'grace' });
    const info = await introspect(emulator, tokens.access_token, 'none');

    expect(Object.keys(info).sort()).toEqual(
      ['active', 'client_id', 'exp', 'iat', 'iss', 'jti', 'session_id', 'sub', 'token_type'].sort(),
    );
    expect(info).toMatchObject({
      active: true,
      client_id: DEFAULT_CLIENT.clientId,
      token_type: 'bearer',
      sub: TEST_USERS.find((user) => user.username === 'grace')!.id,
      iss: emulator.issuer,
    });
    expect(info.iat).toBeGreaterThanOrEqual(before);
    expect(Number(info.exp) - Number(info.iat)).toBe(3600);
    expect(info.jti).toMatch(UUID);
    expect(info.session_id).toMatch(UUID);
    expect(JSON.stringify(info)).not.toContain(tokens.access_token);
  });

  it('accepts client authentication when a client sends it anyway', async () => {
    const { tokens } = await signIn(emulator);
    expect(await introspect(emulator, tokens.access_token, 'basic')).toMatchObject({
      active: true,
    });
    expect(await introspect(emulator, tokens.access_token, 'post')).toMatchObject({ active: true });
  });

  it('gives each sign-in its own session_id', async () => {
    const [first, second] = await Promise.all([signIn(emulator), signIn(emulator)]);
    const a = await introspect(emulator, first.tokens.access_token);
    const b = await introspect(emulator, second.tokens.access_token);
    expect(a.session_id).not.toBe(b.session_id);
  });

  it('describes a live refresh token too', async () => {
    const { tokens } = await signIn(emulator);
    const info = await introspect(emulator, tokens.refresh_token!);
    expect(info).toMatchObject({
      active: true,
      token_type: 'refresh_token',
      client_id: DEFAULT_CLIENT.clientId,
    });
    expect(Number(info.exp) - Number(info.iat)).toBe(30 * 24 * 3600);
  });

  it('answers {active:false} for unknown and revoked tokens', async () => {
    expect(await introspect(emulator, 'no-such-token')).toEqual({ active: false });
    const { tokens } = await signIn(emulator);
    await revoke(emulator, tokens.access_token);
    expect(await introspect(emulator, tokens.access_token)).toEqual({ active: false });
    expect(await introspect(emulator, tokens.refresh_token!)).toEqual({ active: false });
  });

  it('refuses a request without a token parameter', async () => {
    const response = await fetch(`${emulator.issuer}/login/oauth/token/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_request');
  });
});

describe('the access-token lifetime option', () => {
  it('makes tokens expire after the given seconds, at introspection and userinfo', async () => {
    const shortLived = await startEmulator({ port: 0, accessTokenTtl: 1 });
    try {
      const { tokens } = await signIn(shortLived);
      expect(tokens.expires_in).toBe(1);
      expect(await introspect(shortLived, tokens.access_token)).toMatchObject({ active: true });
      await sleep(2100);
      expect(await introspect(shortLived, tokens.access_token)).toEqual({ active: false });
      expect((await userinfo(shortLived, tokens.access_token)).status).toBe(401);
      // The refresh token outlives it, which is the point of refreshing.
      expect(await introspect(shortLived, tokens.refresh_token!)).toMatchObject({ active: true });
    } finally {
      await shortLived.close();
    }
  });

  it('defaults to EMULATOR_ACCESS_TOKEN_TTL when the option is not given', async () => {
    const previous = process.env.EMULATOR_ACCESS_TOKEN_TTL;
    process.env.EMULATOR_ACCESS_TOKEN_TTL = '120';
    try {
      const fromEnv = await startEmulator({ port: 0 });
      try {
        expect((await signIn(fromEnv)).tokens.expires_in).toBe(120);
      } finally {
        await fromEnv.close();
      }
      process.env.EMULATOR_ACCESS_TOKEN_TTL = 'soon';
      await expect(startEmulator({ port: 0 })).rejects.toThrow(/EMULATOR_ACCESS_TOKEN_TTL/);
    } finally {
      if (previous === undefined) delete process.env.EMULATOR_ACCESS_TOKEN_TTL;
      else process.env.EMULATOR_ACCESS_TOKEN_TTL = previous;
    }
  });
});
