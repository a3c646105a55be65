import type { ApiClient, TokenInfo } from '@siwv/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-client';

export const tokenInfoQueryKey = ['validate-token'] as const;

/** Introspection of the session's access token at Vercel; the BFF returns facts, never the token. */
export function validateToken(api: ApiClient, signal?: AbortSignal): Promise<TokenInfo> {
  return api.validateToken(signal);
}

export function tokenInfoQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: tokenInfoQueryKey,
    queryFn: ({ signal }) => validateToken(api, signal),
    // Each press of the button asks Vercel again, and a result never outlives the panel showing it.
    staleTime: 0,
    gcTime: 0,
  });
}

/** Runs only when asked to (`refetch`), since every call is a round trip to Vercel. */
export function useTokenInfo() {
  return useQuery({ ...tokenInfoQueryOptions(useApiClient()), enabled: false });
}
