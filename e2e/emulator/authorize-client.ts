import { TEST_USERS } from './users';

interface StoredCookie {
  value: string;
  path: string;
}

/** The few cookie rules the emulator's flow needs: one origin, name + path, deletion by expiry. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(response: Response, url: URL): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=');
        const lower = key.toLowerCase();
        if (lower === 'path') path = attributeValue || '/';
        if (lower === 'max-age' && Number(attributeValue) <= 0) expired = true;
        if (lower === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
      }
      const key = `${name};${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies]
      .filter(
        ([, { path }]) =>
          url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`),
      )
      .map(([key, { value }]) => `${key.slice(0, key.indexOf(';'))}=${value}`)
      .join('; ');
  }
}

const MAX_STEPS = 20;

function formOf(html: string): { prompt: string; action: string } | undefined {
  const form = /<form\b[^>]*>/.exec(html)?.[0];
  const prompt = form && /\bdata-prompt="([^"]+)"/.exec(form)?.[1];
  const action = form && /\baction="([^"]+)"/.exec(form)?.[1];
  return prompt && action ? { prompt, action: action.replace(/&amp;/g, '&') } : undefined;
}

/**
 * For tests: performs what a browser would do at the emulator for an authorization URL produced
 * by a client (GET authorize, follow to login, pick the user, Continue, consent Allow or Cancel),
 * with its own small cookie jar, using fetch with redirect:'manual'; resolves to the final
 * redirect URL to the client's redirect_uri (with code&state&iss, or error&error_description&state).
 */
export function completeAuthorization(
  authorizeUrl: string,
  options: { username?: string; decision?: 'allow' | 'cancel' } = {},
): Promise<URL> {
  return authorizeWithJar(new CookieJar(), authorizeUrl, options);
}

/** The same walk with a jar the caller keeps, as one browser signing in again would. */
export async function authorizeWithJar(
  jar: CookieJar,
  authorizeUrl: string,
  options: { username?: string; decision?: 'allow' | 'cancel' } = {},
): Promise<URL> {
  const username = options.username ?? TEST_USERS[0]!.username;
  if (!TEST_USERS.some((user) => user.username === username)) {
    throw new Error(
      `No test user "${username}"; choose one of ${TEST_USERS.map((user) => user.username).join(', ')}`,
    );
  }
  const decision = options.decision ?? 'allow';
  const emulatorOrigin = new URL(authorizeUrl).origin;

  let url = new URL(authorizeUrl);
  let request: RequestInit = { method: 'GET' };
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const cookie = jar.header(url);
    const response = await fetch(url, {
      ...request,
      redirect: 'manual',
      headers: { ...(request.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    jar.store(response, url);

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== emulatorOrigin) return next;
      url = next;
      request = { method: 'GET' };
      continue;
    }

    const html = await response.text();
    const form = response.status === 200 ? formOf(html) : undefined;
    if (!form) {
      const text = html
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 300);
      throw new Error(`The emulator answered ${response.status} at ${url.pathname}: ${text}`);
    }
    const body: Record<string, string> = form.prompt === 'login' ? { username } : { decision };
    url = new URL(form.action, url);
    request = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    };
  }
  throw new Error(`The authorization did not reach the client within ${MAX_STEPS} steps`);
}
