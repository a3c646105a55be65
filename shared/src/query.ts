/**
 * TanStack Query option factories for the BFF's routes, for any React app that signs in with
 * Vercel through the BFF. Each takes the app's `ApiClient`; an app turns them into hooks with
 * `useQuery(sessionQueryOptions(client))` and prefetches with `ensureQueryData` in route loaders.
 * Imported from `@siwv/shared/query`, so apps without TanStack Query never load it.
 */
import {
  queryOptions,
  type QueryClient,
  type QueryKey,
  type UseMutationOptions,
} from '@tanstack/react-query';
import { ApiError, type ApiClient } from './client';
import { retryableErrorCodes } from './errors';
import type { SessionResponse } from './schemas';

/** Every key starts with `siwv`, so the app's own queries never collide with these. */
export const siwvQueryKeys = {
  all: ['siwv'] as const,
  session: ['siwv', 'session'] as const,
  profile: ['siwv', 'profile'] as const,
  tokenInfo: ['siwv', 'token-info'] as const,
  signOut: ['siwv', 'sign-out'] as const,
};

/**
 * How long a session answer is trusted before a component that mounts asks again. Asking is cheap
 * (the BFF only opens its cookie), and coming back to the tab re-checks at once whatever the age.
 */
export const SESSION_STALE_TIME_MS = 30_000;

/**
 * One more try for what may pass (a restarting server, a dropped connection); none for a 401 or a
 * 403, which asking again will not change, nor for a retryable code, which the client has already
 * sent once more itself.
 */
export function shouldRetrySiwvQuery(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return false;
    if (retryableErrorCodes.includes(error.code)) return false;
  }
  return failureCount < 1;
}

/** Who is signed in: `{authenticated:false}` or the user, the session's end and its scopes. */
export function sessionQueryOptions(client: ApiClient) {
  return queryOptions({
    queryKey: siwvQueryKeys.session,
    queryFn: ({ signal }) => client.getSession(signal),
    staleTime: SESSION_STALE_TIME_MS,
    // The session may have ended elsewhere while the tab was in the background.
    refetchOnWindowFocus: 'always',
    retry: shouldRetrySiwvQuery,
  });
}

/** The user as Vercel's userinfo describes them now; fails with a 401 `ApiError` signed out. */
export function profileQueryOptions(client: ApiClient) {
  return queryOptions({
    queryKey: siwvQueryKeys.profile,
    queryFn: ({ signal }) => client.getProfile(signal),
    staleTime: 60_000,
    retry: shouldRetrySiwvQuery,
  });
}

/**
 * Introspection of the session's access token at Vercel (facts, never the token). Each call is a
 * round trip to Vercel, so a result is never reused: pair it with `enabled: false` and `refetch`
 * to ask on demand.
 */
export function tokenInfoQueryOptions(client: ApiClient) {
  return queryOptions({
    queryKey: siwvQueryKeys.tokenInfo,
    queryFn: ({ signal }) => client.validateToken(signal),
    staleTime: 0,
    gcTime: 0,
    retry: shouldRetrySiwvQuery,
  });
}

const isSessionQuery = ({ queryKey }: { queryKey: QueryKey }) =>
  queryKey.length === siwvQueryKeys.session.length &&
  siwvQueryKeys.session.every((part, index) => queryKey[index] === part);

/**
 * Leaves nothing of the previous user in the cache for whoever uses the browser next: every query
 * but the session is removed, and the session reads signed out at once. The session query is
 * overwritten rather than removed so that components watching it re-render, and marked stale so
 * that the next one to mount asks the BFF afresh. Also for a sign-out learned from another tab.
 */
export async function forgetSignedOutUser(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries();
  queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query) });
  queryClient.setQueryData<SessionResponse>(siwvQueryKeys.session, { authenticated: false });
  await queryClient.invalidateQueries({ queryKey: siwvQueryKeys.session, refetchType: 'none' });
}

/**
 * Sign-out, then `forgetSignedOutUser` whatever the BFF answers (it clears its cookies even when
 * revocation fails). Pass per-call `onSettled` to `mutate` to navigate afterwards.
 */
export function signOutMutationOptions(
  client: ApiClient,
  queryClient: QueryClient,
): UseMutationOptions<void, ApiError> {
  return {
    mutationKey: siwvQueryKeys.signOut,
    mutationFn: () => client.signOut(),
    retry: false,
    onSettled: () => forgetSignedOutUser(queryClient),
  };
}
