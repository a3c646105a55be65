import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@siwv/shared';
import { BffError } from '../errors';

/**
 * JSON routes require a fixed custom header: a cross-site form, link or `<img>` cannot send one,
 * and a cross-site `fetch` that tries needs a CORS preflight this BFF never grants.
 */
export function assertCsrfHeader(request: FastifyRequest): void {
  if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
    throw new BffError('csrf_header_missing', 'request without the CSRF header');
  }
}

/**
 * State-changing routes also refuse requests that the browser says came from another site: by
 * `Sec-Fetch-Site` when present, else by `Origin`. Requests with neither (curl, server-to-server)
 * carry no ambient browser credentials to abuse and pass on the header check alone.
 */
export function assertSameOrigin(request: FastifyRequest, appOrigin: string): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new BffError('origin_mismatch', `Sec-Fetch-Site: ${site}`);
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== appOrigin) {
    throw new BffError('origin_mismatch', 'Origin differs from the app origin');
  }
}
