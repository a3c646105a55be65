import { isErrorCode } from '@siwv/shared';
import { Link, useSearchParams } from 'react-router';
import { PRODUCT_NAME, appPaths } from '../../config/paths';
import { describeErrorCode } from '../../features/errors/messages';
import { SignInLink } from '../../features/session/components/sign-in-link';

/** Where the BFF's callback sends a failed sign-in, as `/auth/error?code=<ErrorCode>`. */
export function AuthErrorPage() {
  const [searchParams] = useSearchParams();
  const code = searchParams.get('code');
  const message = describeErrorCode(code);
  return (
    <section className="hero">
      <title>{`${message.title} · ${PRODUCT_NAME}`}</title>
      <p className="eyebrow">Sign-in</p>
      <h1>{message.title}</h1>
      <p className="lead">{message.description}</p>
      <div className="actions">
        <SignInLink>Try again</SignInLink>
        <Link to={appPaths.home} className="button button-secondary">
          Back to the home page
        </Link>
      </div>
      {isErrorCode(code) && (
        <p className="fine-print">
          Error code: <code>{code}</code>
        </p>
      )}
    </section>
  );
}
