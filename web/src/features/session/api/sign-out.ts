import type { ApiClient, SessionResponse } from '@siwv/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { appPaths } from '../../../config/paths';
import { useApiClient } from '../../../lib/api-client';
import { sessionQueryKey } from './get-session';

/** The BFF revokes the tokens and clears its cookies; it answers 204 even if revocation failed. */
export function signOut(api: ApiClient): Promise<void> {
  return api.signOut();
}

/**
 * Goes home signed out, and nothing of the previous user stays in memory for whoever uses the
 * browser next. The session query is overwritten rather than removed: the pages on screen keep
 * watching it, and a removed query would leave them showing its last answer. It is marked stale
 * too, so the home page asks the BFF afresh who is signed in as soon as it mounts.
 */
export function useForgetSession(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    await queryClient.cancelQueries();
    queryClient.removeQueries({ predicate: ({ queryKey }) => queryKey[0] !== sessionQueryKey[0] });
    queryClient.setQueryData<SessionResponse>(sessionQueryKey, { authenticated: false });
    await queryClient.invalidateQueries({ queryKey: sessionQueryKey, refetchType: 'none' });
    await navigate(appPaths.home, { replace: true });
  }, [queryClient, navigate]);
}

export function useSignOut() {
  const api = useApiClient();
  const forgetSession = useForgetSession();
  return useMutation({
    mutationFn: () => signOut(api),
    // Success or not: the user asked to leave. The other tabs hear of it from `useTabSync`, once
    // the BFF has answered and its cookies are gone.
    onSettled: () => forgetSession(),
  });
}
