import * as oauth from 'oauth4webapi';

/** At most one forced JWKS refetch for an unknown `kid` per this many seconds. */
export const JWKS_REFETCH_COOLDOWN_SECONDS = 60;

function isUnknownKeyError(error: unknown): boolean {
  if (!(error instanceof oauth.OperationProcessingError)) return false;
  if (error.code !== oauth.KEY_SELECTION) return false;
  const cause = error.cause as { candidates?: unknown[] } | undefined;
  return Array.isArray(cause?.candidates) && cause.candidates.length === 0;
}

/**
 * Verifies an ID token's signature against the issuer's JWKS (OpenID Connect Core §3.1.3.7 (6)),
 * following a key rotation: a token whose `kid` is not in the cached JWKS makes the JWKS be fetched
 * again at once (OpenID Connect Core §10.1.1), but at most once per cooldown, so a stream of tokens
 * with made-up kids cannot turn into a stream of JWKS requests.
 *
 * oauth4webapi caches the JWKS per metadata object, for five minutes, and refetches for an unknown
 * `kid` only once the cache is a minute old. A fresh copy of the metadata is a fresh cache, which
 * is how a refetch is forced; concurrent verifications wait for it rather than start their own.
 */
export function createSignatureCheck(cooldownSeconds = JWKS_REFETCH_COOLDOWN_SECONDS) {
  let source: oauth.AuthorizationServer | undefined;
  let view: oauth.AuthorizationServer | undefined;
  let lastRefetchAt = Number.NEGATIVE_INFINITY;
  let refetching: Promise<void> | undefined;

  function currentView(as: oauth.AuthorizationServer): oauth.AuthorizationServer {
    if (as !== source || !view) {
      source = as;
      view = { ...as };
    }
    return view;
  }

  return async function verifyIdTokenSignature(
    as: oauth.AuthorizationServer,
    response: Response,
    options: oauth.ValidateSignatureOptions,
  ): Promise<void> {
    const used = currentView(as);
    try {
      await oauth.validateApplicationLevelSignature(used, response, options);
      return;
    } catch (error) {
      if (!isUnknownKeyError(error)) throw error;
      if (refetching) await refetching.catch(() => undefined);
      const latest = currentView(as);
      // Another verification has refetched since this one started: its JWKS is the newest.
      if (latest !== used)
        return oauth.validateApplicationLevelSignature(latest, response, options);
      if (Date.now() - lastRefetchAt < cooldownSeconds * 1000) throw error;
      lastRefetchAt = Date.now();
      const fresh: oauth.AuthorizationServer = { ...as };
      const attempt = oauth.validateApplicationLevelSignature(fresh, response, options);
      refetching = attempt
        .catch(() => undefined)
        .finally(() => {
          if (source === as) view = fresh;
          refetching = undefined;
        });
      return attempt;
    }
  };
}
