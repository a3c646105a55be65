/**
 * Where a sign-in may return to: a path on this origin, nothing else. Anything that is not plainly
 * a local absolute path becomes `/`: absolute and protocol-relative URLs (`//evil`, `/\evil`),
 * schemes (`javascript:`), control characters and backslashes anywhere, encoded or not.
 */
export function safeReturnTo(value: unknown, appOrigin: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // Browsers treat `\` as `/` and strip tabs and newlines, so `/\evil.com` or `/\t/evil.com` would
  // leave the origin; refuse them, and their percent-encoded forms, outright.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(value) || /%(5c|2f%2f|0[0-9a-f]|1[0-9a-f]|7f)/i.test(value))
    return '/';
  try {
    const resolved = new URL(value, appOrigin);
    if (resolved.origin !== appOrigin) return '/';
    const path = resolved.pathname + resolved.search + resolved.hash;
    // Dot segments can collapse into a protocol-relative path: `/.//evil.example` → `//evil.example`.
    return path.startsWith('//') ? '/' : path;
  } catch {
    return '/';
  }
}
