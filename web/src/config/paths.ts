import { AUTH_ERROR_PAGE } from '@siwv/shared';

/** The SPA's own pages. `authError` is where the BFF's callback sends a failed sign-in. */
export const appPaths = {
  home: '/',
  profile: '/profile',
  authError: AUTH_ERROR_PAGE,
} as const;

/** Where a sign-in started from this app comes back to. */
export const SIGN_IN_RETURN_TO = appPaths.profile;

/** Deliberately not "Sign in with Vercel": that is the name of the sign-in link. */
export const PRODUCT_NAME = 'Vercel Sign-in Example';
