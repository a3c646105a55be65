import type { TokenInfo } from '@siwv/shared';
import { formatDateTime, formatRelative, fromUnixSeconds } from '../../../lib/dates';
import { ErrorNotice } from '../../errors/components/error-notice';
import { useTokenInfo } from '../api/validate-token';

function Timestamp({ seconds }: { seconds: number | null }) {
  if (seconds === null) return <span className="muted">Unknown</span>;
  const date = fromUnixSeconds(seconds);
  return (
    <>
      <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>{' '}
      <span className="muted">({formatRelative(date)})</span>
    </>
  );
}

function Value({ text }: { text: string | null }) {
  return text === null ? <span className="muted">Unknown</span> : <code>{text}</code>;
}

export function TokenDetails({ info }: { info: TokenInfo }) {
  return (
    <dl className="details">
      <div className="details-row">
        <dt>Active</dt>
        <dd>
          <span className={info.active ? 'badge badge-success' : 'badge badge-danger'}>
            {info.active ? 'Yes' : 'No'}
          </span>
        </dd>
      </div>
      <div className="details-row">
        <dt>Client</dt>
        <dd>
          <Value text={info.clientId} />
        </dd>
      </div>
      <div className="details-row">
        <dt>Subject</dt>
        <dd>
          <Value text={info.subject} />
        </dd>
      </div>
      <div className="details-row">
        <dt>Issuer</dt>
        <dd>
          <Value text={info.issuer} />
        </dd>
      </div>
      <div className="details-row">
        <dt>Issued</dt>
        <dd>
          <Timestamp seconds={info.issuedAt} />
        </dd>
      </div>
      <div className="details-row">
        <dt>Expires</dt>
        <dd>
          <Timestamp seconds={info.expiresAt} />
        </dd>
      </div>
    </dl>
  );
}

export function TokenPanel() {
  const token = useTokenInfo();
  // The button stays focusable while a check runs (aria-disabled, not disabled): disabling a
  // focused button would throw keyboard focus back to the top of the page.
  const validate = () => {
    if (!token.isFetching) void token.refetch();
  };
  return (
    <section className="card" aria-labelledby="token-heading">
      <div className="card-header">
        <div>
          <h2 id="token-heading">Access token</h2>
          <p className="muted">
            Ask Vercel whether this session&apos;s access token is still valid. The token itself
            stays on the server.
          </p>
        </div>
        <button
          type="button"
          className="button button-primary"
          onClick={validate}
          aria-disabled={token.isFetching}
          aria-controls="token-result"
        >
          Validate Token
        </button>
      </div>
      <div
        id="token-result"
        className="token-result"
        role="status"
        aria-live="polite"
        aria-busy={token.isFetching}
      >
        {token.isFetching ? (
          <p className="muted">Validating with Vercel…</p>
        ) : token.isError ? (
          <ErrorNotice error={token.error} onRetry={validate} />
        ) : token.data ? (
          <TokenDetails info={token.data} />
        ) : null}
      </div>
    </section>
  );
}
