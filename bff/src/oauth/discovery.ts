import * as oauth from 'oauth4webapi';
import { BffError } from '../errors';
import type { ResolvedOptions } from '../options';
import { translateIdpError } from './translate-error';

/** How long discovered metadata is trusted before it is fetched again. */
const METADATA_TTL_MS = 60 * 60 * 1000;

/**
 * Some published snapshots of Vercel's metadata omit `introspection_endpoint` and
 * `revocation_endpoint`, though both live next to the token endpoint (`…/token/introspect`,
 * `…/token/revoke`). Fill them in from there instead of failing the first introspection or sign-out.
 */
function fillVercelGaps(as: oauth.AuthorizationServer): oauth.AuthorizationServer {
  if (!as.token_endpoint) return as;
  return {
    ...as,
    introspection_endpoint: as.introspection_endpoint ?? `${as.token_endpoint}/introspect`,
    revocation_endpoint: as.revocation_endpoint ?? `${as.token_endpoint}/revoke`,
  };
}

/**
 * OpenID Connect Discovery 1.0 §4.3: the document's `issuer` MUST be identical to the issuer it was
 * fetched for. oauth4webapi compares the two after URL normalisation, under which
 * `https://vercel.com/` equals `https://vercel.com`; `iss` in tokens is compared byte for byte
 * (OpenID Connect Core §3.1.3.7), so the metadata must name the issuer byte for byte too.
 */
function assertIdenticalIssuer(as: oauth.AuthorizationServer, configured: string): void {
  if (as.issuer !== configured) {
    throw new BffError(
      'issuer_mismatch',
      'discovery: issuer is not identical to the configured issuer [issuer_not_identical]',
    );
  }
}

export interface MetadataCache {
  /** The issuer's metadata; fetched once, shared by concurrent callers, refetched after an hour. */
  get(): Promise<oauth.AuthorizationServer>;
}

export function createMetadataCache(
  options: ResolvedOptions,
  requestOptions: () => oauth.HttpRequestOptions<'GET'>,
): MetadataCache {
  let cached: { value: Promise<oauth.AuthorizationServer>; fetchedAt: number } | undefined;

  async function discover(): Promise<oauth.AuthorizationServer> {
    const issuer = new URL(options.issuer);
    try {
      const response = await oauth.discoveryRequest(issuer, {
        ...requestOptions(),
        algorithm: 'oidc',
      });
      const as = await oauth.processDiscoveryResponse(issuer, response);
      assertIdenticalIssuer(as, options.issuer);
      return fillVercelGaps(as);
    } catch (error) {
      throw translateIdpError(error, 'discovery');
    }
  }

  return {
    get() {
      if (!cached || Date.now() - cached.fetchedAt > METADATA_TTL_MS) {
        const value = discover();
        const entry = { value, fetchedAt: Date.now() };
        cached = entry;
        // A failure is not remembered: the next request tries again.
        value.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.value;
    },
  };
}
