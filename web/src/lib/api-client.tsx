import { createContext, use, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '@siwv/shared';
import { env } from '../config/env';

/**
 * The one door to the network. Every feature reaches the BFF through the `ApiClient` in this
 * context, so tests hand in a client built on a fake `fetch` and the app hands in the real one.
 */
export function createAppApiClient(fetchImpl?: typeof fetch): ApiClient {
  return createApiClient({ prefix: env.apiPrefix, fetch: fetchImpl });
}

const ApiClientContext = createContext<ApiClient | null>(null);

export function ApiClientProvider({
  client,
  children,
}: {
  client: ApiClient;
  children: ReactNode;
}) {
  return <ApiClientContext value={client}>{children}</ApiClientContext>;
}

export function useApiClient(): ApiClient {
  const client = use(ApiClientContext);
  if (!client) throw new Error('useApiClient() must be used inside <ApiClientProvider>.');
  return client;
}
