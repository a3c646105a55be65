/**
 * The self-hosted deployment (`pnpm build` runs it last): one directory that Node.js 20 runs as
 * it is, with no `node_modules`, wherever it is copied.
 *
 *   server.mjs    the BFF and the static file server (bff/src/production.ts and all it imports)
 *   public/       the SPA's production build, served by server.mjs
 *
 * `pnpm start` runs `node dist/server.mjs`. Options: `--out <dir>` (default `dist`), `--spa <dir>`
 * to take an existing SPA build (e.g. `web/dist`) instead of running Vite.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { argument, buildSpa, bundleNodeEntry, root } from './deploy-build';

const out = resolve(argument('out') ?? join(root, 'dist'));
mkdirSync(out, { recursive: true });
buildSpa(join(out, 'public'), argument('spa'));
await bundleNodeEntry('bff/src/production.ts', join(out, 'server.mjs'));
console.log(
  `Self-hosted build in ${relative(process.cwd(), out) || '.'}: node ${relative(process.cwd(), join(out, 'server.mjs'))}`,
);
