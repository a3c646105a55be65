import * as oauth from 'oauth4webapi';
import { BffError } from '../errors';

export type IdpOperation =
  | 'discovery'
  | 'callback'
  | 'code_exchange'
  | 'refresh'
  | 'userinfo'
  | 'introspection'
  | 'revocation';

/**
 * The one place where failures of calls to the identity provider become coded errors. The detail
 * names the operation and the library's error code and message, never a value from the response.
 */
export function translateIdpError(error: unknown, operation: IdpOperation): BffError {
  if (error instanceof BffError) return error;
  const describe = (kind: string) =>
    `${operation}: ${kind}${error instanceof Error ? `: ${error.message}` : ''}`;

  if (error instanceof oauth.AuthorizationResponseError) {
    const code = error.error === 'access_denied' ? 'access_denied' : 'idp_error';
    return new BffError(code, describe(`authorization error ${error.error}`));
  }
  if (error instanceof oauth.ResponseBodyError) {
    // invalid_grant at the token endpoint: the code or refresh token is spent, revoked or expired.
    if (operation === 'refresh' && error.error === 'invalid_grant') {
      return new BffError('session_expired', describe('refresh token rejected'));
    }
    if (operation === 'code_exchange') {
      return new BffError(
        error.status >= 500 ? 'idp_unavailable' : 'token_exchange_failed',
        describe(`error ${error.error}`),
      );
    }
    return new BffError(
      error.status >= 500 ? 'idp_unavailable' : 'idp_error',
      describe(`error ${error.error}`),
    );
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    // The resource server refused the access token (revoked or expired at the provider).
    return new BffError(
      error.status === 401 ? 'session_expired' : 'idp_error',
      describe('bearer challenge'),
    );
  }
  if (error instanceof oauth.OperationProcessingError) {
    if (operation === 'callback') {
      const message = error.message;
      if (message.includes('"iss"'))
        return new BffError('issuer_mismatch', describe(error.code ?? 'iss'));
      if (message.includes('"state"'))
        return new BffError('state_mismatch', describe(error.code ?? 'state'));
      return new BffError('invalid_callback', describe(error.code ?? 'invalid'));
    }
    if (operation === 'discovery' && error.code === oauth.JSON_ATTRIBUTE_COMPARISON) {
      return new BffError(
        'issuer_mismatch',
        describe('discovery issuer differs from the configured issuer'),
      );
    }
    const upstreamStatus = error.cause instanceof Response ? error.cause.status : undefined;
    if (upstreamStatus !== undefined && upstreamStatus >= 500) {
      return new BffError('idp_unavailable', describe(`HTTP ${upstreamStatus}`));
    }
    if (operation === 'code_exchange' || operation === 'refresh') {
      // Anything wrong with the ID token or the token response itself.
      return new BffError('id_token_invalid', describe(error.code ?? 'invalid token response'));
    }
    return new BffError('idp_error', describe(error.code ?? 'invalid response'));
  }
  if (error instanceof oauth.UnsupportedOperationError) {
    return new BffError(
      operation === 'callback' ? 'invalid_callback' : 'id_token_invalid',
      describe('unsupported'),
    );
  }
  if (error instanceof TypeError && operation === 'callback') {
    // Thrown for malformed callback parameters, e.g. a parameter given twice.
    return new BffError('invalid_callback', describe('malformed parameters'));
  }
  // Network failure, DNS, refused connection, timeout (AbortSignal) and the like.
  return new BffError('idp_unavailable', describe('unreachable'));
}
