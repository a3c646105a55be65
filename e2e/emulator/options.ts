import type { JWK } from 'oidc-provider';

/** An app registered at the emulator, as it would be in Vercel's dashboard (Team Settings → Apps). */
export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name: string;
  /** issue refresh tokens when offline_access is requested; default true */
  offlineAccess?: boolean;
}

export interface EmulatorOptions {
  /** default 4000; 0 = any free port */
  port?: number;
  /** interface to listen on; default '127.0.0.1'. The issuer always names `localhost`. */
  host?: string;
  /** seconds; default env EMULATOR_ACCESS_TOKEN_TTL or 3600 */
  accessTokenTtl?: number;
  /** seconds; default 30 days */
  refreshTokenTtl?: number;
  /** default [DEFAULT_CLIENT] */
  clients?: EmulatorClient[];
  /** receives one line per request and per server error; silent by default */
  logger?: (line: string) => void;
  /**
   * The issuer to announce instead of `http://localhost:<port>`, for an HTTP layer in front of the
   * emulator (the fault-injecting proxy); endpoint URLs follow the request's Host header.
   */
  issuer?: string;
  /** The RS256 private JWK that signs ID tokens; default a fresh key per emulator. */
  signingKey?: JWK;
}

export const DEFAULT_CLIENT: EmulatorClient = Object.freeze({
  clientId: 'cl_siwvlocalemulator0000000000000',
  clientSecret: 'local-emulator-secret',
  redirectUris: Object.freeze(['http://localhost:3000/api/auth/callback']) as string[],
  name: 'Sign in with Vercel (local)',
  offlineAccess: true,
});

export const ACCESS_TOKEN_TTL_ENV = 'EMULATOR_ACCESS_TOKEN_TTL';

// Vercel's documented lifetimes: access token 1 h, refresh token 30 days
// (https://vercel.com/docs/sign-in-with-vercel/tokens).
const DEFAULT_ACCESS_TOKEN_TTL = 3600;
const DEFAULT_REFRESH_TOKEN_TTL = 30 * 24 * 3600;

export interface ResolvedOptions {
  port: number;
  host: string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  clients: readonly Required<EmulatorClient>[];
  log: (line: string) => void;
  issuer: string | undefined;
  signingKey: JWK | undefined;
}

/** Parses a whole, positive number of seconds; `undefined` when the text is not one. */
export function parsePositiveInteger(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** Applies the defaults and reports every invalid option at once, naming each. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const problems: string[] = [];
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || value <= 0) {
      problems.push(`${name} must be a positive whole number of seconds, got ${value}`);
    }
    return value;
  };

  const port = options.port ?? 4000;
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) {
    problems.push(`port must be a whole number between 0 and 65535, got ${port}`);
  }

  let envTtl: number | undefined;
  const envTtlText = process.env[ACCESS_TOKEN_TTL_ENV];
  if (options.accessTokenTtl === undefined && envTtlText !== undefined && envTtlText !== '') {
    envTtl = parsePositiveInteger(envTtlText);
    if (envTtl === undefined) {
      problems.push(
        `${ACCESS_TOKEN_TTL_ENV} must be a positive whole number of seconds, got "${envTtlText}"`,
      );
    }
  }

  const clients = (options.clients ?? [DEFAULT_CLIENT]).map((client, index) => {
    const where = `clients[${index}]`;
    for (const key of ['clientId', 'clientSecret', 'name'] as const) {
      if (typeof client[key] !== 'string' || client[key] === '')
        problems.push(`${where}.${key} must be a non-empty string`);
    }
    if (!Array.isArray(client.redirectUris) || client.redirectUris.length === 0) {
      problems.push(`${where}.redirectUris must list at least one URL`);
    } else {
      for (const uri of client.redirectUris) {
        if (!URL.canParse(uri)) problems.push(`${where}.redirectUris has an invalid URL: ${uri}`);
      }
    }
    return Object.freeze({
      ...client,
      redirectUris: [...(client.redirectUris ?? [])],
      offlineAccess: client.offlineAccess ?? true,
    });
  });
  if (clients.length === 0) problems.push('clients must list at least one client');
  if (
    options.issuer !== undefined &&
    (!URL.canParse(options.issuer) || options.issuer.endsWith('/'))
  ) {
    problems.push(`issuer must be a URL without a trailing slash, got ${options.issuer}`);
  }
  if (new Set(clients.map((client) => client.clientId)).size !== clients.length) {
    problems.push('clients must have distinct clientId values');
  }

  const resolved: ResolvedOptions = {
    port,
    host: options.host ?? '127.0.0.1',
    accessTokenTtl: positive(
      'accessTokenTtl',
      options.accessTokenTtl,
      envTtl ?? DEFAULT_ACCESS_TOKEN_TTL,
    ),
    refreshTokenTtl: positive(
      'refreshTokenTtl',
      options.refreshTokenTtl,
      DEFAULT_REFRESH_TOKEN_TTL,
    ),
    clients,
    log: options.logger ?? (() => {}),
    issuer: options.issuer,
    signingKey: options.signingKey,
  };

  if (problems.length > 0) {
    throw new TypeError(`Invalid emulator options:\n  - ${problems.join('\n  - ')}`);
  }
  return resolved;
}
