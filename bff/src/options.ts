import { isIP } from 'node:net';

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
  };
  for (const [option, value] of Object.entries(numbers)) {
    if (typeof value === 'string') fail(option as keyof SiwvOptions, value);
  }
  if (input.fetch !== undefined && typeof input.fetch !== 'function')
    fail('fetch', 'must be a function');

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
  });
}
