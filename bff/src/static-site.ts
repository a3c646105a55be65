import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { DEFAULT_PREFIX } from '@siwv/shared';
import { StartupError } from './run-server';

/** Vite names every file under `assets/` after a hash of its content: it never changes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is checked with the server on every use. */
export const REVALIDATE = 'no-cache';

const ASSETS = '/assets/';

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Serves the SPA's production build from `root` beside the API: files as they are, hashed assets
 * cached for good, and `index.html` for any other GET outside `/api` and `/assets`, so that a deep
 * link such as `/profile` opens the app, which routes on the client. A missing asset is a 404, not
 * the page: a script URL answered with HTML would break, and would be cached as immutable.
 */
export async function serveSpa(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new StartupError(
      `There is no SPA build in ${root} (no index.html): run \`pnpm build\` first.`,
    );
  }
  const assetsDir = join(root, 'assets') + sep;
  const cacheHeaders = (reply: FastifyReply, path: string) => {
    reply.header('cache-control', path.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
    reply.header('x-content-type-options', 'nosniff');
  };
  await app.register(fastifyStatic, {
    root,
    // One route per file, found at startup (the build does not change while it runs), instead of a
    // catch-all route that would also swallow unknown API paths.
    wildcard: false,
    index: 'index.html',
    cacheControl: false,
    dotfiles: 'ignore',
    setHeaders: (reply, path) => cacheHeaders(reply, path),
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isUnder(path, DEFAULT_PREFIX) &&
      !path.startsWith(ASSETS);
    if (!isPage) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.sendFile('index.html');
  });
}
