import { tokenInfoQueryOptions } from '@siwv/shared/query';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-client';

/** Runs only when asked to (`refetch`), since every call is a round trip to Vercel. */
export function useTokenInfo() {
  return useQuery({ ...tokenInfoQueryOptions(useApiClient()), enabled: false });
}
