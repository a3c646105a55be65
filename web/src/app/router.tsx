import type { ApiClient } from '@siwv/shared';
import type { QueryClient } from '@tanstack/react-query';
import { replace, type RouteObject } from 'react-router';
import { appPaths } from '../config/paths';
import { profileQueryOptions, sessionQueryOptions } from '@siwv/shared/query';
import { AppShellFallback, RootErrorBoundary, RootLayout, RouteErrorBoundary } from './routes/root';

export interface RouterDependencies {
  api: ApiClient;
  queryClient: QueryClient;
}

/**
 * The route table, shared by the browser router (main.tsx) and the memory router of the tests.
 * Loaders only warm the query cache; pages read from it with the same query options. A loader
 * swallows fetch errors on purpose: the page then shows the error with a retry button.
 */
export function createAppRoutes({ api, queryClient }: RouterDependencies): RouteObject[] {
  const loadSession = () => queryClient.ensureQueryData(sessionQueryOptions(api)).catch(() => null);

  return [
    {
      id: 'root',
      Component: RootLayout,
      HydrateFallback: AppShellFallback,
      ErrorBoundary: RootErrorBoundary,
      children: [
        {
          ErrorBoundary: RouteErrorBoundary,
          children: [
            {
              index: true,
              loader: async () => {
                await loadSession();
                return null;
              },
              lazy: async () => ({ Component: (await import('./routes/home')).HomePage }),
            },
            {
              path: appPaths.profile,
              loader: async () => {
                const session = await loadSession();
                // Redirect before rendering, so a signed-out visitor never sees the profile page.
                if (session?.authenticated === false) throw replace(appPaths.home);
                if (session?.authenticated)
                  void queryClient.prefetchQuery(profileQueryOptions(api));
                return null;
              },
              lazy: async () => ({ Component: (await import('./routes/profile')).ProfilePage }),
            },
            {
              path: appPaths.authError,
              lazy: async () => ({
                Component: (await import('./routes/auth-error')).AuthErrorPage,
              }),
            },
            {
              path: '*',
              lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundPage }),
            },
          ],
        },
      ],
    },
  ];
}
