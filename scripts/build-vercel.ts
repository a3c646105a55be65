/**
 * `pnpm build:vercel`: the whole product as a Vercel Build Output API v3 directory, ready for
 * `vercel deploy --prebuilt` (docs/deployment.md):
 *
 *   config.json                   routes: files, /api/* to the function, other paths to the
 *                                 SPA's index.html; hashed assets cached for good
 *   static/                       the SPA's production build
 *   functions/api.func/           the BFF (bff/src/serverless.ts and all it imports, one file)
 *
 * Options: `--out <dir>` (default `.vercel/output`), `--spa <dir>` to take an existing SPA build
 * (e.g. `web/dist`) instead of running Vite.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { argument, buildSpa, bundleNodeEntry, root } from './deploy-build';

/** The Node.js runtime of the function. */
const RUNTIME = 'nodejs20.x';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Routes, tried in order. Before `filesystem`: every request; then the files of static/ and the
 * functions answer as they are; after it: what matched neither, where the first route with a
 * `dest` ends the search; after `hit`: headers for whatever was found (`continue` goes on).
 */
const routes = [
  { handle: 'filesystem' },
  // The function gets the request with its path unchanged, so Fastify routes /api/... itself.
  { src: '^/api(?:/.*)?$', dest: '/api' },
  // A deep link such as /profile opens the SPA, which routes on the client. A missing asset stays
  // a 404: a script URL answered with HTML breaks, and would be cached as immutable.
  { src: '^/(?!api(?:/|$)|assets/).*$', dest: '/index.html' },
  { handle: 'hit' },
  // Vite names every file under /assets/ after a hash of its content. Only files found get this
  // header, so a 404 for an asset of another deployment is never cached (think of a rollback).
  { src: '^/assets/', headers: { 'cache-control': IMMUTABLE }, continue: true, important: true },
  { src: '^/', headers: { 'x-content-type-options': 'nosniff' }, continue: true },
];

const out = resolve(argument('out') ?? join(root, '.vercel/output'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

buildSpa(join(out, 'static'), argument('spa'));

const functionDir = join(out, 'functions/api.func');
mkdirSync(functionDir, { recursive: true });
await bundleNodeEntry('bff/src/serverless.ts', join(functionDir, 'index.mjs'));
writeFileSync(
  join(functionDir, '.vc-config.json'),
  `${JSON.stringify(
    {
      runtime: RUNTIME,
      handler: 'index.mjs',
      launcherType: 'Nodejs',
      // The handler takes Node's own request and response; Vercel's helpers (a parsed body,
      // res.json) would only sit between them and Fastify.
      shouldAddHelpers: false,
      supportsResponseStreaming: true,
    },
    null,
    2,
  )}\n`,
);
writeFileSync(join(out, 'config.json'), `${JSON.stringify({ version: 3, routes }, null, 2)}\n`);
console.log(`Vercel build output in ${relative(process.cwd(), out) || '.'}`);
