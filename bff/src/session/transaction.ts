import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedOptions } from '../options';
import type { LoginTransaction } from '../oauth/identity-provider';
import { createSealer } from './seal';
import { clearCookie, cookieAttributes, cookieNames } from './cookies';

/**
 * The short-lived cookie that carries state, nonce, PKCE verifier and return path from the start of
 * a sign-in to its callback. It is sealed, so none of these values is readable or forgeable.
 */
export function createTransactionCookie(options: ResolvedOptions) {
  const sealer = createSealer(options.sessionSecrets, 'transaction');
  const name = cookieNames(options).transaction;

  return {
    async write(reply: FastifyReply, transaction: LoginTransaction): Promise<void> {
      const value = await sealer.seal({ ...transaction }, options.loginTimeoutSeconds);
      reply.setCookie(name, value, cookieAttributes(options, options.loginTimeoutSeconds));
    },

    /** Reads and always clears the cookie: a transaction is good for exactly one callback. */
    async take(request: FastifyRequest, reply: FastifyReply): Promise<LoginTransaction | null> {
      const value = request.cookies[name];
      if (value === undefined) return null;
      clearCookie(reply, options, name);
      const payload = await sealer.unseal(value);
      const { state, nonce, codeVerifier, returnTo } = payload ?? {};
      if (
        typeof state !== 'string' ||
        typeof nonce !== 'string' ||
        typeof codeVerifier !== 'string' ||
        typeof returnTo !== 'string'
      ) {
        return null;
      }
      return { state, nonce, codeVerifier, returnTo };
    },
  };
}

export type TransactionCookie = ReturnType<typeof createTransactionCookie>;
