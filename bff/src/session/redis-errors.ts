import { BffError } from '../errors';

/** Any failure talking to Redis: the client gets a 503 it can retry, the log gets the reason. */
export function storeUnavailable(error: unknown): BffError {
  const reason = error instanceof Error ? error.message : 'unknown error';
  return new BffError('store_unavailable', `session store: ${reason}`, { cause: error });
}
