import { errorCatalogue, type ErrorBody, type ErrorCode } from '@siwv/shared';

/**
 * The BFF's one error type. `code` is what the client sees (from the shared catalogue, with its
 * status and generic message); `detail` is for the log only and must never hold a secret, token,
 * code, state or cookie value.
 */
export class BffError extends Error {
  override readonly name = 'BffError';
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ?? errorCatalogue[code].message, options);
    this.statusCode = errorCatalogue[code].status;
  }
}

export function errorBody(code: ErrorCode): ErrorBody {
  const { status, message } = errorCatalogue[code];
  return { statusCode: status, code, message };
}
