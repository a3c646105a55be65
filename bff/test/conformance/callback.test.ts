import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths, type ErrorCode } from '@siwv/shared';
import { patchJson } from '@siwv/e2e/faults';
import {
  expectSignInRefused,
  expectSignedIn,
  securityWarnings,
  setsSessionCookie,
  startConformanceHarness,
  type ConformanceHarness,
} from '../helpers/conformance';

// The authorization response: RFC 9207 §2.4 for `iss`, RFC 6749 §10.12 and RFC 9700 §4.7 for
// `state`. Both are checked before the code goes anywhere.

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness();
});
afterAll(() => harness.close());

describe('a callback whose iss or state does not match the sign-in', () => {
  const cases: { input: string; edit: (url: URL) => void; code: ErrorCode }[] = [
    {
      input: 'iss naming another issuer',
      edit: (url) => url.searchParams.set('iss', 'https://evil.example'),
      code: 'issuer_mismatch',
    },
    {
      input: 'iss with a trailing slash',
      edit: (url) => url.searchParams.set('iss', `${harness.provider.issuer}/`),
      code: 'issuer_mismatch',
    },
    {
      input: 'no iss though the metadata advertises authorization_response_iss_parameter_supported',
      edit: (url) => url.searchParams.delete('iss'),
      code: 'issuer_mismatch',
    },
    {
      input: 'no state',
      edit: (url) => url.searchParams.delete('state'),
      code: 'state_mismatch',
    },
    {
      input: 'the state of another sign-in',
      edit: (url) => url.searchParams.set('state', 'c3RhdGUtb2YtYW5vdGhlci1zaWduLWluLXN0YXJ0ZWQ'),
      code: 'state_mismatch',
    },
  ];

  it.each(cases)('refuses a callback with $input', async ({ input, edit, code }) => {
    const attempt = await harness.signInAt({ editCallback: edit });
    expectSignInRefused(harness, attempt, code, input);
    // Refused before the code exchange: the code was never sent to the token endpoint.
    expect(harness.provider.stats().grants.authorization_code ?? 0, input).toBe(0);
  });
});

describe('a callback sent twice with the same transaction cookie', () => {
  it('is refused the second time before the code reaches the token endpoint', async () => {
    const first = await harness.signInAt();
    await expectSignedIn(harness, first, 'first callback');
    harness.provider.resetRequests();
    const logs = harness.logsFromNow();

    const replay = await harness.sendCallback(first.redirect, first.transactionCookie);

    expect(replay.headers.location).toBe('/auth/error?code=state_mismatch');
    expect(setsSessionCookie(replay)).toBe(false);
    expect(harness.provider.requests('token')).toBe(0);
    expect(securityWarnings(logs(), 'state_mismatch')).toHaveLength(1);
    // A reused code would make the provider revoke the grant; the first session keeps working.
    expect((await harness.api(first.jar, 'GET', paths.profile)).statusCode).toBe(200);
  });

  it('is refused the second time even when the first one failed after the state check', async () => {
    const first = await harness.signInAt({
      editCallback: (url) => url.searchParams.set('code', 'not-the-code'),
    });
    expect(first.callback.headers.location).toBe('/auth/error?code=token_exchange_failed');
    harness.provider.resetRequests();

    const replay = await harness.sendCallback(first.redirect, first.transactionCookie);
    expect(replay.headers.location).toBe('/auth/error?code=state_mismatch');
    expect(harness.provider.requests('token')).toBe(0);
  });
});

describe('a callback without iss from a provider that does not advertise sending it', () => {
  it('is accepted, as RFC 9207 §2.4 asks iss only when the metadata promises it', async () => {
    harness.provider.faults.next(
      'discovery',
      patchJson({ authorization_response_iss_parameter_supported: undefined }),
    );
    // A fresh instance: discovery is cached per instance.
    const instance = await harness.addInstance();
    const attempt = await harness.signInAt({
      instance,
      editCallback: (url) => url.searchParams.delete('iss'),
    });
    await expectSignedIn(harness, attempt, 'no iss, not advertised', instance);
  });

  it('is still refused when iss is present and wrong', async () => {
    harness.provider.faults.next(
      'discovery',
      patchJson({ authorization_response_iss_parameter_supported: undefined }),
    );
    const instance = await harness.addInstance();
    const attempt = await harness.signInAt({
      instance,
      editCallback: (url) => url.searchParams.set('iss', 'https://evil.example'),
    });
    expectSignInRefused(harness, attempt, 'issuer_mismatch', 'wrong iss, not advertised');
  });
});
