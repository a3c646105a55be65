import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { paths, type ErrorCode } from '@siwv/shared';
import { completeAuthorization } from '@siwv/e2e';
import { startMisbehavingProvider, type MisbehavingProvider } from '@siwv/e2e/faults';
import type { SiwvOptions } from '../../src/options';
import { CookieJar, SESSION_COOKIE, startHarness, type Harness } from './harness';

export interface ConformanceHarness extends Harness {
  /** The emulator behind the fault proxy; the BFF's configured issuer is the proxy. */
  provider: MisbehavingProvider;
  /**
   * A whole sign-in at `instance` (default the first app). `editCallback` changes the callback URL
   * the provider redirected to before the browser follows it.
   */
  signInAt(options?: {
    instance?: FastifyInstance;
    editCallback?: (url: URL) => void;
  }): Promise<SignInAttempt>;
  /** Starts a sign-in and walks the provider's pages; the callback URL comes back unsent. */
  authorizeAt(
    instance?: FastifyInstance,
    jar?: CookieJar,
  ): Promise<{ jar: CookieJar; redirect: URL; transactionCookie: string }>;
  /** Sends a browser with `cookie` to `url` (a callback URL, path and query). */
  sendCallback(
    url: URL | string,
    cookie: string,
    instance?: FastifyInstance,
  ): Promise<LightMyRequestResponse>;
  /** Log lines written from now on, read when called. */
  logsFromNow(): () => string[];
}

export interface SignInAttempt {
  jar: CookieJar;
  /** The callback URL as sent. */
  redirect: URL;
  /** The Cookie header the callback was sent with: the sealed transaction. */
  transactionCookie: string;
  callback: LightMyRequestResponse;
  /** The log lines written during this attempt. */
  logs: string[];
}

export async function startConformanceHarness(
  options: {
    accessTokenTtl?: number;
    siwv?: Partial<SiwvOptions>;
  } = {},
): Promise<ConformanceHarness> {
  let provider: MisbehavingProvider | undefined;
  const harness = await startHarness({
    ...options,
    // Each file signs in dozens of times from one address; the limit has tests of its own.
    siwv: { rateLimit: false, ...options.siwv },
    startProvider: async (emulatorOptions) =>
      (provider = await startMisbehavingProvider(emulatorOptions)),
  });
  const misbehaving = provider!;

  const logsFromNow = () => {
    const start = harness.logLines.length;
    return () => harness.logLines.slice(start);
  };

  async function authorizeAt(instance = harness.app, jar = new CookieJar()) {
    const start = await instance.inject({ method: 'GET', url: `${paths.authorize}?returnTo=%2F` });
    jar.store(start);
    const location = String(start.headers.location);
    if (start.statusCode !== 302 || !location.startsWith(misbehaving.issuer)) {
      throw new Error(`the sign-in did not start: ${start.statusCode} to ${location}`);
    }
    const redirect = await completeAuthorization(location);
    return { jar, redirect, transactionCookie: jar.header() };
  }

  async function sendCallback(url: URL | string, cookie: string, instance = harness.app) {
    const target = typeof url === 'string' ? url : url.pathname + url.search;
    return instance.inject({ method: 'GET', url: target, headers: { cookie } });
  }

  return {
    ...harness,
    provider: misbehaving,
    authorizeAt,
    sendCallback,
    logsFromNow,
    async signInAt({ instance = harness.app, editCallback } = {}) {
      misbehaving.resetStats();
      const logs = logsFromNow();
      const { jar, redirect, transactionCookie } = await authorizeAt(instance);
      editCallback?.(redirect);
      const callback = await sendCallback(redirect, transactionCookie, instance);
      jar.store(callback);
      return { jar, redirect, transactionCookie, callback, logs: logs() };
    },
  };
}

type LogRecord = Record<string, unknown> & { level: number; msg: string };

export function parseLogs(lines: readonly string[]): LogRecord[] {
  return lines.map((line) => JSON.parse(line) as LogRecord);
}

/** The warn-level security lines among `lines` that name `code`. */
export function securityWarnings(lines: readonly string[], code: ErrorCode): LogRecord[] {
  return parseLogs(lines).filter(
    (record) => record.level === 40 && record.event === 'security' && record.code === code,
  );
}

/** Whether the response sets a session cookie (rather than clearing one). */
export function setsSessionCookie(response: LightMyRequestResponse): boolean {
  return response.cookies.some((cookie) => cookie.name === SESSION_COOKIE && cookie.value !== '');
}

/** Whether the response clears the session cookie. */
export function clearsSessionCookie(response: LightMyRequestResponse): boolean {
  return response.cookies.some(
    (cookie) =>
      cookie.name === SESSION_COOKIE &&
      (cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires?.getTime() ?? 1) <= Date.now()),
  );
}

/** No log line, whatever its level, holds a token the provider handed out. */
export function expectNoTokenInLogs(harness: ConformanceHarness): void {
  for (const token of harness.provider.issuedTokens()) {
    const leaking = harness.logLines.filter((line) => line.includes(token));
    expect(leaking, `a log line holds a token starting ${token.slice(0, 8)}`).toEqual([]);
  }
}

/**
 * What every refused sign-in must look like: the error page with `code`, no session, no call to
 * userinfo with what was received, a warn-level security line naming the code, no token in logs.
 */
export function expectSignInRefused(
  harness: ConformanceHarness,
  attempt: SignInAttempt,
  code: ErrorCode,
  input: string,
): void {
  expect(attempt.callback.headers.location, input).toBe(`/auth/error?code=${code}`);
  expect(setsSessionCookie(attempt.callback), `${input}: session cookie set`).toBe(false);
  expect(attempt.jar.get(SESSION_COOKIE), `${input}: session kept`).toBeUndefined();
  expect(harness.provider.stats().userinfo, `${input}: userinfo called`).toBe(0);
  expect(securityWarnings(attempt.logs, code), `${input}: security warning`).toHaveLength(1);
  expectNoTokenInLogs(harness);
}

/** A sign-in that worked: back to the app, a session that says signed in. */
export async function expectSignedIn(
  harness: ConformanceHarness,
  attempt: SignInAttempt,
  input: string,
  instance?: FastifyInstance,
): Promise<void> {
  expect(attempt.callback.headers.location, input).toBe('/');
  expect(setsSessionCookie(attempt.callback), `${input}: no session cookie`).toBe(true);
  const session = await harness.api(attempt.jar, 'GET', paths.session, {}, instance);
  expect(session.json(), input).toMatchObject({ authenticated: true });
}
