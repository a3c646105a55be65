import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, paths } from '@siwv/shared';
import {
  completeAuthorization,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@siwv/e2e';
import { buildApp } from '../../src/app';
import type { SiwvOptions } from '../../src/options';
import { createSealer } from '../../src/session/seal';
import type { Session } from '../../src/session/session';

export const APP_URL = 'http://localhost:3000';
/** A public https origin, for what only happens over https (`__Host-` cookies, `Secure`). */
export const HTTPS_APP_URL = 'https://app.example';
export const CLIENT = {
  clientId: 'cl_bfftestclient00000000000000000',
  clientSecret: 'bff-test-client-secret',
  redirectUris: [`${APP_URL}${paths.callback}`, `${HTTPS_APP_URL}${paths.callback}`],
  name: 'BFF tests',
};
export const SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

/** A browser's view of cookies, enough for one origin and one path. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() <= Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
  names(): string[] {
    return [...this.cookies.keys()];
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface Harness {
  emulator: RunningEmulator;
  app: FastifyInstance;
  /** Another BFF instance against the same emulator, e.g. a second serverless instance. */
  addInstance(siwv?: Partial<SiwvOptions>): Promise<FastifyInstance>;
  logLines: string[];
  /** Starts a sign-in, completes it at the emulator and returns the callback's response. */
  signIn(
    jar: CookieJar,
    options?: { username?: string; decision?: 'allow' | 'cancel'; returnTo?: string },
  ): Promise<LightMyRequestResponse>;
  /** A JSON call the way the SPA makes it (CSRF header, same-origin). */
  api(
    jar: CookieJar,
    method: 'GET' | 'POST',
    url: string,
    headers?: Record<string, string>,
    instance?: FastifyInstance,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    accessTokenTtl?: number;
    logLevel?: string;
    offlineAccess?: boolean;
    siwv?: Partial<SiwvOptions>;
    fastify?: { trustProxy?: boolean | string[] };
    /** Starts the provider; default the plain emulator. */
    startProvider?: (options: EmulatorOptions) => Promise<RunningEmulator>;
  } = {},
): Promise<Harness> {
  const emulator = await (options.startProvider ?? startEmulator)({
    port: 0,
    accessTokenTtl: options.accessTokenTtl,
    clients: [{ ...CLIENT, offlineAccess: options.offlineAccess ?? true }],
  });
  const logLines: string[] = [];
  const instances: FastifyInstance[] = [];
  async function addInstance(overrides: Partial<SiwvOptions> = {}) {
    const instance = await buildApp({
      siwv: {
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        appUrl: APP_URL,
        sessionSecrets: SESSION_SECRET,
        issuer: emulator.issuer,
        ...options.siwv,
        ...overrides,
      },
      logLevel: options.logLevel ?? 'info',
      trustProxy: options.fastify?.trustProxy,
      logStream: { write: (line) => void logLines.push(line) },
    });
    await instance.ready();
    instances.push(instance);
    return instance;
  }
  const app = await addInstance();

  const harness: Harness = {
    emulator,
    app,
    addInstance,
    logLines,
    async signIn(jar, { username, decision, returnTo = '/profile' } = {}) {
      const start = await app.inject({
        method: 'GET',
        url: `${paths.authorize}?${new URLSearchParams({ returnTo })}`,
      });
      jar.store(start);
      const redirect = await completeAuthorization(String(start.headers.location), {
        username,
        decision,
      });
      const callback = await app.inject({
        method: 'GET',
        url: redirect.pathname + redirect.search,
        headers: { cookie: jar.header() },
      });
      jar.store(callback);
      return callback;
    },
    async api(jar, method, url, headers = {}, instance = app) {
      const response = await instance.inject({
        method,
        url,
        headers: {
          cookie: jar.header(),
          [CSRF_HEADER]: '1',
          origin: options.siwv?.appUrl ?? APP_URL,
          'sec-fetch-site': 'same-origin',
          ...headers,
        },
      });
      jar.store(response);
      return response;
    },
    async close() {
      await Promise.all(instances.map((instance) => instance.close()));
      await emulator.close();
    },
  };
  return harness;
}

/** Asks the emulator directly whether a token is still alive. */
export async function introspectAtEmulator(
  emulator: RunningEmulator,
  token: string,
): Promise<{ active: boolean }> {
  const response = await fetch(`${emulator.issuer}/login/oauth/token/introspect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  return (await response.json()) as { active: boolean };
}

/** Opens the sealed session cookie with the test secret, to check which tokens the BFF holds. */
export async function readSession(jar: CookieJar): Promise<Session | null> {
  const value = jar.get(SESSION_COOKIE);
  if (!value) return null;
  return (await createSealer([SESSION_SECRET], 'session').unseal(value)) as Session | null;
}

export const SESSION_COOKIE = 'siwv-session';
export const TRANSACTION_COOKIE = 'siwv-login';

/** Revokes a token at the emulator as the app's owner could from Vercel's dashboard. */
export async function revokeAtEmulator(emulator: RunningEmulator, token: string): Promise<void> {
  const response = await fetch(`${emulator.issuer}/login/oauth/token/revoke`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token }),
  });
  if (!response.ok) throw new Error(`revocation failed: ${response.status}`);
}

/** Reads the Redis store's record for the jar's session id, opened with the test secret. */
export async function readSessionFromRedis(
  url: string,
  keyPrefix: string,
  jar: CookieJar,
): Promise<Session | null> {
  const { Redis } = await import('ioredis');
  const { createHash } = await import('node:crypto');
  const id = jar.get(SESSION_COOKIE);
  if (!id) return null;
  const redis = new Redis(url);
  try {
    const key = `${keyPrefix}session:${createHash('sha256').update(id).digest('base64url')}`;
    const sealed = await redis.get(key);
    return sealed
      ? ((await createSealer([SESSION_SECRET], 'session').unseal(sealed)) as Session | null)
      : null;
  } finally {
    redis.disconnect();
  }
}
