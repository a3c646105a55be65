import type { ApiClient } from '@siwv/shared';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  SessionChannelProvider,
  type SessionChannel,
} from '../features/session/tab-sync/session-channel';
import { ApiClientProvider } from '../lib/api-client';

interface AppProvidersProps {
  api: ApiClient;
  queryClient: QueryClient;
  sessionChannel: SessionChannel;
  children: ReactNode;
}

export function AppProviders({ api, queryClient, sessionChannel, children }: AppProvidersProps) {
  return (
    <ApiClientProvider client={api}>
      <SessionChannelProvider channel={sessionChannel}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </SessionChannelProvider>
    </ApiClientProvider>
  );
}
