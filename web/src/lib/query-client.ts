import { ApiError } from '@siwv/shared';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { sessionQueryKey } from '../features/session/api/get-session';

/** Asking again will not change a 401 or a 403; anything else (a restarting server, a dropped
 * connection) deserves exactly one more try. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        // A 401 from a data route means the server ended the session (expired, refresh token
        // revoked). Re-reading the session lets every page react, e.g. the profile sends you home.
        const isSessionQuery = query.queryKey[0] === sessionQueryKey[0];
        if (error instanceof ApiError && error.status === 401 && !isSessionQuery) {
          void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
        }
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
