import type { User } from '@siwv/shared';
import { Link } from 'react-router';
import { PRODUCT_NAME, appPaths } from '../../config/paths';
import { ErrorNotice } from '../../features/errors/components/error-notice';
import { displayName } from '../../features/profile/display-name';
import { useSession } from '../../features/session/api/get-session';
import { SignInLink } from '../../features/session/components/sign-in-link';

function SignedOutHome() {
  return (
    <>
      <h1>Sign in to continue</h1>
      <p className="lead">
        Use your Vercel account to sign in. This page shows what Vercel shares with the app; your
        tokens stay on our server and never reach the browser.
      </p>
      <div className="actions">
        <SignInLink />
      </div>
      <p className="fine-print">You will be asked on vercel.com to allow access.</p>
    </>
  );
}

function SignedInHome({ user }: { user: User }) {
  return (
    <>
      <h1>Welcome back</h1>
      <p className="lead">
        Signed in as <strong>{displayName(user)}</strong>
      </p>
      <div className="actions">
        <Link to={appPaths.profile} className="button button-primary">
          View your profile
        </Link>
      </div>
    </>
  );
}

export function HomePage() {
  const session = useSession();
  return (
    <section className="hero">
      <title>{PRODUCT_NAME}</title>
      {session.isPending ? (
        <>
          <h1>Welcome</h1>
          <p className="muted" role="status">
            Checking whether you are signed in…
          </p>
        </>
      ) : session.isError ? (
        <>
          <h1>Welcome</h1>
          <ErrorNotice
            error={session.error}
            onRetry={() => void session.refetch()}
            retrying={session.isFetching}
          />
        </>
      ) : session.data.authenticated ? (
        <SignedInHome user={session.data.user} />
      ) : (
        <SignedOutHome />
      )}
    </section>
  );
}
