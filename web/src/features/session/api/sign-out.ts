import type { ApiClient } from '@siwv/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { appPaths } from '../../../config/paths';
import { useApiClient } from '../../../lib/api-client';

/** The BFF revokes the tokens and clears its cookies; it answers 204 even if revocation failed. */
export function signOut(api: ApiClient): Promise<void> {
  return api.signOut();
}

export function useSignOut() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => signOut(api),
    async onSettled() {
      // Success or not, nothing of this user stays in memory for whoever uses the browser next;
      // the home page then asks the BFF afresh whether anyone is signed in.
      await queryClient.cancelQueries();
      queryClient.clear();
      await navigate(appPaths.home, { replace: true });
    },
  });
}
