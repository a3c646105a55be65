import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CSRF_HEADER,
  createApiClient,
  errorCatalogue,
  errorCodes,
  pathsFor,
  retryableErrorCodes,
  type ErrorCode,
} from '../src/index';

function recordingFetch(response: Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return response.clone();
  };
  return { calls, fetchImpl };
}

function errorResponse(code: ErrorCode): Response {
  const { status, message } = errorCatalogue[code];
  return Response.json({ statusCode: status, code, message }, { status });
}

/** Answers each call with the next response in line, the last one from then on. */
function scriptedFetch(...responses: Response[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return (responses[calls.length - 1] ?? responses.at(-1)!).clone();
  };
  return { calls, fetchImpl };
}

describe('the typed client', () => {
  it('sends the CSRF header and same-origin credentials on every call', async () => {
    const { calls, fetchImpl } = recordingFetch(Response.json({ authenticated: false }));
    const client = createApiClient({ fetch: fetchImpl });
    await expect(client.getSession()).resolves.toEqual({ authenticated: false });
    expect(calls[0]?.url).toBe('/api/auth/session');
    expect(new Headers(calls[0]?.init?.headers).get(CSRF_HEADER)).toBe('1');
    expect(calls[0]?.init?.credentials).toBe('same-origin');
  });

  it('turns a coded error body into an ApiError with that code', async () => {
    const body = { statusCode: 401, code: 'unauthenticated', message: 'You are not signed in.' };
    const { fetchImpl } = recordingFetch(Response.json(body, { status: 401 }));
    const error = await createApiClient({ fetch: fetchImpl })
      .getProfile()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('maps a body without a known code to a generic code by status', async () => {
    const { fetchImpl } = recordingFetch(new Response('<html>bad gateway</html>', { status: 502 }));
    const error = await createApiClient({ fetch: fetchImpl })
      .validateToken()
      .catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'internal_error' });
  });

  it('resolves sign-out (204) to undefined', async () => {
    const { calls, fetchImpl } = recordingFetch(new Response(null, { status: 204 }));
    await expect(createApiClient({ fetch: fetchImpl }).signOut()).resolves.toBeUndefined();
    expect(calls[0]?.init?.method).toBe('POST');
  });

  it('builds the sign-in URL under any prefix with an encoded returnTo', () => {
    const client = createApiClient({ prefix: '/auth-api/' });
    expect(client.signInUrl('/profile?tab=a&b')).toBe(
      '/auth-api/auth/authorize?returnTo=%2Fprofile%3Ftab%3Da%26b',
    );
    expect(pathsFor('/x').callback).toBe('/x/auth/callback');
  });
});

describe('retrying after a conflicting session renewal', () => {
  const renewed = { authenticated: true };

  it.each(retryableErrorCodes)(
    'sends a request once more after %s and returns that answer',
    async (code) => {
      const { calls, fetchImpl } = scriptedFetch(errorResponse(code), Response.json(renewed));
      await expect(createApiClient({ fetch: fetchImpl }).getSession()).resolves.toEqual(renewed);
      expect(calls).toHaveLength(2);
      expect(calls[1]?.url).toBe(calls[0]?.url);
      expect(calls[1]?.init?.method).toBe('GET');
      expect(new Headers(calls[1]?.init?.headers).get(CSRF_HEADER)).toBe('1');
    },
  );

  it('retries only once: a second conflict reaches the caller as an ApiError', async () => {
    const { calls, fetchImpl } = scriptedFetch(errorResponse('refresh_conflict'));
    const error = await createApiClient({ fetch: fetchImpl })
      .getProfile()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'refresh_conflict' });
    expect(calls).toHaveLength(2);
  });

  it("passes the caller's abort signal to the retry too", async () => {
    const { calls, fetchImpl } = scriptedFetch(
      errorResponse('refresh_conflict'),
      Response.json(renewed),
    );
    const { signal } = new AbortController();
    await createApiClient({ fetch: fetchImpl }).validateToken(signal);
    expect(calls.map((call) => call.init?.signal)).toEqual([signal, signal]);
  });

  it.each(errorCodes.filter((code) => !retryableErrorCodes.includes(code)))(
    'never retries after %s',
    async (code) => {
      const { calls, fetchImpl } = scriptedFetch(errorResponse(code), Response.json(renewed));
      const error = await createApiClient({ fetch: fetchImpl })
        .getProfile()
        .catch((e) => e);
      expect(error).toMatchObject({ code });
      expect(calls).toHaveLength(1);
    },
  );

  it('never sends sign-out twice, even after a conflict', async () => {
    const { calls, fetchImpl } = scriptedFetch(
      errorResponse('refresh_conflict'),
      new Response(null, { status: 204 }),
    );
    const error = await createApiClient({ fetch: fetchImpl })
      .signOut()
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'refresh_conflict' });
    expect(calls).toHaveLength(1);
  });
});
