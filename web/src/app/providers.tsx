import type { ApiClient } from '@siwv/shared';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiClientProvider } from '../lib/api-client';

interface AppProvidersProps {
  api: ApiClient;
  queryClient: QueryClient;
  children: ReactNode;
}

export function AppProviders({ api, queryClient, children }: AppProvidersProps) {
  return (
    <ApiClientProvider client={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiClientProvider>
  );
}
