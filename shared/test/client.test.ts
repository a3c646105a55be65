import { describe, expect, it } from 'vitest';
import { ApiError, CSRF_HEADER, createApiClient, pathsFor } from '../src/index';

function recordingFetch(response: Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return response.clone();
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
