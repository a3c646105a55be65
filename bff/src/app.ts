import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_PREFIX } from '@siwv/shared';
import { siwv } from './plugin';
import { loggerOptions } from './logging';
import type { ServerConfig } from './env';

/** The standalone BFF: the plugin mounted at `/api`, as the bundled SPA expects. */
export async function buildApp(
  config: Pick<ServerConfig, 'siwv' | 'logLevel'> &
    Partial<Pick<ServerConfig, 'trustProxy'>> & { logStream?: { write(line: string): void } },
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logStream
      ? { ...loggerOptions(config.logLevel), stream: config.logStream }
      : loggerOptions(config.logLevel),
    // Forwarded headers are ignored unless configured; the redirect URI never depends on them.
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 16 * 1024,
  });
  await app.register(siwv, { ...config.siwv, prefix: DEFAULT_PREFIX });
  return app;
}
