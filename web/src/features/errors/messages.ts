import { ApiError, isErrorCode, type ErrorCode } from '@siwv/shared';

export interface ErrorMessage {
  title: string;
  description: string;
}

/**
 * What each code of the shared catalogue means to a person. Keyed by `ErrorCode`, so the compiler
 * (and a parity test) refuses a catalogue code without an explanation here.
 */
export const errorMessages = {
  unauthenticated: {
    title: 'You are not signed in',
    description: 'Sign in with your Vercel account to continue.',
  },
  session_expired: {
    title: 'Your session has ended',
    description:
      'Sessions end after a while, or when access is revoked on Vercel. Sign in again to continue.',
  },
  csrf_header_missing: {
    title: 'The request was blocked',
    description:
      'The server refused a request that did not come from this app. Reload the page and try again.',
  },
  origin_mismatch: {
    title: 'The request was blocked',
    description:
      "The server only accepts requests from this app's own pages. Reload the page and try again.",
  },
  not_found: {
    title: 'Not found',
    description: 'There is nothing at this address.',
  },
  bad_request: {
    title: 'The request was not valid',
    description: 'Reload the page and try again.',
  },
  access_denied: {
    title: 'Sign-in was cancelled',
    description:
      'You chose Cancel on Vercel, so nothing was shared with this app and you are not signed in. You can try again whenever you like.',
  },
  sign_in_refused: {
    title: 'This account cannot sign in here',
    description:
      'You signed in with Vercel, but this app does not let that account in. Try another account, or ask the app’s owner for access.',
  },
  state_mismatch: {
    title: 'This sign-in could not be verified',
    description:
      "Vercel's answer did not belong to a sign-in started in this browser, so it was rejected to keep your account safe. Start again from this app.",
  },
  login_expired: {
    title: 'The sign-in took too long',
    description:
      'The sign-in expired before it finished, or it was started in a different browser. Start again from here.',
  },
  invalid_callback: {
    title: 'The sign-in was incomplete',
    description:
      'The browser came back from Vercel without what is needed to finish signing in. Try again.',
  },
  issuer_mismatch: {
    title: 'The sign-in came from an unexpected provider',
    description:
      "The answer did not come from Vercel's sign-in service, so it was rejected. Try again; if it keeps happening, tell the app's owner.",
  },
  id_token_invalid: {
    title: "Vercel's answer could not be verified",
    description:
      'The identity token Vercel sent failed its security checks, so you were not signed in. Try again in a moment.',
  },
  token_exchange_failed: {
    title: 'Vercel did not complete the sign-in',
    description:
      'Vercel refused to finish the sign-in, for example because its one-time code was already used. Try again.',
  },
  idp_error: {
    title: 'Vercel reported a problem',
    description: "Vercel's sign-in service answered with an error. Try again in a moment.",
  },
  idp_invalid_response: {
    title: "Vercel's answer could not be read",
    description:
      "Vercel's sign-in service sent an answer this app could not understand, so nothing was changed. Try again in a moment.",
  },
  idp_unavailable: {
    title: 'Vercel could not be reached',
    description: "Vercel's sign-in service did not answer. Try again in a few minutes.",
  },
  rate_limited: {
    title: 'Too many attempts',
    description:
      'There were too many sign-in attempts from your network. Wait a minute, then try again.',
  },
  refresh_conflict: {
    title: 'Your session was being renewed',
    description: 'Another request was renewing your session at the same moment. Try again.',
  },
  store_unavailable: {
    title: 'Sessions are unavailable',
    description: 'The server cannot reach its session storage right now. Try again in a moment.',
  },
  session_too_large: {
    title: 'Your session could not be saved',
    description:
      "The session is too large for this app's configuration, so you were not signed in. Tell the app's owner.",
  },
  identity_mismatch: {
    title: 'You were signed out to keep your account safe',
    description:
      'Vercel described a different account than the one signed in here, so this session was ended. Sign in again.',
  },
  internal_error: {
    title: 'Something went wrong on our side',
    description: 'The server ran into an unexpected problem. Try again in a moment.',
  },
} as const satisfies Record<ErrorCode, ErrorMessage>;

/** For a code that is missing, mistyped or newer than this build of the app. */
export const genericSignInError: ErrorMessage = {
  title: 'Sign-in did not work',
  description:
    "Something went wrong while signing you in. Try again, and if it keeps happening, tell the app's owner.",
};

const unreachable: ErrorMessage = {
  title: 'The server could not be reached',
  description: 'Check your connection and try again.',
};

export function describeErrorCode(code: string | null | undefined): ErrorMessage {
  return isErrorCode(code) ? errorMessages[code] : genericSignInError;
}

/** A thrown `ApiError` carries its catalogue code; anything else means the request never landed. */
export function describeError(error: unknown): ErrorMessage {
  if (error instanceof ApiError) return errorMessages[error.code];
  return unreachable;
}
