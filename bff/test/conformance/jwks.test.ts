import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idToken } from '@siwv/e2e/faults';
import {
  expectSignInRefused,
  expectSignedIn,
  startConformanceHarness,
  type ConformanceHarness,
  type SignInAttempt,
} from '../helpers/conformance';

// OpenID Connect Core §10.1.1: a signer rotates keys by publishing the new one in its JWKS; a
// relying party seeing an unknown `kid` fetches the JWKS again. Each case uses a fresh BFF
// instance, whose JWKS cache and refetch cooldown start empty; JWKS requests are counted at the
// proxy in front of the provider.

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness();
});
afterAll(() => harness.close());

describe('ID tokens signed by unknown keys', () => {
  it('cause at most one JWKS refetch per cooldown, however many arrive', async () => {
    const instance = await harness.addInstance();
    await expectSignedIn(harness, await harness.signInAt({ instance }), 'warm-up', instance);
    harness.provider.resetRequests();

    const unknownKid = () =>
      harness.provider.faults.next(
        'token',
        idToken({ signWith: 'unknown-key', header: { kid: randomUUID() } }),
      );
    const refused = (attempt: SignInAttempt, label: string) =>
      expect(attempt.callback.headers.location, label).toBe('/auth/error?code=id_token_invalid');

    // One after the other, then a burst at once.
    for (let i = 0; i < 3; i += 1) {
      unknownKid();
      refused(await harness.signInAt({ instance }), `unknown kid #${i}`);
    }
    const burst = 5;
    for (let i = 0; i < burst; i += 1) unknownKid();
    const attempts = await Promise.all(
      Array.from({ length: burst }, () => harness.signInAt({ instance })),
    );
    for (const [index, attempt] of attempts.entries()) refused(attempt, `burst #${index}`);

    expect(harness.provider.requests('token')).toBe(3 + burst);
    expect(harness.provider.requests('jwks')).toBe(1);
  });
});

describe('a key rotated between two sign-ins', () => {
  it('is found by fetching the JWKS again, once', async () => {
    const instance = await harness.addInstance();
    await expectSignedIn(
      harness,
      await harness.signInAt({ instance }),
      'before rotation',
      instance,
    );
    harness.provider.resetRequests();

    await harness.provider.rotateSigningKey();
    const afterRotation = await harness.signInAt({ instance });
    await expectSignedIn(harness, afterRotation, 'after rotation', instance);
    const again = await harness.signInAt({ instance });
    await expectSignedIn(harness, again, 'second sign-in after rotation', instance);

    expect(harness.provider.requests('jwks')).toBe(1);
  });

  it('does not make a token signed by a key outside the JWKS acceptable', async () => {
    const instance = await harness.addInstance();
    harness.provider.faults.next('token', idToken({ signWith: 'unknown-key' }));
    const attempt = await harness.signInAt({ instance });
    expectSignInRefused(harness, attempt, 'id_token_invalid', 'unknown key after a refetch');
  });
});
