import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BffError } from '../errors';
import type { TokenSet } from '../oauth/identity-provider';
import type { Sealer } from './seal';
import {
  createLocalRefreshCoordinator,
  REFRESH_RESULT_TTL_MS,
  refreshKey,
  type RefreshCoordinator,
} from './refresh-coordinator';
import { storeUnavailable } from './redis-errors';

/** A refresh normally takes well under a second; the lock outlives a slow provider's timeout. */
const LOCK_TTL_MS = 10_000;
const POLL_INTERVAL_MS = 25;

// Deletes the lock only if it is still ours, so a slow holder never frees someone else's lock.
const RELEASE_LOCK = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

type Outcome = { tokens: TokenSet } | { ended: true };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Across processes: a short Redis lock per refresh token, and the outcome kept (sealed) for a
 * while under a key derived from the old token, so that a request on any instance holding the old
 * cookie adopts the successor instead of spending a dead token. Within the process the local
 * coordinator still collapses concurrent requests into one Redis round.
 */
export function createRedisRefreshCoordinator(
  redis: Redis,
  sealer: Sealer,
  keyPrefix: string,
  /** How long to wait for another instance's refresh before asking the client to retry. */
  waitMs: number,
): RefreshCoordinator {
  const local = createLocalRefreshCoordinator();
  const lockKey = (key: string) => `${keyPrefix}refresh-lock:${key}`;
  const resultKey = (key: string) => `${keyPrefix}refresh-result:${key}`;

  async function readOutcome(key: string): Promise<Outcome | null> {
    const sealed = await redis.get(resultKey(key));
    if (!sealed) return null;
    const payload = await sealer.unseal(sealed);
    return payload ? (payload.outcome as Outcome) : null;
  }

  async function writeOutcome(key: string, outcome: Outcome): Promise<void> {
    const sealed = await sealer.seal({ outcome }, Math.ceil(REFRESH_RESULT_TTL_MS / 1000));
    await redis.set(resultKey(key), sealed, 'PX', REFRESH_RESULT_TTL_MS);
  }

  function settle(outcome: Outcome): TokenSet {
    if ('tokens' in outcome) return outcome.tokens;
    throw new BffError('session_expired', 'refresh token rejected (seen by another instance)');
  }

  async function refreshOnce(key: string, refresh: () => Promise<TokenSet>): Promise<TokenSet> {
    const known = await readOutcome(key);
    if (known) return settle(known);

    const owner = randomBytes(16).toString('base64url');
    if (await redis.set(lockKey(key), owner, 'PX', LOCK_TTL_MS, 'NX')) {
      try {
        // Another instance may have finished between our read and our lock.
        const finished = await readOutcome(key);
        if (finished) return settle(finished);
        try {
          const tokens = await refresh();
          await writeOutcome(key, { tokens });
          return tokens;
        } catch (error) {
          // A dead refresh token is dead for everyone; temporary failures are not remembered.
          if (error instanceof BffError && error.code === 'session_expired') {
            await writeOutcome(key, { ended: true });
          }
          throw error;
        }
      } finally {
        await redis.eval(RELEASE_LOCK, 1, lockKey(key), owner).catch(() => undefined);
      }
    }

    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await sleep(POLL_INTERVAL_MS);
      const outcome = await readOutcome(key);
      if (outcome) return settle(outcome);
      // The holder gave up without an outcome (a temporary failure): let the client try again.
      if (!(await redis.exists(lockKey(key)))) break;
    }
    // Not an ending: the cookie stays, and the client retries with whatever the browser now holds.
    throw new BffError('refresh_conflict', 'another instance is refreshing this session');
  }

  return {
    run(refreshToken, refresh) {
      const key = refreshKey(refreshToken);
      return local.run(refreshToken, () =>
        refreshOnce(key, refresh).catch((error: unknown) => {
          throw error instanceof BffError ? error : storeUnavailable(error);
        }),
      );
    },
  };
}
