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
  await app.listen({ port: config.port, host: config.host });
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
