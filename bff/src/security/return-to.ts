import type { ResolvedOptions } from '../options';

/**
 * Where a sign-in may return to: a path on this origin, nothing else. Anything that is not plainly
 * a local absolute path is refused: absolute and protocol-relative URLs (`//evil`, `/\evil`),
 * schemes (`javascript:`), control characters and backslashes anywhere, encoded or not.
 */
function localPath(value: unknown, appOrigin: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // Browsers treat `\` as `/` and strip tabs and newlines, so `/\evil.com` or `/\t/evil.com` would
  // leave the origin; refuse them, and their percent-encoded forms, outright.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(value) || /%(5c|2f%2f|0[0-9a-f]|1[0-9a-f]|7f)/i.test(value))
    return null;
  try {
    const resolved = new URL(value, appOrigin);
    if (resolved.origin !== appOrigin) return null;
    const path = resolved.pathname + resolved.search + resolved.hash;
    // Dot segments can collapse into a protocol-relative path: `/.//evil.example` → `//evil.example`.
    return path.startsWith('//') ? null : path;
  } catch {
    return null;
  }
}

/** The value if it is a local path, else `/`. */
export function safeReturnTo(value: unknown, appOrigin: string): string {
  return localPath(value, appOrigin) ?? '/';
}

/** The host app's policy on top of the rule above: a refused or missing path becomes the fallback. */
export function resolveReturnTo(
  value: unknown,
  options: Pick<ResolvedOptions, 'appOrigin' | 'returnTo'>,
): string {
  const path = localPath(value, options.appOrigin);
  if (path === null) return options.returnTo.fallback;
  try {
    return options.returnTo.isAllowed(path) ? path : options.returnTo.fallback;
  } catch {
    return options.returnTo.fallback;
  }
}
