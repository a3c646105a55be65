import type { ApiClient, Profile } from '@siwv/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-client';

export const profileQueryKey = ['profile'] as const;

/** The user as Vercel's userinfo endpoint describes them now (the BFF refreshes tokens first). */
export function getProfile(api: ApiClient, signal?: AbortSignal): Promise<Profile> {
  return api.getProfile(signal);
}

export function profileQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: profileQueryKey,
    queryFn: ({ signal }) => getProfile(api, signal),
    staleTime: 60_000,
  });
}

export function useProfile() {
  return useQuery(profileQueryOptions(useApiClient()));
}
