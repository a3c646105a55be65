/**
 * A small typed client for the BFF's JSON routes. It adds the CSRF header, sends cookies only to the
 * same origin, turns every error body into an `ApiError` carrying the catalogue's code, and sends a
 * request once more when the BFF says that a retry will do (`retryableErrorCodes`).
 */
import { CSRF_HEADER, CSRF_HEADER_VALUE, pathsFor, DEFAULT_PREFIX } from './routes';
import { isErrorCode, retryableErrorCodes, type ErrorCode } from './errors';
import type { Profile, SessionResponse, TokenInfo } from './schemas';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  /** Mount point of the BFF plugin, `/api` by default. */
  prefix?: string;
  /** Origin of the BFF when it is not the page's own (tests, server-side callers). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface ApiClient {
  getSession(signal?: AbortSignal): Promise<SessionResponse>;
  getProfile(signal?: AbortSignal): Promise<Profile>;
  validateToken(signal?: AbortSignal): Promise<TokenInfo>;
  signOut(): Promise<void>;
  /** The URL a browser navigates to in order to sign in and come back to `returnTo`. */
  signInUrl(returnTo?: string): string;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'code' in body && isErrorCode(body.code)) {
    const message = 'message' in body && typeof body.message === 'string' ? body.message : '';
    return new ApiError(response.status, body.code, message);
  }
  const code: ErrorCode = response.status === 401 ? 'unauthenticated' : 'internal_error';
  return new ApiError(response.status, code, `Unexpected ${response.status} from the server.`);
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const paths = pathsFor(options.prefix ?? DEFAULT_PREFIX);
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  interface RequestOptions {
    signal?: AbortSignal;
    retry?: boolean;
  }

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    { signal, retry = true }: RequestOptions = {},
  ): Promise<T> {
    const send = () =>
      doFetch(baseUrl + path, {
        method,
        credentials: 'same-origin',
        headers: { accept: 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE },
        signal,
      });
    let response = await send();
    if (!response.ok && retry) {
      const error = await toApiError(response);
      // A conflicting renewal has set the new cookie by the time its loser answers, so one more try
      // carries it. Only one: a second conflict is no longer a race worth hiding from the caller.
      if (!retryableErrorCodes.includes(error.code)) throw error;
      response = await send();
    }
    if (!response.ok) throw await toApiError(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    getSession: (signal) => request<SessionResponse>('GET', paths.session, { signal }),
    getProfile: (signal) => request<Profile>('GET', paths.profile, { signal }),
    validateToken: (signal) => request<TokenInfo>('GET', paths.validateToken, { signal }),
    // Sign-out never renews a session, so there is no conflict for it to wait out, and it clears
    // the cookies whatever else fails; the SPA forgets everything whatever the answer. Sending the
    // POST twice would only revoke the same tokens twice.
    signOut: () => request<void>('POST', paths.signout, { retry: false }),
    signInUrl: (returnTo) =>
      baseUrl +
      paths.authorize +
      (returnTo ? `?${new URLSearchParams({ returnTo }).toString()}` : ''),
  };
}
