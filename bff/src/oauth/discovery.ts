import * as oauth from 'oauth4webapi';
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
      // Checks that the document's `issuer` is exactly the configured one.
      return fillVercelGaps(await oauth.processDiscoveryResponse(issuer, response));
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
