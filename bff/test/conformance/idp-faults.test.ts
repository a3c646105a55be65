import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths, type ErrorCode } from '@siwv/shared';
import {
  htmlPage,
  jsonBody,
  patchJson,
  respond,
  stall,
  type Fault,
  type FaultEndpoint,
} from '@siwv/e2e/faults';
import { CookieJar, SESSION_COOKIE, readSession } from '../helpers/harness';
import {
  clearsSessionCookie,
  expectNoTokenInLogs,
  expectSignedIn,
  parseLogs,
  setsSessionCookie,
  startConformanceHarness,
  type ConformanceHarness,
} from '../helpers/conformance';

// The provider failing rather than lying: too slow (idpTimeoutMs), down (5xx), or answering
// something that is not the protocol's JSON. Each call gives a clear code, stores nothing, and the
// app goes on serving.
const IDP_TIMEOUT_MS = 300;

let harness: ConformanceHarness;
beforeAll(async () => {
  harness = await startConformanceHarness({ siwv: { idpTimeoutMs: IDP_TIMEOUT_MS } });
  // Warm discovery and the JWKS, so that only the faulted call meets the short timeout.
  await harness.signInAt();
});
afterAll(() => harness.close());

interface FaultCase {
  input: string;
  fault: () => Fault;
  code: ErrorCode;
}

/** The same failures, as any endpoint could give them. */
const unusable: FaultCase[] = [
  { input: `no answer within ${IDP_TIMEOUT_MS} ms`, fault: stall, code: 'idp_unavailable' },
  { input: 'a 500 HTML page', fault: () => htmlPage(500), code: 'idp_unavailable' },
  {
    input: 'a 503 JSON error',
    fault: () => jsonBody(503, { error: 'temporarily_unavailable' }),
    code: 'idp_unavailable',
  },
  {
    input: 'an HTML page with status 200',
    fault: () => htmlPage(200),
    code: 'idp_invalid_response',
  },
  {
    input: 'plain text with status 200',
    fault: () => respond(200, 'OK', 'text/plain'),
    code: 'idp_invalid_response',
  },
  {
    input: 'truncated JSON',
    fault: () => respond(200, '{"access_token":"vca_', 'application/json'),
    code: 'idp_invalid_response',
  },
  { input: 'JSON null', fault: () => jsonBody(200, null), code: 'idp_invalid_response' },
];

const tokenResponses: FaultCase[] = [
  ...unusable,
  {
    input: 'JSON without access_token',
    fault: () => jsonBody(200, { token_type: 'Bearer', expires_in: 3600 }),
    code: 'idp_invalid_response',
  },
  {
    input: 'a null access_token',
    fault: () => jsonBody(200, { access_token: null, token_type: 'Bearer', expires_in: 3600 }),
    code: 'idp_invalid_response',
  },
];

async function expectStillServing(label: string) {
  const health = await harness.api(new CookieJar(), 'GET', paths.health);
  expect(health.statusCode, `${label}: health`).toBe(200);
}

/** A signed-in browser whose access token is already due for renewal. */
async function signInDueForRefresh(): Promise<CookieJar> {
  harness.provider.faults.next('token', patchJson({ expires_in: 0 }));
  const attempt = await harness.signInAt();
  await expectSignedIn(harness, attempt, 'sign-in due for refresh');
  return attempt.jar;
}

describe('the code exchange failing', () => {
  it.each([
    ...tokenResponses,
    {
      input: 'a 400 invalid_grant',
      fault: () => jsonBody(400, { error: 'invalid_grant' }),
      code: 'token_exchange_failed' as const,
    },
  ])('sends the browser to the error page as $code on $input', async ({ input, fault, code }) => {
    harness.provider.faults.next('token', fault());
    const attempt = await harness.signInAt();
    expect(attempt.callback.statusCode, input).toBe(302);
    expect(attempt.callback.headers.location, input).toBe(`/auth/error?code=${code}`);
    expect(setsSessionCookie(attempt.callback), `${input}: session cookie set`).toBe(false);
    expect(attempt.jar.names(), input).toEqual([]);
    expect(harness.provider.stats().userinfo, input).toBe(0);
    await expectStillServing(input);
  });
});

describe('a refresh failing', () => {
  it.each(tokenResponses)('answers $code on $input and keeps the session', async (row) => {
    const jar = await signInDueForRefresh();
    const before = await readSession(jar);
    harness.provider.faults.next('token', row.fault());

    const profile = await harness.api(jar, 'GET', paths.profile);

    expect(profile.json(), row.input).toMatchObject({ code: row.code });
    expect(profile.statusCode, row.input).toBe(profile.json().statusCode);
    expect(profile.cookies, `${row.input}: cookies changed`).toEqual([]);
    expect(await readSession(jar), row.input).toEqual(before);
    // The refresh token was not spent: the next request renews the session.
    const retry = await harness.api(jar, 'GET', paths.profile);
    expect(retry.statusCode, `${row.input}: retry`).toBe(200);
    expect((await readSession(jar))!.accessToken).not.toBe(before!.accessToken);
  });
});

describe.each([
  { endpoint: 'userinfo', route: paths.profile },
  { endpoint: 'introspection', route: paths.validateToken },
] as { endpoint: FaultEndpoint; route: string }[])('$endpoint failing', ({ endpoint, route }) => {
  let jar: CookieJar;
  beforeAll(async () => {
    jar = (await harness.signInAt()).jar;
  });

  const shapeless: FaultCase[] =
    endpoint === 'userinfo'
      ? [
          {
            input: 'JSON without sub',
            fault: () => jsonBody(200, { name: 'Ada' }),
            code: 'idp_invalid_response',
          },
          {
            input: 'a null sub',
            fault: () => jsonBody(200, { sub: null }),
            code: 'idp_invalid_response',
          },
        ]
      : [
          {
            input: 'JSON without active',
            fault: () => jsonBody(200, { client_id: 'cl_x' }),
            code: 'idp_invalid_response',
          },
          {
            input: 'a null active',
            fault: () => jsonBody(200, { active: null }),
            code: 'idp_invalid_response',
          },
        ];

  it.each([...unusable, ...shapeless])(
    `answers ${route} with $code on $input and keeps the session`,
    async ({ input, fault, code }) => {
      const before = jar.get(SESSION_COOKIE);
      harness.provider.faults.next(endpoint, fault());

      const response = await harness.api(jar, 'GET', route);

      expect(response.json(), input).toMatchObject({ code });
      expect(response.statusCode, input).toBe(response.json().statusCode);
      expect(response.cookies, `${input}: cookies changed`).toEqual([]);
      expect(jar.get(SESSION_COOKIE), input).toBe(before);
      expect((await harness.api(jar, 'GET', route)).statusCode, `${input}: retry`).toBe(200);
    },
  );
});

describe('revocation failing at sign-out', () => {
  it.each([
    { input: `no answer within ${IDP_TIMEOUT_MS} ms`, fault: stall },
    { input: 'a 500 HTML page', fault: () => htmlPage(500) },
    { input: 'a 400 JSON error', fault: () => jsonBody(400, { error: 'invalid_request' }) },
    { input: 'an HTML page with status 302', fault: () => respond(302, '', 'text/html') },
  ])('still answers 204 and clears the cookies on $input', async ({ input, fault }) => {
    const { jar } = await harness.signInAt();
    const logs = harness.logsFromNow();
    // Sign-out revokes the refresh and the access token: both fail.
    harness.provider.faults.next('revocation', fault());
    harness.provider.faults.next('revocation', fault());

    const response = await harness.api(jar, 'POST', paths.signout);

    expect(response.statusCode, input).toBe(204);
    expect(clearsSessionCookie(response), `${input}: session cookie kept`).toBe(true);
    expect(jar.names(), input).toEqual([]);
    expect((await harness.api(jar, 'GET', paths.session)).json(), input).toEqual({
      authenticated: false,
    });
    const failures = parseLogs(logs()).filter((line) => line.msg === 'token revocation failed');
    expect(failures, input).toHaveLength(2);
    await expectStillServing(input);
  });
});

describe('after every fault above', () => {
  it('signs in as usual, with no token in any log line', async () => {
    await expectSignedIn(harness, await harness.signInAt(), 'after the faults');
    expect(harness.provider.faults.pending()).toBe(0);
    expectNoTokenInLogs(harness);
  });
});
