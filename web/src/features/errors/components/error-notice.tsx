import { ApiError } from '@siwv/shared';
import { SignInLink } from '../../session/components/sign-in-link';
import { describeError } from '../messages';

interface ErrorNoticeProps {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** An error in plain words with the one useful next step: sign in again after a 401, else retry. */
export function ErrorNotice({ error, onRetry, retrying = false }: ErrorNoticeProps) {
  const message = describeError(error);
  const signedOut = error instanceof ApiError && error.status === 401;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{message.title}</p>
      <p>{message.description}</p>
      {signedOut ? (
        <div className="actions">
          <SignInLink>Sign in again</SignInLink>
        </div>
      ) : (
        onRetry && (
          <div className="actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={onRetry}
              disabled={retrying}
            >
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
          </div>
        )
      )}
    </div>
  );
}
