import type { FastifyServerOptions } from 'fastify';

/** The options `Fastify({ logger })` takes: pino's, as Fastify exports them. */
type PinoLoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/**
 * Logger settings that keep secrets out of logs: no cookie or authorization header is ever
 * serialised, and URLs are logged without their query string, where the callback carries `code`
 * and `state`.
 */
export function loggerOptions(level: string): PinoLoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.accessToken',
        '*.refreshToken',
        '*.clientSecret',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; id: string }) {
        return { id: request.id, method: request.method, path: request.url.split('?')[0] };
      },
    },
  };
}
