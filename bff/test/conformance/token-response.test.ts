import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '@siwv/shared';
import { patchJson } from '@siwv/e2e/faults';
import { readSession } from '../helpers/harness';
import {
  expectSignedIn,
  startConformanceHarness,
  type ConformanceHarness,
} from '../helpers/conformance';

// RFC 6749 §5.1: token_type is case-insensitive and expires_in only RECOMMENDED.

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness();
});
afterAll(() => harness.close());

describe('a token response in an unusual but valid shape', () => {
  it('signs in with token_type in odd case (bEaReR)', async () => {
    harness.provider.faults.next('token', patchJson({ token_type: 'bEaReR' }));
    const attempt = await harness.signInAt();
    await expectSignedIn(harness, attempt, 'token_type bEaReR');
    expect((await harness.api(attempt.jar, 'GET', paths.profile)).statusCode).toBe(200);
  });

  it('signs in without expires_in, assuming Vercel’s one hour', async () => {
    harness.provider.faults.next('token', patchJson({ expires_in: undefined }));
    const before = Math.floor(Date.now() / 1000);
    const attempt = await harness.signInAt();
    await expectSignedIn(harness, attempt, 'no expires_in');

    const session = await harness.api(attempt.jar, 'GET', paths.session);
    const expiresAt = session.json().expiresAt as number;
    expect(expiresAt - before).toBeGreaterThanOrEqual(3600);
    expect(expiresAt - before).toBeLessThanOrEqual(3602);
    expect((await readSession(attempt.jar))!.expiresAt).toBe(expiresAt);
    expect((await harness.api(attempt.jar, 'GET', paths.profile)).statusCode).toBe(200);
  });
});

describe('a token response in a shape the BFF cannot use', () => {
  it('refuses a token_type other than Bearer as idp_invalid_response', async () => {
    harness.provider.faults.next('token', patchJson({ token_type: 'mac' }));
    const attempt = await harness.signInAt();
    expect(attempt.callback.headers.location).toBe('/auth/error?code=idp_invalid_response');
    expect(attempt.jar.names()).toEqual([]);
  });
});
