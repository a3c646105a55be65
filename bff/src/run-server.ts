import type { FastifyInstance } from 'fastify';
import { configFromEnv, EnvConfigError, type ServerConfig } from './env';

/** Longest a shutdown waits for requests under way before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 10_000;

/** A problem that an operator fixes (a missing build, a wrong path): printed without a stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function listenProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return 'the port is already in use (set PORT)';
  if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL')
    return 'the address is not one of this machine (set HOST)';
  return (error as Error).message;
}

/**
 * Reads the environment, builds the app and listens on `HOST:PORT`. Any problem on the way ends
 * the process with status 1 and one readable message. SIGTERM or SIGINT stops taking connections,
 * lets the requests under way finish (for at most SHUTDOWN_GRACE_MS), closes the app's resources
 * (Redis) and exits 0, which is what a process manager or a container runtime waits for.
 */
export async function runServer(
  build: (config: ServerConfig) => Promise<FastifyInstance>,
): Promise<void> {
  let config: ServerConfig;
  let app: FastifyInstance;
  try {
    config = configFromEnv();
    app = await build(config);
  } catch (error) {
    const plain = error instanceof EnvConfigError || error instanceof StartupError;
    console.error(plain ? error.message : ((error as Error)?.stack ?? String(error)));
    process.exit(1);
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${listenProblem(error)}`);
    await app.close();
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      const giveUp = setTimeout(() => {
        app.log.error('requests still under way after the grace period; exiting anyway');
        process.exit(1);
      }, SHUTDOWN_GRACE_MS);
      giveUp.unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
