import { describe, expect, it } from 'vitest';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import {
  ApiError,
  CSRF_HEADER,
  createApiClient,
  errorCatalogue,
  type ErrorCode,
  type TokenInfo,
} from '../src/index';
import {
  profileQueryOptions,
  sessionQueryOptions,
  signOutMutationOptions,
  siwvQueryKeys,
  tokenInfoQueryOptions,
} from '../src/query';

const signedIn = {
  authenticated: true,
  user: { sub: 'u1', name: 'Ada', email: 'ada@example.com', username: 'ada', picture: null },
  expiresAt: 2_000_000_000,
  scopes: ['openid'],
};

function errorResponse(code: ErrorCode): Response {
  const { status, message } = errorCatalogue[code];
  return Response.json({ statusCode: status, code, message }, { status });
}

/** A BFF stand-in: answers each path from a table, recording every call. */
function fakeBff(answers: Record<string, () => Response>) {
  const calls: { method: string; url: string; headers: Headers }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    calls.push({ method: init?.method ?? 'GET', url, headers: new Headers(init?.headers) });
    const answer = answers[url];
    if (!answer) throw new TypeError(`fetch failed: nothing at ${url}`);
    return answer();
  };
  return { calls, client: createApiClient({ fetch: fetchImpl }) };
}

function testQueryClient() {
  // No waiting between tries, so that a retry shows in the call count at once.
  return new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });
}

describe('sessionQueryOptions', () => {
  it('reads the session under a siwv key, with the CSRF header', async () => {
    const { calls, client } = fakeBff({ '/api/auth/session': () => Response.json(signedIn) });
    const options = sessionQueryOptions(client);
    expect(options.queryKey).toEqual(['siwv', 'session']);
    await expect(testQueryClient().fetchQuery(options)).resolves.toEqual(signedIn);
    expect(calls).toEqual([expect.objectContaining({ method: 'GET', url: '/api/auth/session' })]);
    expect(calls[0]!.headers.get(CSRF_HEADER)).toBe('1');
  });

  it('trusts a fresh answer and re-checks on focus whatever its age', async () => {
    const { calls, client } = fakeBff({ '/api/auth/session': () => Response.json(signedIn) });
    const queryClient = testQueryClient();
    await queryClient.fetchQuery(sessionQueryOptions(client));
    await queryClient.fetchQuery(sessionQueryOptions(client));
    expect(calls).toHaveLength(1);
    expect(sessionQueryOptions(client).refetchOnWindowFocus).toBe('always');
  });

  it('follows the prefix the client was made with', async () => {
    const calls: string[] = [];
    const client = createApiClient({
      prefix: '/auth',
      fetch: async (input) => {
        calls.push(String(input));
        return Response.json({ authenticated: false });
      },
    });
    await testQueryClient().fetchQuery(sessionQueryOptions(client));
    expect(calls).toEqual(['/auth/auth/session']);
  });
});

describe('profileQueryOptions', () => {
  it('does not ask again after a 401: signed out stays signed out', async () => {
    const { calls, client } = fakeBff({ '/api/profile': () => errorResponse('unauthenticated') });
    const error = await testQueryClient()
      .fetchQuery(profileQueryOptions(client))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(calls).toHaveLength(1);
  });

  it('tries once more after a failure that may pass, then reports it', async () => {
    const { calls, client } = fakeBff({ '/api/profile': () => errorResponse('idp_unavailable') });
    const error = await testQueryClient()
      .fetchQuery(profileQueryOptions(client))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 'idp_unavailable' });
    expect(calls).toHaveLength(2);
  });

  it('adds no try of its own to the client’s retry of a refresh conflict', async () => {
    const { calls, client } = fakeBff({ '/api/profile': () => errorResponse('refresh_conflict') });
    await testQueryClient()
      .fetchQuery(profileQueryOptions(client))
      .catch(() => undefined);
    // The client sent it twice (its one retry); the query did not multiply that.
    expect(calls).toHaveLength(2);
  });
});

describe('tokenInfoQueryOptions', () => {
  it('asks Vercel again on every fetch and keeps no result', async () => {
    const info: TokenInfo = {
      active: true,
      clientId: 'cl_x',
      tokenType: 'bearer',
      subject: 'u1',
      issuer: 'https://vercel.com',
      issuedAt: 1_700_000_000,
      expiresAt: 1_700_003_600,
      sessionId: null,
    };
    const { calls, client } = fakeBff({ '/api/validate-token': () => Response.json(info) });
    const queryClient = testQueryClient();
    await queryClient.fetchQuery(tokenInfoQueryOptions(client));
    await queryClient.fetchQuery(tokenInfoQueryOptions(client));
    expect(calls).toHaveLength(2);
    expect(tokenInfoQueryOptions(client)).toMatchObject({ staleTime: 0, gcTime: 0 });
  });
});

describe('signOutMutationOptions', () => {
  async function signOutWith(answer: () => Response) {
    const { calls, client } = fakeBff({
      '/api/auth/session': () => Response.json(signedIn),
      '/api/profile': () => Response.json({ sub: 'u1' }),
      '/api/auth/signout': answer,
    });
    const queryClient = testQueryClient();
    await queryClient.fetchQuery(sessionQueryOptions(client));
    await queryClient.fetchQuery(profileQueryOptions(client));
    queryClient.setQueryData(['app', 'orders'], ['an order of the signed-in user']);
    const observer = new MutationObserver(queryClient, signOutMutationOptions(client, queryClient));
    const outcome = await observer.mutate().then(
      () => 'signed out',
      (error: unknown) => error,
    );
    return { calls, queryClient, outcome };
  }

  it('posts the sign-out once and leaves nothing of the user in the cache', async () => {
    const { calls, queryClient, outcome } = await signOutWith(
      () => new Response(null, { status: 204 }),
    );
    expect(outcome).toBe('signed out');
    expect(calls.filter((call) => call.url === '/api/auth/signout')).toEqual([
      expect.objectContaining({ method: 'POST' }),
    ]);
    expect(queryClient.getQueryData(siwvQueryKeys.session)).toEqual({ authenticated: false });
    expect(queryClient.getQueryState(siwvQueryKeys.session)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData(siwvQueryKeys.profile)).toBeUndefined();
    expect(queryClient.getQueryData(['app', 'orders'])).toBeUndefined();
  });

  it('forgets the user even when the sign-out request fails', async () => {
    const { queryClient, outcome } = await signOutWith(() => errorResponse('internal_error'));
    expect(outcome).toBeInstanceOf(ApiError);
    expect(queryClient.getQueryData(siwvQueryKeys.session)).toEqual({ authenticated: false });
    expect(queryClient.getQueryData(siwvQueryKeys.profile)).toBeUndefined();
  });
});
