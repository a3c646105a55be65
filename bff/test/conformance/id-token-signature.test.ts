import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idToken, type IdTokenSigning } from '@siwv/e2e/faults';
import {
  expectSignInRefused,
  expectSignedIn,
  startConformanceHarness,
  type ConformanceHarness,
} from '../helpers/conformance';

// OpenID Connect Core §3.1.3.7 (6)-(8): the ID token is signed with the algorithm the client
// registered (RS256, the only one Vercel advertises), by a key of the issuer's JWKS.

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness();
});
afterAll(() => harness.close());

describe('an ID token whose signature does not hold', () => {
  const forgeries: { input: string; signWith: IdTokenSigning }[] = [
    { input: 'an RS256 signature with one byte flipped', signWith: 'corrupted-signature' },
    { input: 'alg none and no signature', signWith: 'alg-none' },
    { input: 'HS256 with the public key as the HMAC secret', signWith: 'hs256-public-key' },
    { input: 'a key the JWKS does not publish', signWith: 'unknown-key' },
  ];

  it.each(forgeries)('refuses an ID token signed with $input', async ({ input, signWith }) => {
    harness.provider.faults.next('token', idToken({ signWith }));
    const attempt = await harness.signInAt();
    expectSignInRefused(harness, attempt, 'id_token_invalid', input);
  });
});

describe('an ID token signed by the issuer', () => {
  it('is accepted without a kid when the JWKS holds a single key', async () => {
    harness.provider.faults.next('token', idToken({ header: { kid: undefined } }));
    const attempt = await harness.signInAt();
    await expectSignedIn(harness, attempt, 'no kid, single key');
  });

  it('still signs in after every refusal above: nothing was cached from them', async () => {
    const attempt = await harness.signInAt();
    await expectSignedIn(harness, attempt, 'untouched token');
    expect(harness.provider.faults.pending()).toBe(0);
  });
});
