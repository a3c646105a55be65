/**
 * Recently opened sealed values (cookies, or what the Redis store holds), by their exact value. The SPA asks about its session again and
 * again with the same cookie, and opening it (AES-GCM through WebCrypto plus a schema check) is
 * most of what such a request costs; a value seen a moment ago need not be opened again. Entries
 * live a few seconds and never past the value's own expiry, and the cache is bounded, so it holds
 * no more than the requests in flight already do. A renewed session is a new value, never a hit.
 */
export function createOpenedCookieCache<T>(maxEntries = 1000, ttlMs = 10_000) {
  const entries = new Map<string, { value: T; until: number }>();

  return {
    get(sealed: string): T | undefined {
      const entry = entries.get(sealed);
      if (!entry) return undefined;
      if (entry.until <= Date.now()) {
        entries.delete(sealed);
        return undefined;
      }
      return entry.value;
    },

    set(sealed: string, value: T, expiresAtMs: number): void {
      // Oldest first: a Map iterates in insertion order.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(sealed, { value, until: Math.min(expiresAtMs, Date.now() + ttlMs) });
    },
  };
}
