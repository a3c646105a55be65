import type { ApiClient, SessionResponse } from '@siwv/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { SESSION_STALE_TIME_MS } from '../../../config/session';
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
    staleTime: SESSION_STALE_TIME_MS,
    // Coming back to the tab re-checks even a fresh answer: the session may have ended in the
    // meantime (elsewhere, or in a tab whose announcement this one missed), and asking is cheap.
    refetchOnWindowFocus: 'always',
  });
}

export function useSession() {
  return useQuery(sessionQueryOptions(useApiClient()));
}
