/**
 * A serverless function built the way a Node.js function on Vercel runs the BFF: module scope
 * builds nothing, the first invocation builds the app from the environment and every invocation
 * hands the request to Fastify's router. Bundled by the bench only when the repository has no
 * function bundle of its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../bff/src/app';
import { configFromEnv } from '../../../bff/src/env';

let app: Promise<FastifyInstance> | undefined;

export default async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  app ??= buildApp(configFromEnv()).then(async (instance) => {
    await instance.ready();
    return instance;
  });
  (await app).routing(req, res);
}
