import { completeAuthorization } from '@siwv/e2e';
import { CSRF_HEADER, paths } from '@siwv/shared';

/** `name=value` pairs from a response's Set-Cookie lines, dropping cleared cookies. */
function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    const value = pair.slice(at + 1);
    if (at > 0 && value !== '' && !/max-age=0/i.test(line)) cookies.set(pair.slice(0, at), value);
  }
  return cookies;
}

const header = (cookies: Map<string, string>) =>
  [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/**
 * A real sign-in over HTTP, as a browser makes it: authorize at the BFF, log in and consent at
 * the emulator, the callback at the BFF. Returns the `Cookie` header that carries the session.
 */
export async function signIn(bffOrigin: string): Promise<string> {
  const start = await fetch(`${bffOrigin}${paths.authorize}?returnTo=/profile`, {
    redirect: 'manual',
  });
  const location = start.headers.get('location');
  if (start.status !== 302 || !location) throw new Error(`authorize answered ${start.status}`);
  const jar = cookiesOf(start);
  const redirect = await completeAuthorization(location);
  const callback = await fetch(`${bffOrigin}${redirect.pathname}${redirect.search}`, {
    redirect: 'manual',
    headers: { cookie: header(jar) },
  });
  const session = [...cookiesOf(callback)].filter(([name]) => name.endsWith('siwv-session'));
  if (callback.status !== 302 || session.length !== 1) {
    throw new Error(`the callback answered ${callback.status} without a session cookie`);
  }
  return header(new Map(session));
}

/** The headers of a JSON call from the SPA. */
export function apiHeaders(cookie: string): Record<string, string> {
  return { cookie, [CSRF_HEADER]: '1' };
}

export async function getJson(url: string, cookie: string): Promise<unknown> {
  const response = await fetch(url, { headers: apiHeaders(cookie) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
