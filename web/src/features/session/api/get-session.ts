import { sessionQueryOptions } from '@siwv/shared/query';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-client';

/** Who is signed in; the BFF answers from its cookie, so it is cheap to ask often. */
export function useSession() {
  return useQuery(sessionQueryOptions(useApiClient()));
}
