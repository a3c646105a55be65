import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeAuthorization,
  DEFAULT_CLIENT,
  startEmulator,
  TEST_USERS,
  type RunningEmulator,
} from '../emulator';
import { authorizationUrl, createPkce } from './helpers/oauth';

const LIMITED_CLIENT = {
  clientId: 'cl_limitedclient0000000000000000',
  clientSecret: 'limited-secret',
  redirectUris: ['http://localhost:3200/api/auth/callback'],
  name: 'No <offline> & "quotes"',
  offlineAccess: false,
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT, LIMITED_CLIENT] });
});
afterAll(() => emulator.close());

async function authorize(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

describe('an authorization request', () => {
  it('without PKCE is refused back at the client with invalid_request', async () => {
    const url = authorizationUrl(emulator, createPkce(), {
      code_challenge: undefined,
      code_challenge_method: undefined,
      state: 'xyz',
    });
    const response = await authorize(url);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(DEFAULT_CLIENT.redirectUris[0]);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('iss')).toBe(emulator.issuer);
  });

  it('with the plain PKCE method is refused', async () => {
    const url = authorizationUrl(emulator, createPkce(), { code_challenge_method: 'plain' });
    const location = new URL((await authorize(url)).headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('with prompt=none is refused with Vercel’s message', async () => {
    const url = authorizationUrl(emulator, createPkce(), { prompt: 'none' });
    const location = new URL((await authorize(url)).headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toBe(
      "Parameter 'prompt'. Invalid enum value. Expected 'consent' | 'login', received 'none'",
    );
  });

  it('to an unregistered redirect URI shows an error page and never redirects', async () => {
    const url = authorizationUrl(emulator, createPkce(), {
      redirect_uri: 'http://localhost:9999/evil',
    });
    const response = await authorize(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('redirect_uri');
  });

  it('for an unknown client shows an error page', async () => {
    const url = authorizationUrl(emulator, createPkce(), { client_id: 'cl_unknown' });
    const response = await authorize(url);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_client');
  });
});

describe('the login and consent pages', () => {
  async function pageAfter(
    response: Response,
  ): Promise<{ html: string; url: URL; cookie: string }> {
    const url = new URL(response.headers.get('location')!, emulator.issuer);
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const page = await fetch(url, { headers: { cookie } });
    return { html: await page.text(), url, cookie };
  }

  it('lists every test user with a Continue button, and offers avatars from the emulator itself', async () => {
    const { html } = await pageAfter(await authorize(authorizationUrl(emulator, createPkce())));
    expect(html).toContain('<html lang="en">');
    for (const user of TEST_USERS) {
      expect(html).toContain(`value="${user.username}"`);
      expect(html).toContain(user.name);
    }
    expect(html).toMatch(/<button type="submit"[^>]*>Continue<\/button>/);
    const withAvatar = TEST_USERS.find((user) => user.picture)!;
    expect(html).toContain(`src="${withAvatar.picture}"`);
    const avatar = await fetch(`${emulator.issuer}${withAvatar.picture}`);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
    expect(await avatar.text()).toContain('<svg');
    const without = TEST_USERS.find((user) => user.picture === null)!;
    expect((await fetch(`${emulator.issuer}/avatars/${without.username}.svg`)).status).toBe(404);
  });

  it('show the app’s name, HTML-escaped, and each requested scope in plain words', async () => {
    const pkce = createPkce();
    const first = await pageAfter(
      await authorize(authorizationUrl(emulator, pkce, {}, LIMITED_CLIENT)),
    );
    const login = await fetch(new URL(`${first.url.pathname}/login`, emulator.issuer), {
      method: 'POST',
      headers: { cookie: first.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=zoe',
      redirect: 'manual',
    });
    const resumeCookie = login.headers.getSetCookie().map((line) => line.split(';')[0]);
    const resume = await fetch(new URL(login.headers.get('location')!, emulator.issuer), {
      headers: { cookie: [first.cookie, ...resumeCookie].join('; ') },
      redirect: 'manual',
    });
    const consent = await pageAfter(resume);

    expect(consent.html).toContain(
      'No &lt;offline&gt; &amp; &quot;quotes&quot; wants to access your Vercel account',
    );
    expect(consent.html).not.toContain('<offline>');
    expect(consent.html).toContain('Zoë Ångström');
    expect(consent.html).toContain('See your email address');
    expect(consent.html).toContain('See your name, username and avatar');
    // This client has no refresh tokens, so offline access is neither asked nor shown.
    expect(consent.html).not.toContain('Stay connected');
    expect(consent.html).toMatch(/<button[^>]*value="allow"[^>]*>Allow<\/button>/);
    expect(consent.html).toMatch(/<button[^>]*value="cancel"[^>]*>Cancel<\/button>/);
  });

  it('refuse a step opened without the browser’s interaction cookie', async () => {
    const response = await authorize(authorizationUrl(emulator, createPkce()));
    const page = await fetch(new URL(response.headers.get('location')!, emulator.issuer));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('login_expired');
  });
});

describe('the user’s answer', () => {
  it('Allow returns a code with the state and the issuer (RFC 9207)', async () => {
    const url = authorizationUrl(emulator, createPkce(), { state: 'state-123' });
    const redirect = await completeAuthorization(url);
    expect(redirect.origin + redirect.pathname).toBe(DEFAULT_CLIENT.redirectUris[0]);
    expect(redirect.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.get('iss')).toBe(emulator.issuer);
  });

  it('Cancel returns access_denied with Vercel’s exact description, the state and the issuer', async () => {
    const url = authorizationUrl(emulator, createPkce(), { state: 'state-456' });
    const redirect = await completeAuthorization(url, { username: 'grace', decision: 'cancel' });
    expect(redirect.origin + redirect.pathname).toBe(DEFAULT_CLIENT.redirectUris[0]);
    expect(Object.fromEntries(redirect.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'The user canceled the authorization process',
      state: 'state-456',
      iss: emulator.issuer,
    });
  });

  it('cannot name a user the emulator does not have', async () => {
    const url = authorizationUrl(emulator, createPkce());
    await expect(completeAuthorization(url, { username: 'mallory' })).rejects.toThrow(
      /No test user "mallory"/,
    );
  });
});
