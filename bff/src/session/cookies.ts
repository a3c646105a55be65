import type { FastifyReply } from 'fastify';
import type { SerializeOptions } from '@fastify/cookie';
import type { ResolvedOptions } from '../options';

export interface CookieNames {
  session: string;
  transaction: string;
}

/**
 * Over https the cookies take the `__Host-` prefix, which makes the browser insist on `Secure`,
 * `Path=/` and no `Domain`; on plain-http localhost (development) they cannot, so they are plain.
 */
export function cookieNames(options: ResolvedOptions): CookieNames {
  const prefix = options.secureCookies ? '__Host-' : '';
  return {
    session: `${prefix}${options.cookieNames.session}`,
    transaction: `${prefix}${options.cookieNames.transaction}`,
  };
}

export function cookieAttributes(
  options: ResolvedOptions,
  maxAgeSeconds: number,
): SerializeOptions {
  return {
    httpOnly: true,
    secure: options.secureCookies,
    // Lax: the cookie must ride on the top-level redirect back from the identity provider.
    sameSite: 'lax',
    path: '/',
    maxAge: maxAgeSeconds,
  };
}

export function clearCookie(reply: FastifyReply, options: ResolvedOptions, name: string): void {
  reply.clearCookie(name, { ...cookieAttributes(options, 0), maxAge: 0, expires: new Date(0) });
}
