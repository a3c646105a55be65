import { profileQueryOptions } from '@siwv/shared/query';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-client';

/** The user as Vercel's userinfo endpoint describes them now (the BFF refreshes tokens first). */
export function useProfile() {
  return useQuery(profileQueryOptions(useApiClient()));
}
