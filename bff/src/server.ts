import { buildApp } from './app';
import { configFromEnv, EnvConfigError } from './env';

/** Runs the standalone BFF: `PORT` (default 3001), `HOST` (default 127.0.0.1). */
async function main() {
  let config;
  try {
    config = configFromEnv();
  } catch (error) {
    if (error instanceof EnvConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await buildApp(config);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'the port is already in use (set PORT)'
        : code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL'
          ? 'the address is not one of this machine (set HOST)'
          : (error as Error).message;
    console.error(`Cannot listen on ${config.host}:${config.port}: ${why}`);
    await app.close();
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

await main();
