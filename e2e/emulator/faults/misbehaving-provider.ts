import type { JWK as JoseJwk } from 'jose';
import { startEmulator, type RunningEmulator } from '../emulator';
import { createSigningKey } from '../keys';
import type { EmulatorOptions } from '../options';
import { VERCEL_PATHS } from '../paths';
import { FaultQueue, type Fault, type FaultEndpoint } from './faults';
import { IdTokenForger } from './id-token';
import { startProxy, type ProxiedResponse } from './proxy';

const ENDPOINT_BY_PATH: Record<string, FaultEndpoint> = {
  [VERCEL_PATHS.discovery]: 'discovery',
  [VERCEL_PATHS.jwks]: 'jwks',
  [VERCEL_PATHS.token]: 'token',
  [VERCEL_PATHS.userinfo]: 'userinfo',
  [VERCEL_PATHS.introspection]: 'introspection',
  [VERCEL_PATHS.revocation]: 'revocation',
};

export interface MisbehavingProvider extends RunningEmulator {
  /** One-shot faults: `faults.next('token', idToken({ signWith: 'alg-none' }))`. */
  faults: FaultQueue;
  /** Requests that reached the proxy for `endpoint` since the start or `resetRequests()`. */
  requests(endpoint: FaultEndpoint): number;
  resetRequests(): void;
  /**
   * Rotates the signing key: the JWKS publishes a new key next to the old one, and every later ID
   * token is signed with it. Resolves to the new `kid`.
   */
  rotateSigningKey(): Promise<string>;
  /** Every access, refresh and ID token passed to the client so far, to look for in logs. */
  issuedTokens(): string[];
}

function json(response: ProxiedResponse): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(response.body.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function withJson(response: ProxiedResponse, body: unknown): ProxiedResponse {
  return {
    ...response,
    headers: { ...response.headers, 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(body)),
  };
}

/**
 * The emulator behind a proxy that it announces as its issuer, so a relying party configured with
 * `issuer` finds every endpoint (discovery, JWKS, token, userinfo, introspection, revocation)
 * behind the proxy. Each response passes unchanged unless a fault is armed for its endpoint.
 */
export async function startMisbehavingProvider(
  options: EmulatorOptions = {},
): Promise<MisbehavingProvider> {
  const faults = new FaultQueue();
  const counts = new Map<FaultEndpoint, number>();
  const issued: string[] = [];
  const signingKey = await createSigningKey();
  // The same JWK, typed by oidc-provider (readonly members) rather than by jose.
  const forger = await IdTokenForger.create(signingKey as JoseJwk);

  async function apply(
    endpoint: FaultEndpoint,
    fault: Fault | undefined,
    forward: () => Promise<ProxiedResponse>,
  ): Promise<ProxiedResponse | 'stall'> {
    if (fault?.kind === 'stall') return 'stall';
    if (fault?.kind === 'replace') {
      return {
        status: fault.status,
        headers: { 'content-type': fault.contentType, 'cache-control': 'no-store' },
        body: Buffer.from(fault.body),
      };
    }
    let response = await forward();
    if (endpoint === 'jwks' && forger.rotated) {
      const body = json(response);
      const keys = Array.isArray(body?.keys) ? body.keys : [];
      response = withJson(response, { ...body, keys: [...keys, ...forger.addedPublicKeys] });
    }
    if (endpoint === 'token') {
      const body = json(response);
      if (body && typeof body.id_token === 'string') {
        const change = fault?.kind === 'id-token' ? fault.change : forger.rotated ? {} : undefined;
        if (change) {
          response = withJson(response, {
            ...body,
            id_token: await forger.forge(body.id_token, change),
          });
        }
      }
    }
    if (fault?.kind === 'json') {
      const body = json(response);
      if (body) response = withJson(response, fault.edit(body));
    }
    if (endpoint === 'token') {
      const body = json(response);
      for (const name of ['access_token', 'refresh_token', 'id_token']) {
        const value = body?.[name];
        if (typeof value === 'string' && value !== '') issued.push(value);
      }
    }
    return response;
  }

  const proxy = await startProxy(async (request, forward) => {
    const endpoint = ENDPOINT_BY_PATH[request.pathname];
    if (!endpoint) return forward();
    counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    return apply(endpoint, faults.take(endpoint), forward);
  });

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ ...options, issuer: proxy.origin, signingKey });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  proxy.setTarget(options.host ?? '127.0.0.1', emulator.port);

  return {
    issuer: emulator.issuer,
    port: proxy.port,
    stats: () => emulator.stats(),
    resetStats: () => emulator.resetStats(),
    faults,
    requests: (endpoint) => counts.get(endpoint) ?? 0,
    resetRequests: () => counts.clear(),
    rotateSigningKey: () => forger.rotate(),
    issuedTokens: () => [...issued],
    async close() {
      await Promise.all([proxy.close(), emulator.close()]);
    },
  };
}
