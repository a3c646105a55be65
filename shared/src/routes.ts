/**
 * Where the BFF's routes live. `authRoutes` are relative to the plugin's mount point, so a host app
 * can register the plugin under any prefix; `paths` are the absolute paths of the default mount
 * (`/api`), which is what the bundled SPA and the callback URL registered at Vercel use.
 */
export const DEFAULT_PREFIX = '/api';

export const routes = {
  authorize: '/auth/authorize',
  callback: '/auth/callback',
  signout: '/auth/signout',
  session: '/auth/session',
  profile: '/profile',
  validateToken: '/validate-token',
  health: '/health',
} as const;

export type RouteName = keyof typeof routes;

export function pathsFor(prefix: string): { readonly [K in RouteName]: string } {
  const base = prefix.replace(/\/+$/, '');
  return Object.freeze(
    Object.fromEntries(Object.entries(routes).map(([name, path]) => [name, base + path])),
  ) as { readonly [K in RouteName]: string };
}

export const paths = pathsFor(DEFAULT_PREFIX);

/** The SPA page the callback sends the browser to when sign-in fails: `?code=<ErrorCode>`. */
export const AUTH_ERROR_PAGE = '/auth/error';

/**
 * Every JSON route of the BFF requires this header. A cross-site form or `<img>` cannot set a custom
 * header, and a cross-site `fetch` that sets one needs a CORS preflight the BFF never answers.
 */
export const CSRF_HEADER = 'x-siwv-csrf';
export const CSRF_HEADER_VALUE = '1';
