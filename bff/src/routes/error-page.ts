import type { FastifyReply, FastifyRequest } from 'fastify';
import { BffError } from '../errors';

/**
 * Browser-navigation routes (authorize, callback) never answer with an error body: they send the
 * browser to the SPA's error page with a code it explains. The detail goes to the log.
 */
export function redirectToErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  errorPagePath: string,
) {
  const failure = error instanceof BffError ? error : new BffError('internal_error');
  const level = failure.statusCode >= 500 ? 'error' : 'warn';
  request.log[level]({ code: failure.code, detail: failure.detail }, 'sign-in failed');
  if (!(error instanceof BffError)) request.log.error({ err: error }, 'unexpected sign-in failure');
  return reply.redirect(`${errorPagePath}?code=${encodeURIComponent(failure.code)}`, 302);
}
