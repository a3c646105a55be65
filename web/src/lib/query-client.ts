import { ApiError, type SessionResponse } from '@siwv/shared';
import { shouldRetrySiwvQuery, siwvQueryKeys } from '@siwv/shared/query';
import { QueryCache, QueryClient } from '@tanstack/react-query';

const sessionQueryKey = siwvQueryKeys.session;

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
        const isSessionQuery = sessionQueryKey.every((part, i) => query.queryKey[i] === part);
        if (error instanceof ApiError && error.status === 401 && !isSessionQuery) recheckSession();
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetrySiwvQuery,
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
