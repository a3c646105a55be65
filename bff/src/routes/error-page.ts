import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_ERROR_PAGE } from '@siwv/shared';
import { BffError } from '../errors';

/**
 * Browser-navigation routes (authorize, callback) never answer with an error body: they send the
 * browser to the SPA's error page with a code it explains. The detail goes to the log.
 */
export function redirectToErrorPage(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const failure = error instanceof BffError ? error : new BffError('internal_error');
  const level = failure.statusCode >= 500 ? 'error' : 'warn';
  request.log[level]({ code: failure.code, detail: failure.detail }, 'sign-in failed');
  if (!(error instanceof BffError)) request.log.error({ err: error }, 'unexpected sign-in failure');
  return reply.redirect(`${AUTH_ERROR_PAGE}?code=${encodeURIComponent(failure.code)}`, 302);
}
