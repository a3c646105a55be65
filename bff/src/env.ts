import { resolveOptions, SiwvConfigError, type SiwvOptions } from './options';

/** The environment variable behind each option, so a configuration error names what to fix. */
const ENV_NAMES: Partial<Record<keyof SiwvOptions, string>> = {
  clientId: 'VERCEL_APP_CLIENT_ID',
  clientSecret: 'VERCEL_APP_CLIENT_SECRET',
  appUrl: 'APP_URL',
  sessionSecrets: 'SESSION_SECRET',
  issuer: 'VERCEL_ISSUER',
  idpTimeoutMs: 'IDP_TIMEOUT_MS',
  sessionStore: 'SESSION_STORE',
  redis: 'REDIS_URL',
  sessionMaxAgeSeconds: 'SESSION_MAX_AGE_SECONDS',
  idleTimeoutSeconds: 'SESSION_IDLE_TIMEOUT_SECONDS',
  refreshMarginSeconds: 'REFRESH_MARGIN_SECONDS',
};

export interface ServerConfig {
  siwv: SiwvOptions;
  port: number;
  host: string;
  logLevel: string;
  /** Fastify's `trustProxy`: whether, or which, proxies' forwarded headers are believed. */
  trustProxy: boolean | string[];
}

/**
 * `TRUST_PROXY`: unset or `false` (default: forwarded headers are ignored), `true` (trust any
 * proxy: only when nothing can reach the BFF except through one), or a comma-separated list of
 * proxy addresses or CIDR ranges.
 */
function trustProxy(raw: string | undefined, problems: string[]): ServerConfig['trustProxy'] {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.every((entry) => /^[\d.:a-fA-F]+(\/\d{1,3})?$/.test(entry))) return entries;
  problems.push('TRUST_PROXY: must be true, false or a comma-separated list of addresses/CIDRs');
  return false;
}

/** The Vercel system variables a preview deployment may take its public origin from. */
const PREVIEW_ORIGIN_SOURCES = ['VERCEL_BRANCH_URL', 'VERCEL_URL'] as const;

/**
 * The public origin, from which the callback URL is built. `APP_URL` is the rule, and the only way
 * on a production deployment. A Vercel preview deployment (`VERCEL_ENV=preview`) takes its own
 * origin from a system variable instead, but only when `APP_URL_FROM` names which one:
 * `VERCEL_BRANCH_URL` (stable per branch) or `VERCEL_URL` (new for every deployment). The origin
 * never comes from a request's `Host` or forwarded headers. Returns the value and the variable
 * to name in a problem about it, or `null` when the problem has been reported here already.
 */
function publicOrigin(
  env: NodeJS.ProcessEnv,
  problems: string[],
): { value: string; name: string } | null {
  const source = env.APP_URL_FROM || undefined;
  if (source === undefined) return { value: env.APP_URL ?? '', name: 'APP_URL' };
  if (!(PREVIEW_ORIGIN_SOURCES as readonly string[]).includes(source)) {
    problems.push(
      `APP_URL_FROM: must be ${PREVIEW_ORIGIN_SOURCES.join(' or ')}, got ${JSON.stringify(source)}`,
    );
    return null;
  }
  if (env.VERCEL_ENV !== 'preview') {
    if (env.APP_URL) return { value: env.APP_URL, name: 'APP_URL' };
    problems.push(
      `APP_URL: is required${env.VERCEL_ENV ? ` on ${env.VERCEL_ENV} deployments` : ''} ` +
        '(APP_URL_FROM applies to Vercel preview deployments only)',
    );
    return null;
  }
  const host = env[source];
  if (!host) {
    problems.push(
      `APP_URL_FROM: ${source} is not set; enable "Automatically expose System Environment ` +
        'Variables" in the Vercel project settings, or set APP_URL',
    );
    return null;
  }
  return { value: `https://${host}`, name: `APP_URL_FROM (${source}=${host})` };
}

export class EnvConfigError extends Error {
  override readonly name = 'EnvConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A positive integer, or undefined (the default applies) when unset or wrong; wrong is reported. */
function integer(env: NodeJS.ProcessEnv, name: string, problems: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  problems.push(`${name}: must be a positive integer, got ${JSON.stringify(raw)}`);
  return undefined;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The only place that reads the environment. Reports every problem at once. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', problems) ?? 3001;
  if (port > 65535) problems.push(`PORT: must be at most 65535, got ${port}`);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);

  const origin = publicOrigin(env, problems);
  const siwv: SiwvOptions = {
    clientId: env.VERCEL_APP_CLIENT_ID ?? '',
    clientSecret: env.VERCEL_APP_CLIENT_SECRET ?? '',
    appUrl: origin?.value ?? '',
    // Comma-separated, newest first: the first seals, all unseal.
    sessionSecrets: (env.SESSION_SECRET ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    issuer: env.VERCEL_ISSUER || undefined,
    idpTimeoutMs: integer(env, 'IDP_TIMEOUT_MS', problems),
    sessionStore: (env.SESSION_STORE || undefined) as SiwvOptions['sessionStore'],
    redis: env.REDIS_URL || undefined,
    sessionMaxAgeSeconds: integer(env, 'SESSION_MAX_AGE_SECONDS', problems),
    idleTimeoutSeconds: integer(env, 'SESSION_IDLE_TIMEOUT_SECONDS', problems),
    refreshMarginSeconds: integer(env, 'REFRESH_MARGIN_SECONDS', problems),
  };
  try {
    resolveOptions(siwv);
  } catch (error) {
    if (!(error instanceof SiwvConfigError)) throw error;
    for (const { option, problem } of error.problems) {
      if (option === 'appUrl') {
        // Named after the variable the origin came from; reported once if publicOrigin already did.
        if (origin) problems.push(`${origin.name}: ${problem}`);
        continue;
      }
      problems.push(`${ENV_NAMES[option] ?? option}: ${problem}`);
    }
  }
  const proxies = trustProxy(env.TRUST_PROXY, problems);
  if (problems.length > 0) throw new EnvConfigError(problems);
  return { siwv, port, host: env.HOST || '127.0.0.1', logLevel, trustProxy: proxies };
}
