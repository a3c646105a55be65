import * as oauth from 'oauth4webapi';
import type { ErrorCode } from '@siwv/shared';
import { BffError } from '../errors';

export type IdpOperation =
  | 'discovery'
  | 'callback'
  | 'code_exchange'
  | 'refresh'
  | 'userinfo'
  | 'introspection'
  | 'revocation';

/** Codes that mean a check on the provider's data failed: each is logged as a security event. */
export const SECURITY_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'issuer_mismatch',
  'state_mismatch',
  'id_token_invalid',
  'identity_mismatch',
]);

type Cause = Record<string, unknown>;

function causeOf(error: Error): Cause | undefined {
  const cause: unknown = error.cause;
  return cause && typeof cause === 'object' && !(cause instanceof Response)
    ? (cause as Cause)
    : undefined;
}

/** The name of the claim or attribute a failed comparison was about, never its value. */
function checkedName(error: Error): string | undefined {
  const cause = causeOf(error);
  const name = cause?.claim ?? cause?.attribute;
  return typeof name === 'string' ? name : undefined;
}

/**
 * A response the library could not use at all: an unexpected HTTP status or content type (the
 * cause is the Response), a body that is not JSON, or a body whose members are missing or of the
 * wrong type (the cause holds the `body`). ID token failures carry `claims`, `header` or key
 * material instead.
 */
function isMalformedResponse(error: Error): boolean {
  if (error.cause instanceof Response) return true;
  if (error instanceof oauth.OperationProcessingError && error.code === oauth.PARSE_ERROR) {
    return true;
  }
  const cause = causeOf(error);
  return cause !== undefined && 'body' in cause;
}

function describe(operation: IdpOperation, kind: string, error: unknown): string {
  if (!(error instanceof Error)) return `${operation}: ${kind}`;
  const code = (error as { code?: unknown }).code;
  const name = checkedName(error);
  const tag = typeof code === 'string' ? ` [${code}${name ? ` ${name}` : ''}]` : '';
  return `${operation}: ${kind}${tag}: ${error.message}`;
}

/**
 * The one place where failures of calls to the identity provider become coded errors. It goes by
 * oauth4webapi's error classes, `code` and `cause`, not by message text. The detail names the
 * operation, the library's code, the claim checked and the library's message, never a value from
 * the response.
 */
export function translateIdpError(error: unknown, operation: IdpOperation): BffError {
  if (error instanceof BffError) return error;

  if (error instanceof oauth.AuthorizationResponseError) {
    const code = error.error === 'access_denied' ? 'access_denied' : 'idp_error';
    return new BffError(code, describe(operation, `authorization error ${error.error}`, error));
  }
  if (error instanceof oauth.ResponseBodyError) {
    const kind = `error ${error.error}`;
    // invalid_grant at the token endpoint: the code or refresh token is spent, revoked or expired.
    if (operation === 'refresh' && error.error === 'invalid_grant') {
      return new BffError('session_expired', describe(operation, 'refresh token rejected', error));
    }
    if (error.status >= 500)
      return new BffError('idp_unavailable', describe(operation, kind, error));
    return new BffError(
      operation === 'code_exchange' ? 'token_exchange_failed' : 'idp_error',
      describe(operation, kind, error),
    );
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    // The resource server refused the access token (revoked or expired at the provider).
    return new BffError(
      error.status === 401 ? 'session_expired' : 'idp_error',
      describe(operation, 'bearer challenge', error),
    );
  }
  if (
    error instanceof oauth.OperationProcessingError ||
    error instanceof oauth.UnsupportedOperationError
  ) {
    const code = error.code;
    const upstreamStatus = error.cause instanceof Response ? error.cause.status : undefined;
    if (upstreamStatus !== undefined && upstreamStatus >= 500) {
      return new BffError('idp_unavailable', describe(operation, `HTTP ${upstreamStatus}`, error));
    }
    if (operation === 'discovery' && code === oauth.JSON_ATTRIBUTE_COMPARISON) {
      return new BffError(
        'issuer_mismatch',
        describe(operation, 'issuer differs from the configured issuer', error),
      );
    }
    // OpenID Connect Core §5.3.2: userinfo about another subject must not be used.
    if (
      operation === 'userinfo' &&
      code === oauth.JSON_ATTRIBUTE_COMPARISON &&
      checkedName(error) === 'sub'
    ) {
      return new BffError('identity_mismatch', describe(operation, 'another subject', error));
    }
    // OpenID Connect Core §12.2: a refreshed ID token from another issuer is another identity.
    if (
      operation === 'refresh' &&
      code === oauth.JWT_CLAIM_COMPARISON &&
      checkedName(error) === 'iss'
    ) {
      return new BffError('identity_mismatch', describe(operation, 'ID token iss changed', error));
    }
    if (isMalformedResponse(error)) {
      return new BffError('idp_invalid_response', describe(operation, 'malformed response', error));
    }
    if (operation === 'code_exchange' || operation === 'refresh') {
      // The ID token's signature, algorithm, key or claims failed a check.
      return new BffError('id_token_invalid', describe(operation, 'ID token refused', error));
    }
    return new BffError('idp_invalid_response', describe(operation, 'invalid response', error));
  }
  // Network failure, DNS, refused connection, timeout (AbortSignal) and the like.
  return new BffError('idp_unavailable', describe(operation, 'unreachable', error));
}

/**
 * Failures of the authorization response's checks (RFC 9207 §2.4 for `iss`, RFC 6749 §10.12 for
 * `state`), told apart by what the library compared against (`cause.expected`).
 */
export function translateCallbackError(
  error: unknown,
  expected: { issuer: string; state: string },
  parameters: URLSearchParams,
): BffError {
  if (error instanceof oauth.OperationProcessingError) {
    const cause = causeOf(error);
    const has = (name: string) => cause !== undefined && name in cause;
    const detail = (check: string) => `callback: ${check} [${error.code}]: ${error.message}`;
    if (has('expected') && cause?.expected === expected.issuer) {
      return new BffError('issuer_mismatch', detail('iss differs from the issuer'));
    }
    const issMissing = !parameters.has('iss') && !parameters.has('response');
    if (has('parameters') && !has('expected') && issMissing) {
      return new BffError('issuer_mismatch', detail('iss missing though the issuer sends it'));
    }
    if (has('expected') && cause?.expected === expected.state) {
      return new BffError('state_mismatch', detail('state missing or different'));
    }
    return new BffError('invalid_callback', detail('invalid response'));
  }
  if (error instanceof oauth.UnsupportedOperationError || error instanceof TypeError) {
    // Implicit or hybrid responses, and malformed parameters such as one given twice.
    return new BffError('invalid_callback', describe('callback', 'malformed parameters', error));
  }
  return translateIdpError(error, 'callback');
}
