import { isIP } from 'node:net';
import type { Redis } from 'ioredis';
import type { FastifyRequest } from 'fastify';
import type { User } from '@siwv/shared';

export interface SiwvOptions {
  /** The app's client id from Vercel's dashboard (`cl_…`). */
  clientId: string;
  /** The app's client secret; sent only to the token and revocation endpoints. */
  clientSecret: string;
  /** The public origin of the app, e.g. `https://example.com`; the callback URL is built from it. */
  appUrl: string;
  /**
   * Secrets that seal cookies, newest first: the first seals, every one unseals, so a secret can be
   * rotated without signing anyone out. Each at least 32 characters.
   */
  sessionSecrets: string | readonly string[];
  /** The identity provider's issuer identifier. Default `https://vercel.com`. */
  issuer?: string;
  /** Scopes to request. Default `openid email profile offline_access`; `openid` is required. */
  scopes?: readonly string[];
  /** Timeout for each call to the identity provider, in ms. Default 5000 (below a function's limit). */
  idpTimeoutMs?: number;
  /** How long a started sign-in may take, in seconds. Default 600. */
  loginTimeoutSeconds?: number;
  /** Longest a session lives, in seconds, whatever the tokens say. Default 30 days. */
  sessionMaxAgeSeconds?: number;
  /** Tolerated clock difference with the identity provider when checking token times, in s. Default 30. */
  clockToleranceSeconds?: number;
  /** Fetch implementation for calls to the identity provider (tests, proxies). Default global fetch. */
  fetch?: typeof fetch;
  /**
   * Where sessions live: `cookie` (sealed in the cookie, stateless) or `redis` (the cookie holds
   * only an opaque id). Default `redis` when `redis` is given, else `cookie`.
   */
  sessionStore?: 'cookie' | 'redis';
  /**
   * Redis, as a URL or an ioredis client the host owns. With it, refreshes are coordinated across
   * instances whatever the session store, and the `redis` store becomes available.
   */
  redis?: string | Redis;
  /** Prefix of every Redis key. Default `siwv:`. */
  redisKeyPrefix?: string;
  /** Renew the access token this many seconds before it expires. Default 60. */
  refreshMarginSeconds?: number;
  /** End a session unused for this many seconds. Default: no idle timeout. */
  idleTimeoutSeconds?: number;
  /**
   * How long a request waits for a refresh that another instance is running before it answers
   * the retryable `refresh_conflict`, in ms. Default 5000.
   */
  refreshWaitMs?: number;
  /**
   * Limit on sign-in, callback and sign-out requests per client IP, shared across those routes;
   * kept in Redis when `redis` is set. `false` turns it off. Default 60 a minute.
   */
  rateLimit?: { max?: number; timeWindowMs?: number } | false;
  /**
   * Base names of the cookies. Default `siwv-session` and `siwv-login`; over https the `__Host-`
   * prefix is added (it must not be given here).
   */
  cookieNames?: { session?: string; transaction?: string };
  /** The SPA page that explains a failed sign-in; it receives `?code=<error code>`. Default `/auth/error`. */
  errorPagePath?: string;
  /**
   * Where a sign-in may return to, beyond the built-in rule (a path on this origin only).
   * `isAllowed` sees the already-safe path; a refused path becomes `fallback` (default `/`).
   */
  returnTo?: { isAllowed?: (path: string) => boolean; fallback?: string };
  /**
   * Called after a successful sign-in, before the session is opened: for apps that keep their own
   * user table. Return `false` to refuse the user (they see `sign_in_refused`); a throw fails the
   * sign-in with `internal_error`.
   */
  onSignIn?: (user: User, request: FastifyRequest) => void | boolean | Promise<void | boolean>;
  /** Called after a sign-out that ended a session, with the user it belonged to. */
  onSignOut?: (user: User, request: FastifyRequest) => void | Promise<void>;
}

export interface ResolvedOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly appOrigin: string;
  readonly sessionSecrets: readonly string[];
  readonly issuer: string;
  readonly scopes: readonly string[];
  readonly idpTimeoutMs: number;
  readonly loginTimeoutSeconds: number;
  readonly sessionMaxAgeSeconds: number;
  readonly clockToleranceSeconds: number;
  /** Cookies get `Secure` and the `__Host-` prefix when the app is served over https. */
  readonly secureCookies: boolean;
  /** Plain-http issuers are accepted only on loopback (the local emulator). */
  readonly insecureIssuer: boolean;
  readonly fetch: typeof fetch | undefined;
  readonly sessionStore: 'cookie' | 'redis';
  readonly redis: string | Redis | undefined;
  readonly redisKeyPrefix: string;
  readonly refreshMarginSeconds: number;
  readonly idleTimeoutSeconds: number | null;
  readonly refreshWaitMs: number;
  readonly rateLimit: { readonly max: number; readonly timeWindowMs: number } | null;
  readonly cookieNames: { readonly session: string; readonly transaction: string };
  readonly errorPagePath: string;
  readonly returnTo: { readonly isAllowed: (path: string) => boolean; readonly fallback: string };
  readonly onSignIn: SiwvOptions['onSignIn'];
  readonly onSignOut: SiwvOptions['onSignOut'];
}

/** Thrown when options are wrong; lists every problem, each naming the option it is about. */
export class SiwvConfigError extends Error {
  override readonly name = 'SiwvConfigError';
  constructor(readonly problems: readonly { option: keyof SiwvOptions; problem: string }[]) {
    super(
      `Invalid Sign in with Vercel configuration:\n${problems
        .map((p) => `  - ${p.option}: ${p.problem}`)
        .join('\n')}`,
    );
  }
}

export const DEFAULT_ISSUER = 'https://vercel.com';
export const DEFAULT_SCOPES = ['openid', 'email', 'profile', 'offline_access'] as const;
const MIN_SECRET_LENGTH = 32;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || (isIP(host) !== 0 && (host === '::1' || host.startsWith('127.')));
}

function parseHttpUrl(value: unknown): URL | string {
  if (typeof value !== 'string' || value === '') return 'is required';
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      return 'must use https (plain http is accepted only for localhost)';
    }
    return url;
  } catch {
    return `is not a URL: ${JSON.stringify(value)}`;
  }
}

function positiveInteger(value: number | undefined, fallback: number): number | string {
  if (value === undefined) return fallback;
  return Number.isInteger(value) && value > 0 ? value : 'must be a positive integer';
}

export function resolveOptions(input: SiwvOptions): ResolvedOptions {
  const problems: { option: keyof SiwvOptions; problem: string }[] = [];
  const fail = (option: keyof SiwvOptions, problem: string) => problems.push({ option, problem });

  if (typeof input.clientId !== 'string' || input.clientId.trim() === '')
    fail('clientId', 'is required');
  if (typeof input.clientSecret !== 'string' || input.clientSecret === '')
    fail('clientSecret', 'is required');

  const appUrl = parseHttpUrl(input.appUrl);
  if (typeof appUrl === 'string') fail('appUrl', appUrl);
  else if (appUrl.pathname !== '/' || appUrl.search || appUrl.hash) {
    fail('appUrl', 'must be an origin only, e.g. https://example.com (no path, query or fragment)');
  }

  const issuerUrl = parseHttpUrl(input.issuer ?? DEFAULT_ISSUER);
  if (typeof issuerUrl === 'string') fail('issuer', issuerUrl);

  const secrets =
    typeof input.sessionSecrets === 'string'
      ? [input.sessionSecrets]
      : [...(input.sessionSecrets ?? [])];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === '')) {
    fail('sessionSecrets', 'is required');
  } else if (secrets.some((s) => s.length < MIN_SECRET_LENGTH)) {
    fail('sessionSecrets', `each secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }

  const scopes = [...(input.scopes ?? DEFAULT_SCOPES)];
  if (!scopes.includes('openid')) fail('scopes', 'must include "openid"');
  if (scopes.some((s) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)))
    fail('scopes', 'contains an invalid scope');

  const numbers = {
    idpTimeoutMs: positiveInteger(input.idpTimeoutMs, 5000),
    loginTimeoutSeconds: positiveInteger(input.loginTimeoutSeconds, 600),
    sessionMaxAgeSeconds: positiveInteger(input.sessionMaxAgeSeconds, 30 * 24 * 3600),
    clockToleranceSeconds: positiveInteger(input.clockToleranceSeconds, 30),
    refreshMarginSeconds: positiveInteger(input.refreshMarginSeconds, 60),
    idleTimeoutSeconds: positiveInteger(input.idleTimeoutSeconds, 0),
    refreshWaitMs: positiveInteger(input.refreshWaitMs, 5000),
    rateLimitMax: positiveInteger(input.rateLimit ? input.rateLimit.max : undefined, 60),
    rateLimitWindowMs: positiveInteger(
      input.rateLimit ? input.rateLimit.timeWindowMs : undefined,
      60_000,
    ),
  };
  for (const [option, value] of Object.entries(numbers)) {
    if (typeof value === 'string') {
      fail((option.startsWith('rateLimit') ? 'rateLimit' : option) as keyof SiwvOptions, value);
    }
  }
  if (input.fetch !== undefined && typeof input.fetch !== 'function')
    fail('fetch', 'must be a function');

  if (typeof input.redis === 'string' && !/^rediss?:\/\/./.test(input.redis)) {
    fail('redis', 'must be a redis:// or rediss:// URL');
  } else if (
    input.redis !== undefined &&
    typeof input.redis !== 'string' &&
    typeof input.redis?.get !== 'function'
  ) {
    fail('redis', 'must be a URL or an ioredis client');
  }
  const sessionStore = input.sessionStore ?? (input.redis ? 'redis' : 'cookie');
  if (sessionStore !== 'cookie' && sessionStore !== 'redis') {
    fail('sessionStore', 'must be "cookie" or "redis"');
  }
  if (sessionStore === 'redis' && !input.redis) {
    fail('sessionStore', '"redis" needs the redis option (REDIS_URL)');
  }
  // RFC 6265 token characters, and no prefix: `__Host-` is added when the app is served over https.
  const cookieName = /^(?!__(host|secure)-)[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/i;
  const names = { session: 'siwv-session', transaction: 'siwv-login', ...input.cookieNames };
  if (
    !cookieName.test(names.session) ||
    !cookieName.test(names.transaction) ||
    names.session === names.transaction
  ) {
    fail('cookieNames', 'must be two different cookie names without a __Host-/__Secure- prefix');
  }
  const errorPagePath = input.errorPagePath ?? '/auth/error';
  if (!/^\/(?!\/)[^?#\s\\]*$/.test(errorPagePath))
    fail('errorPagePath', 'must be a path such as /auth/error');
  const fallback = input.returnTo?.fallback ?? '/';
  if (!/^\/(?![/\\])/.test(fallback)) fail('returnTo', 'fallback must be a local path such as /');
  for (const hook of ['onSignIn', 'onSignOut'] as const) {
    if (input[hook] !== undefined && typeof input[hook] !== 'function')
      fail(hook, 'must be a function');
  }
  if (input.returnTo?.isAllowed !== undefined && typeof input.returnTo.isAllowed !== 'function') {
    fail('returnTo', 'isAllowed must be a function');
  }
  const redisKeyPrefix = input.redisKeyPrefix ?? 'siwv:';
  if (typeof redisKeyPrefix !== 'string') fail('redisKeyPrefix', 'must be a string');

  if (problems.length > 0 || typeof appUrl === 'string' || typeof issuerUrl === 'string') {
    throw new SiwvConfigError(problems);
  }

  return Object.freeze({
    clientId: input.clientId.trim(),
    clientSecret: input.clientSecret,
    appOrigin: appUrl.origin,
    sessionSecrets: Object.freeze(secrets),
    // The issuer is compared byte for byte with `iss` (Vercel's has no trailing slash), so it is
    // kept as configured, not normalised through URL#href.
    issuer: (input.issuer ?? DEFAULT_ISSUER).trim(),
    scopes: Object.freeze(scopes),
    idpTimeoutMs: numbers.idpTimeoutMs as number,
    loginTimeoutSeconds: numbers.loginTimeoutSeconds as number,
    sessionMaxAgeSeconds: numbers.sessionMaxAgeSeconds as number,
    clockToleranceSeconds: numbers.clockToleranceSeconds as number,
    secureCookies: appUrl.protocol === 'https:',
    insecureIssuer: issuerUrl.protocol === 'http:',
    fetch: input.fetch,
    sessionStore,
    redis: input.redis,
    redisKeyPrefix,
    refreshMarginSeconds: numbers.refreshMarginSeconds as number,
    idleTimeoutSeconds: (numbers.idleTimeoutSeconds as number) || null,
    refreshWaitMs: numbers.refreshWaitMs as number,
    rateLimit:
      input.rateLimit === false
        ? null
        : {
            max: numbers.rateLimitMax as number,
            timeWindowMs: numbers.rateLimitWindowMs as number,
          },
    cookieNames: Object.freeze(names),
    errorPagePath,
    returnTo: Object.freeze({ isAllowed: input.returnTo?.isAllowed ?? (() => true), fallback }),
    onSignIn: input.onSignIn,
    onSignOut: input.onSignOut,
  });
}
