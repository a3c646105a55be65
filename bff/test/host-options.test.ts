import { afterEach, describe, expect, it } from 'vitest';
import { paths, type User } from '@siwv/shared';
import { resolveOptions } from '../src/options';
import { CookieJar, introspectAtEmulator, startHarness, type Harness } from './helpers/harness';
import { createSealer } from '../src/session/seal';
import { SESSION_SECRET } from './helpers/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('options a host app sets', () => {
  it('names the cookies as asked', async () => {
    harness = await startHarness({
      siwv: { cookieNames: { session: 'acme-sid', transaction: 'acme-login' } },
    });
    const jar = new CookieJar();
    await harness.signIn(jar);
    expect(jar.names()).toEqual(['acme-sid']);
    expect((await harness.api(jar, 'GET', paths.session)).json().authenticated).toBe(true);
  });

  it('sends failed sign-ins to the configured error page', async () => {
    harness = await startHarness({ siwv: { errorPagePath: '/oops' } });
    const callback = await harness.signIn(new CookieJar(), { decision: 'cancel' });
    expect(callback.headers.location).toBe('/oops?code=access_denied');
  });

  it('applies a return-to policy on top of the same-origin rule', async () => {
    harness = await startHarness({
      siwv: { returnTo: { isAllowed: (path) => !path.startsWith('/admin'), fallback: '/home' } },
    });
    expect(
      (await harness.signIn(new CookieJar(), { returnTo: '/admin/users' })).headers.location,
    ).toBe('/home');
    expect(
      (await harness.signIn(new CookieJar(), { returnTo: '//evil.example' })).headers.location,
    ).toBe('/home');
    expect(
      (await harness.signIn(new CookieJar(), { returnTo: '/docs?a=1' })).headers.location,
    ).toBe('/docs?a=1');
  });

  it('lets onSignIn see the user, and refuse them: no session, tokens revoked', async () => {
    const seen: User[] = [];
    harness = await startHarness({
      siwv: {
        onSignIn: (user) => {
          seen.push(user);
          return user.username !== 'grace';
        },
      },
    });
    const ada = new CookieJar();
    expect((await harness.signIn(ada, { username: 'ada' })).headers.location).toBe('/profile');
    harness.emulator.resetStats();

    const grace = new CookieJar();
    const refused = await harness.signIn(grace, { username: 'grace' });
    expect(refused.headers.location).toBe('/auth/error?code=sign_in_refused');
    expect(grace.names()).toEqual([]);
    expect(harness.emulator.stats().revocations).toBeGreaterThanOrEqual(1);
    expect(seen.map((u) => u.username)).toEqual(['ada', 'grace']);
    expect(seen[0]).toMatchObject({ sub: expect.any(String), email: 'ada@example.com' });
  });

  it('fails the sign-in when onSignIn throws, without a session', async () => {
    harness = await startHarness({
      siwv: {
        onSignIn: () => {
          throw new Error('user table unavailable');
        },
      },
    });
    const jar = new CookieJar();
    const callback = await harness.signIn(jar);
    expect(callback.headers.location).toBe('/auth/error?code=internal_error');
    expect(jar.names()).toEqual([]);
  });

  it('tells onSignOut whose session ended', async () => {
    const signedOut: string[] = [];
    harness = await startHarness({
      siwv: { onSignOut: (user) => void signedOut.push(user.username!) },
    });
    const jar = new CookieJar();
    await harness.signIn(jar, { username: 'zoe' });
    const { accessToken } = (await createSealer([SESSION_SECRET], 'session').unseal(
      jar.get('siwv-session')!,
    )) as { accessToken: string };
    await harness.api(jar, 'POST', paths.signout);
    expect(signedOut).toEqual(['zoe']);
    await expect(introspectAtEmulator(harness.emulator, accessToken)).resolves.toEqual({
      active: false,
    });
  });

  it('are checked, each problem named', () => {
    const base = {
      clientId: 'c',
      clientSecret: 's',
      appUrl: 'https://a.example',
      sessionSecrets: 'x'.repeat(32),
    };
    expect(() => resolveOptions({ ...base, cookieNames: { session: '__Host-sid' } })).toThrow(
      /cookieNames/,
    );
    expect(() =>
      resolveOptions({ ...base, cookieNames: { session: 'same', transaction: 'same' } }),
    ).toThrow(/cookieNames/);
    expect(() => resolveOptions({ ...base, errorPagePath: 'https://evil.example' })).toThrow(
      /errorPagePath/,
    );
    expect(() => resolveOptions({ ...base, returnTo: { fallback: '//evil' } })).toThrow(/returnTo/);
  });
});
