import { afterAll, beforeAll, describe, it } from 'vitest';
import { idToken } from '@siwv/e2e/faults';
import { CLIENT } from '../helpers/harness';
import {
  expectSignInRefused,
  expectSignedIn,
  startConformanceHarness,
  type ConformanceHarness,
} from '../helpers/conformance';

// OpenID Connect Core §3.1.3.7 (2)-(3) iss and aud, (9) exp, (10) iat, (11) nonce; §2 sub, and
// RFC 7519 §4.1.5 nbf. Times are checked with the clockToleranceSeconds option.
const TOLERANCE = 5;
const now = () => Math.floor(Date.now() / 1000);

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness({ siwv: { clockToleranceSeconds: TOLERANCE } });
});
afterAll(() => harness.close());

describe('an ID token with claims that fail the checks', () => {
  const cases: { input: string; claims: () => Record<string, unknown> }[] = [
    { input: 'iss of another issuer', claims: () => ({ iss: 'https://evil.example' }) },
    { input: 'iss with a trailing slash', claims: () => ({ iss: `${harness.provider.issuer}/` }) },
    { input: 'aud of another client', claims: () => ({ aud: 'cl_someoneelse000000000000000000' }) },
    {
      input: 'aud listing an extra audience',
      claims: () => ({ aud: [CLIENT.clientId, 'cl_someoneelse000000000000000000'] }),
    },
    { input: 'no sub', claims: () => ({ sub: undefined }) },
    { input: 'a sub that is not a string', claims: () => ({ sub: 42 }) },
    { input: 'no iat', claims: () => ({ iat: undefined }) },
    { input: 'no exp', claims: () => ({ exp: undefined }) },
    { input: 'an exp a minute past', claims: () => ({ exp: now() - 60 }) },
    { input: 'an iat a minute ahead', claims: () => ({ iat: now() + 60 }) },
    { input: 'an nbf a minute ahead', claims: () => ({ nbf: now() + 60 }) },
    { input: 'no nonce', claims: () => ({ nonce: undefined }) },
    { input: 'the nonce of another sign-in', claims: () => ({ nonce: 'another-sign-in-nonce' }) },
  ];

  it.each(cases)('refuses an ID token with $input', async ({ input, claims }) => {
    harness.provider.faults.next('token', idToken({ claims: claims() }));
    const attempt = await harness.signInAt();
    expectSignInRefused(harness, attempt, 'id_token_invalid', input);
  });
});

describe('an ID token within what the checks allow', () => {
  const cases: { input: string; claims: () => Record<string, unknown> }[] = [
    { input: 'aud as a one-element array', claims: () => ({ aud: [CLIENT.clientId] }) },
    {
      input: 'iat and nbf 2 s ahead (a provider clock running fast)',
      claims: () => ({ iat: now() + 2, nbf: now() + 2 }),
    },
    { input: 'an exp 2 s past (within the tolerance)', claims: () => ({ exp: now() - 2 }) },
  ];

  it.each(cases)('accepts an ID token with $input', async ({ input, claims }) => {
    harness.provider.faults.next('token', idToken({ claims: claims() }));
    const attempt = await harness.signInAt();
    await expectSignedIn(harness, attempt, input);
  });
});
