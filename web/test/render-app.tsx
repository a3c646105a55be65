import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// `react-router/dom` would load a second copy of the router in Node (its CommonJS build requires the
// ESM one), so the tests take RouterProvider from the main entry; it differs only in flushSync.
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../src/app/providers';
import { createAppRoutes } from '../src/app/router';
import { createSessionChannel } from '../src/features/session/tab-sync/session-channel';
import { createAppApiClient } from '../src/lib/api-client';
import { createQueryClient } from '../src/lib/query-client';
import { createBroadcastHub } from './fake-broadcast-channel';
import { createFakeBff, type FakeBff } from './fake-bff';

/**
 * Renders the real route table, providers and query client at `path`, with the API client built on
 * the fake BFF's `fetch`. Retries keep their count but lose their back-off delay, so a test that
 * expects "no retry" would see one within the test's time if it happened. Two apps rendered with
 * the same BFF and hub are two tabs of one browser: they share the cookie and the BroadcastChannel.
 */
export function renderApp(
  path: string,
  bff: FakeBff = createFakeBff(),
  hub: { scope: { BroadcastChannel?: typeof BroadcastChannel } } = createBroadcastHub(),
) {
  const api = createAppApiClient(bff.fetch);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    ...queryClient.getDefaultOptions(),
    queries: { ...queryClient.getDefaultOptions().queries, retryDelay: 0 },
  });
  const sessionChannel = createSessionChannel(hub.scope);
  const router = createMemoryRouter(createAppRoutes({ api, queryClient }), {
    initialEntries: [path],
  });
  const user = userEvent.setup();
  const { container, unmount } = render(
    <AppProviders api={api} queryClient={queryClient} sessionChannel={sessionChannel}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { bff, container, hub, queryClient, router, unmount, user };
}
