import { Navigate } from 'react-router';
import { PRODUCT_NAME, appPaths } from '../../config/paths';
import { ErrorNotice } from '../../features/errors/components/error-notice';
import { ProfileDetails } from '../../features/profile/components/profile-details';
import { ProfileSkeleton } from '../../features/profile/components/profile-skeleton';
import { useSession } from '../../features/session/api/get-session';
import { SignOutButton } from '../../features/session/components/sign-out-button';
import { TokenPanel } from '../../features/token/components/token-panel';

export function ProfilePage() {
  const session = useSession();
  // The loader already redirects signed-out visitors; this covers a session that ends while the
  // page is open (a 401 from another request, or a sign-out announced by another tab).
  if (session.data?.authenticated === false) return <Navigate to={appPaths.home} replace />;
  const signedIn = session.data?.authenticated === true;
  return (
    <>
      <title>{`Profile · ${PRODUCT_NAME}`}</title>
      <div className="page-header">
        <h1>Profile</h1>
        {signedIn && <SignOutButton />}
      </div>
      <div className="stack">
        {signedIn ? (
          <>
            <ProfileDetails />
            <TokenPanel />
          </>
        ) : session.isError ? (
          <ErrorNotice
            error={session.error}
            onRetry={() => void session.refetch()}
            retrying={session.isFetching}
          />
        ) : (
          <ProfileSkeleton />
        )}
      </div>
    </>
  );
}
