import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createSessionChannel } from '../features/session/tab-sync/session-channel';
import { createAppApiClient } from '../lib/api-client';
import { createQueryClient } from '../lib/query-client';
import { AppProviders } from './providers';
import { createAppRoutes } from './router';
import './styles.css';

const api = createAppApiClient();
const queryClient = createQueryClient();
const sessionChannel = createSessionChannel();
const router = createBrowserRouter(createAppRoutes({ api, queryClient }));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <AppProviders api={api} queryClient={queryClient} sessionChannel={sessionChannel}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
