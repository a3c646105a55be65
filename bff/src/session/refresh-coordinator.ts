import { createHash } from 'node:crypto';
import type { TokenSet } from '../oauth/identity-provider';

/**
 * Makes sure a refresh token is spent once. Vercel's refresh tokens are single-use and rotate:
 * two requests refreshing the same one would end the user's grant. Everyone who arrives with the
 * same refresh token — at the same time, or a little later still holding the old cookie — gets the
 * one result.
 */
export interface RefreshCoordinator {
  run(refreshToken: string, refresh: () => Promise<TokenSet>): Promise<TokenSet>;
}

/** Long enough for a burst of requests sent with the old cookie to find the successor. */
export const REFRESH_RESULT_TTL_MS = 30_000;

export function refreshKey(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('base64url');
}

/** Within one process: an in-flight map plus recently finished results. */
export function createLocalRefreshCoordinator(
  resultTtlMs = REFRESH_RESULT_TTL_MS,
): RefreshCoordinator {
  const pending = new Map<string, Promise<TokenSet>>();

  return {
    run(refreshToken, refresh) {
      const key = refreshKey(refreshToken);
      let result = pending.get(key);
      if (!result) {
        result = refresh();
        pending.set(key, result);
        const forget = () => {
          if (pending.get(key) === result) pending.delete(key);
        };
        // Keep a success for late arrivals; a failure is forgotten at once so the next try is real.
        result.then(
          () => setTimeout(forget, resultTtlMs).unref(),
          () => forget(),
        );
      }
      return result;
    },
  };
}
