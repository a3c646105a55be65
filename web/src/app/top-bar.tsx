import { Link, NavLink } from 'react-router';
import { PRODUCT_NAME, appPaths } from '../config/paths';
import { useSession } from '../features/session/api/get-session';

function Brand() {
  return (
    <Link to={appPaths.home} className="brand">
      <span className="brand-mark" aria-hidden="true" />
      <span>{PRODUCT_NAME}</span>
    </Link>
  );
}

/** The bar without anything that needs the server, for error and loading screens. */
export function StaticTopBar() {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Brand />
      </div>
    </header>
  );
}

export function TopBar() {
  const session = useSession();
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Brand />
        {session.data?.authenticated && (
          <nav aria-label="Main">
            <NavLink to={appPaths.profile} className="nav-link">
              Profile
            </NavLink>
          </nav>
        )}
      </div>
    </header>
  );
}
