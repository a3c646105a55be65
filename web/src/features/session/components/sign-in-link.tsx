import { SIGN_IN_RETURN_TO } from '../../../config/paths';
import { useApiClient } from '../../../lib/api-client';
import { VercelMark } from './vercel-mark';

interface SignInLinkProps {
  returnTo?: string;
  children?: string;
  variant?: 'primary' | 'secondary';
}

/**
 * Signing in is a full-page navigation, not a fetch: the BFF answers with a redirect to Vercel and
 * sets its transaction cookie on the way, which only works as a top-level navigation.
 */
export function SignInLink({
  returnTo = SIGN_IN_RETURN_TO,
  children = 'Sign in with Vercel',
  variant = 'primary',
}: SignInLinkProps) {
  const api = useApiClient();
  return (
    <a className={`button button-${variant}`} href={api.signInUrl(returnTo)}>
      <VercelMark />
      <span>{children}</span>
    </a>
  );
}
