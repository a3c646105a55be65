import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '@siwv/shared';
import { idToken, patchJson, type Fault, type FaultEndpoint } from '@siwv/e2e/faults';
import {
  clearsSessionCookie,
  expectNoTokenInLogs,
  expectSignedIn,
  securityWarnings,
  startConformanceHarness,
  type ConformanceHarness,
} from '../helpers/conformance';

// Later answers of the provider must be about the account the session was opened for:
// OpenID Connect Core §5.3.2 for userinfo, §12.2 for an ID token from a refresh. When they are
// not, the session is no longer trusted and ends (identity_mismatch, 401, cookies cleared).

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness();
});
afterAll(() => harness.close());

const OTHER_SUBJECT = 'someone-else-0000000000000';

const cases: {
  input: string;
  route: string;
  due: boolean;
  endpoint: FaultEndpoint;
  fault: Fault;
}[] = [
  {
    input: 'userinfo about another sub',
    route: paths.profile,
    due: false,
    endpoint: 'userinfo',
    fault: patchJson({ sub: OTHER_SUBJECT }),
  },
  {
    input: 'a refreshed ID token about another sub',
    route: paths.profile,
    due: true,
    endpoint: 'token',
    fault: idToken({ claims: { sub: OTHER_SUBJECT } }),
  },
  {
    input: 'a refreshed ID token from another iss',
    route: paths.validateToken,
    due: true,
    endpoint: 'token',
    fault: idToken({ claims: { iss: 'https://evil.example' } }),
  },
];

describe.each(cases)('$input', ({ input, route, due, endpoint, fault }) => {
  it('is refused with identity_mismatch, and the session ends', async () => {
    // An access token already due for renewal makes the route refresh first.
    if (due) harness.provider.faults.next('token', patchJson({ expires_in: 0 }));
    const attempt = await harness.signInAt();
    await expectSignedIn(harness, attempt, input);
    harness.provider.faults.next(endpoint, fault);
    const logs = harness.logsFromNow();

    const response = await harness.api(attempt.jar, 'GET', route);

    expect(response.statusCode, input).toBe(401);
    expect(response.json(), input).toMatchObject({ code: 'identity_mismatch' });
    expect(clearsSessionCookie(response), `${input}: session cookie kept`).toBe(true);
    expect((await harness.api(attempt.jar, 'GET', paths.session)).json(), input).toEqual({
      authenticated: false,
    });
    expect(securityWarnings(logs(), 'identity_mismatch'), input).toHaveLength(1);
    expectNoTokenInLogs(harness);
  });
});

describe('a refreshed ID token about the same account', () => {
  it('renews the session', async () => {
    harness.provider.faults.next('token', patchJson({ expires_in: 0 }));
    const attempt = await harness.signInAt();
    const response = await harness.api(attempt.jar, 'GET', paths.profile);
    expect(response.statusCode).toBe(200);
    expect(harness.provider.stats().grants.refresh_token).toBe(1);
  });
});
