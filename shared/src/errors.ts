/**
 * The one catalogue of error codes. A code travels unchanged from the BFF's throw site to the JSON
 * body (`{statusCode, code, message}`) or the `/auth/error?code=` redirect, and on to the SPA's
 * message table. `message` is what a client may show; details go to the server log only.
 */
export const errorCatalogue = {
  unauthenticated: { status: 401, message: 'You are not signed in.' },
  session_expired: { status: 401, message: 'Your session has ended. Sign in again.' },
  csrf_header_missing: { status: 403, message: 'The request is missing the anti-forgery header.' },
  origin_mismatch: { status: 403, message: 'The request did not come from this application.' },
  not_found: { status: 404, message: 'There is nothing here.' },
  rate_limited: { status: 429, message: 'Too many attempts. Wait a minute and try again.' },
  bad_request: { status: 400, message: 'The request is not valid.' },

  // Sign-in failures, shown on the SPA's error page.
  access_denied: { status: 400, message: 'Sign-in was cancelled.' },
  sign_in_refused: { status: 403, message: 'This account may not sign in to this app.' },
  state_mismatch: {
    status: 400,
    message: 'The sign-in response did not match a sign-in started here.',
  },
  login_expired: {
    status: 400,
    message: 'The sign-in took too long or was started in another browser.',
  },
  invalid_callback: { status: 400, message: 'The sign-in response was incomplete.' },
  issuer_mismatch: {
    status: 400,
    message: 'The sign-in response came from an unexpected identity provider.',
  },
  id_token_invalid: {
    status: 502,
    message: 'The identity provider sent an identity token that failed verification.',
  },
  token_exchange_failed: {
    status: 502,
    message: 'The identity provider refused to complete the sign-in.',
  },
  idp_error: { status: 502, message: 'The identity provider reported an error.' },
  idp_invalid_response: {
    status: 502,
    message: 'The identity provider sent an answer that could not be understood.',
  },
  idp_unavailable: { status: 503, message: 'The identity provider could not be reached.' },

  // Session lifecycle.
  refresh_conflict: {
    status: 409,
    message: 'Your session was being renewed by another request. Try again.',
  },
  store_unavailable: {
    status: 503,
    message: 'Sessions are unavailable right now. Try again in a moment.',
  },
  session_too_large: {
    status: 500,
    message: 'The session is too large to keep in a cookie.',
  },
  identity_mismatch: {
    status: 401,
    message: 'The identity provider described another account than the signed-in one.',
  },

  internal_error: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

/**
 * Codes after which the same request may simply be sent again: the browser by then holds the
 * cookie another request has renewed. Clients retry these once.
 */
export const retryableErrorCodes: readonly ErrorCode[] = ['refresh_conflict'];

/**
 * Codes after which the session is over: the BFF clears it in the same response, so the next look
 * at the session says signed out.
 */
export const sessionEndingErrorCodes: readonly ErrorCode[] = [
  'session_expired',
  'identity_mismatch',
];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalogue, value);
}

/** The body of every error response of the BFF. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
}
