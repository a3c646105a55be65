import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths, type ErrorCode } from '@siwv/shared';
import { htmlPage, patchJson, stall, type Fault } from '@siwv/e2e/faults';
import { CookieJar } from '../helpers/harness';
import {
  expectSignedIn,
  securityWarnings,
  startConformanceHarness,
  type ConformanceHarness,
} from '../helpers/conformance';

// OpenID Connect Discovery 1.0 §4.3: the metadata's issuer must be identical to the issuer it was
// fetched for. Discovery runs once per instance, so each case starts a fresh one.

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness();
});
afterAll(() => harness.close());

const cases: { input: string; fault: () => Fault; code: ErrorCode; security: boolean }[] = [
  {
    input: 'an issuer other than the configured one',
    fault: () => patchJson({ issuer: 'https://evil.example' }),
    code: 'issuer_mismatch',
    security: true,
  },
  {
    input: 'the configured issuer with a trailing slash',
    fault: () => patchJson({ issuer: `${harness.provider.issuer}/` }),
    code: 'issuer_mismatch',
    security: true,
  },
  {
    input: 'a 503 HTML page',
    fault: () => htmlPage(503),
    code: 'idp_unavailable',
    security: false,
  },
  {
    input: 'an HTML page with status 200',
    fault: () => htmlPage(200),
    code: 'idp_invalid_response',
    security: false,
  },
  {
    input: 'no answer within idpTimeoutMs',
    fault: () => stall(),
    code: 'idp_unavailable',
    security: false,
  },
];

describe('a discovery document that cannot be trusted or read', () => {
  it.each(cases)(
    'refuses to start a sign-in when discovery gives $input',
    async ({ input, fault, code, security }) => {
      harness.provider.faults.next('discovery', fault());
      const instance = await harness.addInstance({ idpTimeoutMs: 300 });
      const logs = harness.logsFromNow();

      const start = await instance.inject({ method: 'GET', url: paths.authorize });

      expect(start.statusCode, input).toBe(302);
      expect(start.headers.location, input).toBe(`/auth/error?code=${code}`);
      expect(start.cookies, `${input}: a cookie was set`).toEqual([]);
      expect(securityWarnings(logs(), code), input).toHaveLength(security ? 1 : 0);

      // The failure is not cached: once the provider behaves, the same instance signs in.
      const attempt = await harness.signInAt({ instance });
      await expectSignedIn(harness, attempt, `${input}: after recovery`, instance);
    },
  );

  it('answers a JSON route with issuer_mismatch and keeps the session', async () => {
    const signedIn = await harness.signInAt();
    harness.provider.faults.next('discovery', patchJson({ issuer: 'https://evil.example' }));
    const instance = await harness.addInstance();

    const profile = await harness.api(signedIn.jar, 'GET', paths.profile, {}, instance);

    expect(profile.statusCode).toBe(400);
    expect(profile.json()).toMatchObject({ code: 'issuer_mismatch' });
    expect(profile.cookies).toEqual([]);
    const health = await harness.api(new CookieJar(), 'GET', paths.health, {}, instance);
    expect(health.statusCode).toBe(200);
  });
});
