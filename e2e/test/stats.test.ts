import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator';
import { introspect, postForm, refresh, revoke, signIn, userinfo } from './helpers/oauth';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

async function statsOverHttp() {
  const response = await fetch(`${emulator.issuer}/__emulator/stats`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('the stats', () => {
  it('count successful grants by type, revocations, introspections and userinfo calls', async () => {
    emulator.resetStats();
    const first = await signIn(emulator);
    const second = await signIn(emulator, { auth: 'post' });
    await refresh(emulator, first.tokens.refresh_token!);
    await userinfo(emulator, second.tokens.access_token);
    await userinfo(emulator, second.tokens.access_token);
    await introspect(emulator, second.tokens.access_token);
    await introspect(emulator, 'unknown');
    await revoke(emulator, second.tokens.access_token);

    // Refused requests are not counted: a reused refresh token, a userinfo call with a dead
    // token, a revocation without client authentication.
    await refresh(emulator, first.tokens.refresh_token!);
    await userinfo(emulator, second.tokens.access_token);
    await revoke(emulator, first.tokens.access_token, 'none');

    const expected = {
      grants: { authorization_code: 2, refresh_token: 1 },
      revocations: 1,
      introspections: 2,
      userinfo: 2,
    };
    expect(emulator.stats()).toEqual(expected);
    expect(await statsOverHttp()).toEqual(expected);
  });

  it('are a snapshot, reset by resetStats() and by POST /__emulator/stats/reset', async () => {
    await signIn(emulator);
    const snapshot = emulator.stats();
    const grants = snapshot.grants.authorization_code ?? 0;
    await signIn(emulator);
    expect(snapshot.grants.authorization_code).toBe(grants);

    emulator.resetStats();
    expect(emulator.stats()).toEqual({
      grants: {},
      revocations: 0,
      introspections: 0,
      userinfo: 0,
    });

    await signIn(emulator);
    const reset = await postForm(`${emulator.issuer}/__emulator/stats/reset`, {}, { auth: 'none' });
    expect(reset.status).toBe(204);
    expect(await statsOverHttp()).toEqual({
      grants: {},
      revocations: 0,
      introspections: 0,
      userinfo: 0,
    });
    expect((await fetch(`${emulator.issuer}/__emulator/stats/reset`)).status).toBe(405);
  });
});
