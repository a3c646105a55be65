import { createHash } from 'node:crypto';

/** Enough for every sign-in a busy instance starts within the login timeout. */
const MAX_REMEMBERED = 100_000;

/**
 * Remembers each `state` whose callback was accepted, until its transaction cookie has expired
 * anyway, so that the same callback sent again with the same cookie (a replay, a double submit)
 * is refused before its code reaches the token endpoint (RFC 6749 §10.12, RFC 9700 §4.7). The
 * browser's copy of the cookie is cleared by the first callback; this guards the server side.
 *
 * The memory is per process: across instances (serverless, several servers) the remaining
 * guarantee is the provider's, which accepts each code once (RFC 6749 §4.1.2).
 */
export function createStateReplayGuard(lifetimeSeconds: number) {
  // Insertion order is expiry order, as every entry lives equally long.
  const used = new Map<string, number>();

  function prune(now: number) {
    for (const [key, expiresAt] of used) {
      if (expiresAt > now && used.size < MAX_REMEMBERED) break;
      used.delete(key);
    }
  }

  return {
    /** True the first time a state is presented, false every later time within its lifetime. */
    consume(state: string): boolean {
      const now = Date.now();
      prune(now);
      const key = createHash('sha256').update(state).digest('base64url');
      if (used.has(key)) return false;
      used.set(key, now + lifetimeSeconds * 1000);
      return true;
    },
  };
}
