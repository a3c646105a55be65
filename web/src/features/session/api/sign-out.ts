import { forgetSignedOutUser, signOutMutationOptions } from '@siwv/shared/query';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { appPaths } from '../../../config/paths';
import { useApiClient } from '../../../lib/api-client';

/** Goes home signed out, with nothing of the previous user left in the cache. */
export function useForgetSession(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    await forgetSignedOutUser(queryClient);
    await navigate(appPaths.home, { replace: true });
  }, [queryClient, navigate]);
}

export function useSignOut() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const forgetSession = useForgetSession();
  return useMutation({
    ...signOutMutationOptions(api, queryClient),
    // Success or not: the user asked to leave. The other tabs hear of it from `useTabSync`, once
    // the BFF has answered and its cookies are gone.
    onSettled: () => forgetSession(),
  });
}
