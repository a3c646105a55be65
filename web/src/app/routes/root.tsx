import { isRouteErrorResponse, Link, Outlet, useNavigation, useRouteError } from 'react-router';
import { PRODUCT_NAME, appPaths } from '../../config/paths';
import { useTabSync } from '../../features/session/tab-sync/use-tab-sync';
import { StaticTopBar, TopBar } from '../top-bar';

function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to content
    </a>
  );
}

export function RootLayout() {
  useTabSync();
  const navigation = useNavigation();
  const loading = navigation.state !== 'idle';
  return (
    <>
      <SkipLink />
      <TopBar />
      <div className={loading ? 'progress progress-active' : 'progress'} aria-hidden="true" />
      <main id="main" className="page" tabIndex={-1} aria-busy={loading}>
        <Outlet />
      </main>
    </>
  );
}

/** Shown while the first page's loader runs, so the first paint is already the app's frame. */
export function AppShellFallback() {
  return (
    <>
      <StaticTopBar />
      <div className="progress progress-active" aria-hidden="true" />
      <main id="main" className="page" aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading…
        </p>
      </main>
    </>
  );
}

function ErrorContent() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (notFound) {
    return (
      <section className="hero">
        <h1>Page not found</h1>
        <p className="lead">There is nothing at this address.</p>
        <div className="actions">
          <Link to={appPaths.home} className="button button-primary">
            Back to the home page
          </Link>
        </div>
      </section>
    );
  }
  return (
    <section className="hero">
      <title>{`Something went wrong · ${PRODUCT_NAME}`}</title>
      <h1>Something went wrong</h1>
      <p className="lead">
        This page could not be shown. Reloading usually helps, for example after the app was
        updated.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => window.location.reload()}
        >
          Reload the page
        </button>
        <Link to={appPaths.home} className="button button-secondary">
          Back to the home page
        </Link>
      </div>
    </section>
  );
}

/** Inside the layout, so the top bar stays when one page fails. */
export function RouteErrorBoundary() {
  return <ErrorContent />;
}

/** Last resort when the layout itself failed. */
export function RootErrorBoundary() {
  return (
    <>
      <StaticTopBar />
      <main id="main" className="page">
        <ErrorContent />
      </main>
    </>
  );
}
