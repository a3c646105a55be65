/**
 * The standalone BFF as `bff/src/server.ts` runs it (configuration from the environment, the app
 * from `buildApp`), with one change for load from a single address: every request of a benchmark
 * comes from 127.0.0.1, so the per-IP limit on sign-in routes is raised to
 * `BENCH_AUTH_RATE_LIMIT_MAX` a minute. The limiter still counts every request, so its cost stays
 * in the figures; it just never refuses one. Prints `listening <port>`.
 */
import { buildApp } from '../../../bff/src/app';
import { configFromEnv } from '../../../bff/src/env';

const config = configFromEnv();
const max = Number(process.env.BENCH_AUTH_RATE_LIMIT_MAX);
if (Number.isInteger(max) && max > 0) {
  config.siwv = { ...config.siwv, rateLimit: { max, timeWindowMs: 60_000 } };
}
const app = await buildApp(config);
await app.listen({ port: config.port, host: config.host });
process.stdout.write(`listening ${config.port}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().finally(() => process.exit(0));
  });
}
