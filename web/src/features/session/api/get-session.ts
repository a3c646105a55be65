import type { ApiClient, SessionResponse } from '@siwv/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-client';

export const sessionQueryKey = ['session'] as const;

/** Reads the sealed session cookie on the BFF; no upstream call, so it is cheap to ask often. */
export function getSession(api: ApiClient, signal?: AbortSignal): Promise<SessionResponse> {
  return api.getSession(signal);
}

export function sessionQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => getSession(api, signal),
    // Coming back to the tab re-checks, so a sign-out in another tab shows up here.
    refetchOnWindowFocus: 'always',
  });
}

export function useSession() {
  return useQuery(sessionQueryOptions(useApiClient()));
}
