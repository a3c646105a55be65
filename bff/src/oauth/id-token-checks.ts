import type { IDToken } from 'oauth4webapi';
import { BffError } from '../errors';

/**
 * OpenID Connect Core §3.1.3.7 (10): `iat` may be used to reject tokens issued too far from the
 * current time. oauth4webapi checks only that `iat` is present and a number, so a token "issued"
 * in the future beyond the clock tolerance is refused here, with the tolerance that applies to
 * `exp` and `nbf`.
 */
export function assertIssuedInThePast(
  claims: IDToken,
  toleranceSeconds: number,
  operation: string,
  now = Math.floor(Date.now() / 1000),
): void {
  if (claims.iat > now + toleranceSeconds) {
    throw new BffError(
      'id_token_invalid',
      `${operation}: ID token iat is in the future beyond the clock tolerance [iat_in_future]`,
    );
  }
}

/**
 * OpenID Connect Core §12.2: an ID token from a refresh must have the same `iss` and `sub` as the
 * one the session was opened with. Anything else is another identity, and the session ends.
 */
export function assertSameIdentity(
  claims: IDToken,
  expected: { issuer: string; subject: string },
  operation: string,
): void {
  if (claims.iss !== expected.issuer) {
    throw new BffError('identity_mismatch', `${operation}: ID token iss changed [iss_changed]`);
  }
  if (claims.sub !== expected.subject) {
    throw new BffError('identity_mismatch', `${operation}: ID token sub changed [sub_changed]`);
  }
}
