import { ApiError, retryableErrorCodes, type SessionResponse } from '@siwv/shared';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { sessionQueryKey } from '../features/session/api/get-session';

/** Asking again will not change a 401 or a 403; anything else (a restarting server, a dropped
 * connection) deserves exactly one more try. A retryable code has had its one more try already,
 * from the API client itself. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return false;
    if (retryableErrorCodes.includes(error.code)) return false;
  }
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  // The one re-read of the session that answers a burst of 401s. Later 401s of the burst join it:
  // invalidating again would cancel it and send another request for the same answer.
  let sessionRecheck: Promise<void> | null = null;

  function recheckSession() {
    // A session already known to have ended has nothing more to say.
    if (queryClient.getQueryData<SessionResponse>(sessionQueryKey)?.authenticated === false) return;
    // The first invalidation does cancel a read already under way: it went out with the cookie
    // the BFF has just cleared, so its answer would be stale.
    sessionRecheck ??= queryClient
      .invalidateQueries({ queryKey: sessionQueryKey })
      .finally(() => (sessionRecheck = null));
  }

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        // A 401 from a data route means the server ended the session (expired, refresh token
        // revoked). Re-reading the session lets every page react, e.g. the profile sends you home.
        const isSessionQuery = query.queryKey[0] === sessionQueryKey[0];
        if (error instanceof ApiError && error.status === 401 && !isSessionQuery) recheckSession();
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // A query that already failed (often in a route loader) shows its error with a retry
        // button instead of silently trying again on mount.
        retryOnMount: false,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
