import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '@siwv/shared';
import { createSealer } from '../src/session/seal';
import {
  CLIENT,
  CookieJar,
  SESSION_SECRET,
  readSession,
  startHarness,
  type Harness,
} from './helpers/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ logLevel: 'trace' });
});
afterAll(() => harness.close());

describe('the log of a whole journey at trace level', () => {
  it('holds no code, state, verifier, token, cookie value or secret', async () => {
    const jar = new CookieJar();
    const start = await harness.app.inject({
      method: 'GET',
      url: `${paths.authorize}?returnTo=%2Fprofile`,
    });
    jar.store(start);
    const authorizeUrl = new URL(String(start.headers.location));
    const secrets = [
      CLIENT.clientSecret,
      SESSION_SECRET,
      authorizeUrl.searchParams.get('state')!,
      authorizeUrl.searchParams.get('nonce')!,
      authorizeUrl.searchParams.get('code_challenge')!,
      jar.header().split('=')[1]!,
    ];
    // The PKCE verifier only ever exists inside the sealed transaction cookie; open it to know it.
    const transaction = await createSealer([SESSION_SECRET], 'transaction').unseal(
      jar.header().split('=')[1]!,
    );
    secrets.push(String(transaction?.codeVerifier));
    const { completeAuthorization } = await import('@siwv/e2e');
    const redirect = await completeAuthorization(authorizeUrl.href);
    secrets.push(redirect.searchParams.get('code')!);
    const callback = await harness.app.inject({
      method: 'GET',
      url: redirect.pathname + redirect.search,
      headers: { cookie: jar.header() },
    });
    jar.store(callback);
    const session = await readSession(jar);
    secrets.push(
      session!.accessToken,
      session!.refreshToken!,
      jar.header().split('=').slice(1).join('='),
    );

    await harness.api(jar, 'GET', paths.profile);
    await harness.api(jar, 'GET', paths.validateToken);
    await harness.api(jar, 'POST', paths.signout);

    expect(harness.logLines.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      const leaking = harness.logLines.filter((line) => line.includes(secret));
      expect(leaking, `a log line contains ${secret.slice(0, 6)}…`).toEqual([]);
    }
  });
});
