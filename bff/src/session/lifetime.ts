import type { ResolvedOptions } from '../options';
import { nowSeconds, type Session } from './session';

/**
 * When sessions end and tokens are renewed, in one place so that every store and route agrees.
 */
export function createLifetimePolicy(options: ResolvedOptions) {
  return {
    /** Seconds the stored session may still live: absolute cap, and the access token when nothing can renew it. */
    remainingSeconds(session: Session, now = nowSeconds()): number {
      const absolute = session.createdAt + options.sessionMaxAgeSeconds - now;
      const usable = session.refreshToken ? absolute : Math.min(absolute, session.expiresAt - now);
      const idle = options.idleTimeoutSeconds
        ? session.lastSeenAt + options.idleTimeoutSeconds - now
        : Number.POSITIVE_INFINITY;
      return Math.min(usable, idle);
    },

    isOver(session: Session, now = nowSeconds()): boolean {
      return this.remainingSeconds(session, now) <= 0;
    },

    /**
     * Renew ahead of expiry by the configured margin, but never by more than half the token's
     * lifetime: a provider issuing short tokens (the emulator's 2 s in tests) would otherwise be
     * asked for a new one on every request.
     */
    needsRefresh(session: Session, now = nowSeconds()): boolean {
      const lifetime = Math.max(0, session.expiresAt - session.obtainedAt);
      const margin = Math.min(options.refreshMarginSeconds, Math.floor(lifetime / 2));
      return session.expiresAt - margin <= now;
    },

    /** With an idle timeout, a session in use is written back now and then to move `lastSeenAt`. */
    needsTouch(session: Session, now = nowSeconds()): boolean {
      if (!options.idleTimeoutSeconds) return false;
      return now - session.lastSeenAt >= Math.max(1, Math.floor(options.idleTimeoutSeconds / 10));
    },
  };
}

export type LifetimePolicy = ReturnType<typeof createLifetimePolicy>;
