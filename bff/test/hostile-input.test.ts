import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CSRF_HEADER, paths } from '@siwv/shared';
import { createSealer } from '../src/session/seal';
import {
  SESSION_COOKIE,
  SESSION_SECRET,
  TRANSACTION_COOKIE,
  CookieJar,
  startHarness,
  type Harness,
} from './helpers/harness';

let harness: Harness;
beforeAll(async () => {
  // No rate limit here: the point is what each request does, not how many there are.
  harness = await startHarness({ logLevel: 'silent', siwv: { rateLimit: false } });
});
afterAll(() => harness.close());

const routes = [
  { method: 'GET', url: paths.authorize },
  { method: 'GET', url: paths.callback },
  { method: 'POST', url: paths.signout },
  { method: 'GET', url: paths.session },
  { method: 'GET', url: paths.profile },
  { method: 'GET', url: paths.validateToken },
  { method: 'GET', url: paths.health },
  { method: 'GET', url: '/api/nope' },
] as const;

const cookieName = fc.constantFrom(
  SESSION_COOKIE,
  TRANSACTION_COOKIE,
  '__Host-siwv-session',
  'other',
);
const cookieValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.base64String({ maxLength: 800 }),
  // Shaped like a sealed value, so it reaches decryption rather than failing on sight.
  fc
    .array(fc.base64String({ minLength: 1, maxLength: 120 }), { minLength: 5, maxLength: 5 })
    .map((parts) => parts.join('.').replace(/[+/=]/g, 'A')),
  fc.constant('x'.repeat(6000)),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.constantFrom('//evil.example', '/\\evil', 'javascript:alert(1)', '%00', '%E0%A4%A', '\u0000'),
  fc.constant('y'.repeat(3000)),
);
const queryKey = fc.constantFrom(
  'code',
  'state',
  'iss',
  'error',
  'returnTo',
  'scope',
  'error_description',
);
const request = fc.record({
  route: fc.constantFrom(...routes),
  cookies: fc.array(fc.tuple(cookieName, cookieValue), { maxLength: 4 }),
  // Duplicates allowed on purpose: repeated parameters must be refused, not crash.
  query: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 6 }),
  csrf: fc.boolean(),
});

describe('hostile input at every route', () => {
  it('never answers 5xx and never opens a session', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ route, cookies, query, csrf }) => {
        const search = query
          .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
          .join('&');
        const response = await harness.app.inject({
          method: route.method,
          url: search ? `${route.url}?${search}` : route.url,
          headers: {
            cookie: cookies.map(([name, value]) => `${name}=${value}`).join('; '),
            ...(csrf ? { [CSRF_HEADER]: '1' } : {}),
          },
        });
        expect(response.statusCode, `${route.method} ${route.url}?${search}`).toBeLessThan(500);
        const opened = response.cookies.filter(
          (c) => c.name.endsWith('siwv-session') && c.value !== '' && c.maxAge !== 0,
        );
        expect(opened, `${route.method} ${route.url}?${search}`).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('checks the return path again when it is read back at the callback', async () => {
    // A genuine transaction whose sealed return path was rewritten by someone holding the secret:
    // the callback still refuses to leave the origin.
    const jar = new CookieJar();
    const start = await harness.app.inject({ method: 'GET', url: `${paths.authorize}` });
    jar.store(start);
    const sealer = createSealer([SESSION_SECRET], 'transaction');
    const genuine = await sealer.unseal(jar.get(TRANSACTION_COOKIE)!);
    const forged = await sealer.seal({ ...genuine, returnTo: '//evil.example/phish' }, 600);
    const { completeAuthorization } = await import('@siwv/e2e');
    const redirect = await completeAuthorization(String(start.headers.location));
    const callback = await harness.app.inject({
      method: 'GET',
      url: redirect.pathname + redirect.search,
      headers: { cookie: `${TRANSACTION_COOKIE}=${forged}` },
    });
    expect(callback.headers.location).toBe('/');
    expect(callback.cookies.some((c) => c.name === SESSION_COOKIE && c.value !== '')).toBe(true);
  });
});
