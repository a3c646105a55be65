/**
 * The BFF as one Node.js serverless function (Vercel's `launcherType: "Nodejs"`): the default export
 * receives Node's own request and response, as `node:http` would hand them over. `pnpm build:vercel`
 * bundles this file and everything it imports into `functions/api.func/index.mjs`.
 *
 * Module scope builds nothing. The first invocation of an instance reads the environment and
 * builds the app; later ones reuse it. A start that failed (a wrong variable, Redis unreachable)
 * answers 500 and is tried again by the next invocation, so fixing the environment and redeploying
 * is all an operator has to do, and the reason is in the function's log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { configFromEnv, EnvConfigError } from './env';
import { errorBody } from './errors';

let starting: Promise<FastifyInstance> | undefined;

async function start(): Promise<FastifyInstance> {
  const config = configFromEnv();
  const app = await buildApp({
    ...config,
    // Nothing reaches a Vercel function except through Vercel's edge, which sets X-Forwarded-For
    // to the client's address itself, replacing whatever the client sent. Without trusting it,
    // every client would share the one address of the platform (and one rate-limit allowance).
    // TRUST_PROXY may still name the proxies to trust instead.
    // (https://vercel.com/docs/headers/request-headers#x-forwarded-for)
    trustProxy: config.trustProxy === false ? true : config.trustProxy,
  });
  await app.ready();
  return app;
}

function refuse(res: ServerResponse, error: unknown): void {
  // One line naming what to fix; an EnvConfigError lists variable names, never their secrets.
  console.error(
    error instanceof EnvConfigError
      ? error.message
      : `The BFF could not start: ${(error as Error)?.stack ?? String(error)}`,
  );
  const body = JSON.stringify(errorBody('internal_error'));
  res.writeHead(500, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

export default async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  starting ??= start();
  let app: FastifyInstance;
  try {
    app = await starting;
  } catch (error) {
    starting = undefined;
    refuse(res, error);
    return;
  }
  // Fastify's own request listener: routing, hooks and the reply, exactly as under `listen()`.
  app.routing(req, res);
}
