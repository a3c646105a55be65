/**
 * Self-hosting: the SPA's production build and the BFF from one Node.js process on one port, the
 * API under `/api` as on Vercel. `pnpm build` bundles this file into `dist/server.mjs` with the SPA
 * beside it in `dist/public/`; `pnpm start` runs it. Configuration is the BFF's environment
 * (docs/deployment.md); the SPA directory may be given as the first argument instead.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { runServer } from './run-server';
import { serveSpa } from './static-site';

const spaRoot = resolve(process.argv[2] ?? fileURLToPath(new URL('./public/', import.meta.url)));

await runServer(async (config) => {
  const app = await buildApp(config);
  await serveSpa(app, spaRoot);
  return app;
});
