/**
 * A stand-in for the BFF at the one network boundary of the SPA: the `fetch` given to the shared
 * client. It answers like the BFF's contract (paths, CSRF header, coded error bodies); the real BFF
 * is covered by the BFF's own suite and the Playwright suites that drive the whole product.
 */
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  errorCatalogue,
  paths,
  type ErrorCode,
  type Profile,
  type SessionResponse,
  type TokenInfo,
} from '@siwv/shared';

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  headers: Headers;
}

type Route = 'session' | 'profile' | 'validateToken' | 'signout';

interface FakeBffOptions {
  /** The signed-in user, or null when nobody is signed in. */
  user?: Profile | null;
  tokenInfo?: Partial<TokenInfo>;
}

export const alice: Profile = {
  sub: 'user_alice',
  name: 'Alice Example',
  email: 'alice@example.com',
  username: 'alice',
  picture: 'https://avatars.example.com/alice.png',
  emailVerified: true,
};

/** Issued 2025-01-01T00:00:00Z, expires an hour later. */
export const ISSUED_AT = 1_735_689_600;
export const EXPIRES_AT = ISSUED_AT + 3_600;

function errorResponse(code: ErrorCode): Response {
  const { status, message } = errorCatalogue[code];
  return Response.json({ statusCode: status, code, message }, { status });
}

export function createFakeBff(options: FakeBffOptions = {}) {
  let user = options.user === undefined ? alice : options.user;
  const requests: RecordedRequest[] = [];
  const failures = new Map<Route, ErrorCode[]>();
  const held = new Map<Route, Promise<void>>();

  const routeOf: Record<string, Route> = {
    [`GET ${paths.session}`]: 'session',
    [`GET ${paths.profile}`]: 'profile',
    [`GET ${paths.validateToken}`]: 'validateToken',
    [`POST ${paths.signout}`]: 'signout',
  };

  function session(): SessionResponse {
    if (!user) return { authenticated: false };
    const { emailVerified: _, ...sessionUser } = user;
    return { authenticated: true, user: sessionUser, expiresAt: EXPIRES_AT, scopes: ['openid'] };
  }

  function tokenInfo(): TokenInfo {
    return {
      active: true,
      clientId: 'cl_test_app',
      tokenType: 'access_token',
      subject: user?.sub ?? null,
      issuer: 'https://vercel.com',
      issuedAt: ISSUED_AT,
      expiresAt: EXPIRES_AT,
      sessionId: 'sess_1',
      ...options.tokenInfo,
    };
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://localhost:3000');
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    requests.push({ method, path: url.pathname, search: url.search, headers });

    const route = routeOf[`${method} ${url.pathname}`];
    if (!route) return errorResponse('not_found');
    if (headers.get(CSRF_HEADER) !== CSRF_HEADER_VALUE) return errorResponse('csrf_header_missing');
    await held.get(route);
    const failure = failures.get(route)?.shift();
    if (failure) return errorResponse(failure);

    switch (route) {
      case 'session':
        return Response.json(session());
      case 'profile':
        return user ? Response.json(user) : errorResponse('unauthenticated');
      case 'validateToken':
        return user ? Response.json(tokenInfo()) : errorResponse('unauthenticated');
      case 'signout':
        user = null;
        return new Response(null, { status: 204 });
    }
  };

  return {
    fetch,
    requests,
    /** Make the next `times` calls of a route answer with this catalogue error. */
    fail(route: Route, code: ErrorCode, times = 1) {
      failures.set(route, [...(failures.get(route) ?? []), ...Array<ErrorCode>(times).fill(code)]);
    },
    /** Keep answers of a route waiting until the returned function is called. */
    hold(route: Route): () => void {
      let release = () => {};
      held.set(route, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(route);
        release();
      };
    },
    /** Someone signs in, as the BFF's callback does in this browser (in whichever tab). */
    signIn(profile: Profile) {
      user = profile;
    },
    /** The session ends on the server's side, as when it expires or is revoked at Vercel. */
    endSession() {
      user = null;
    },
    requestsTo(method: string, path: string) {
      return requests.filter((request) => request.method === method && request.path === path);
    },
  };
}

export type FakeBff = ReturnType<typeof createFakeBff>;
