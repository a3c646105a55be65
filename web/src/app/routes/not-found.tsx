import { Link } from 'react-router';
import { PRODUCT_NAME, appPaths } from '../../config/paths';

export function NotFoundPage() {
  return (
    <section className="hero">
      <title>{`Page not found · ${PRODUCT_NAME}`}</title>
      <p className="eyebrow">404</p>
      <h1>Page not found</h1>
      <p className="lead">
        There is nothing at this address. It may have moved, or the link is wrong.
      </p>
      <div className="actions">
        <Link to={appPaths.home} className="button button-primary">
          Back to the home page
        </Link>
      </div>
    </section>
  );
}
