/**
 * What the deployment builds share (`build-vercel.ts`, `build-server.ts`): the SPA's production
 * build, and one BFF entry bundled with every dependency into a single ES module, so that a
 * deployment needs no `node_modules` and Node.js parses one file at a cold start.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Node.js version of the deployments; the bundle's syntax target follows it. */
export const NODE_TARGET = 'node20.19';

/** Reads `--name value` from the command line. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/**
 * Puts the SPA's production build in `outDir`: copied from `prebuilt` when given (a directory
 * that `vite build` wrote), else built there by Vite.
 */
export function buildSpa(outDir: string, prebuilt?: string): void {
  rmSync(outDir, { recursive: true, force: true });
  if (prebuilt) {
    const from = resolve(prebuilt);
    if (!existsSync(resolve(from, 'index.html'))) {
      throw new Error(`${from} holds no SPA build (no index.html): run \`pnpm build\` first`);
    }
    mkdirSync(dirname(outDir), { recursive: true });
    cpSync(from, outDir, { recursive: true });
    return;
  }
  const vite = resolve(root, 'web/node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: resolve(root, 'web'), stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`vite build failed (status ${result.status})`);
}

/**
 * esbuild's ES module output has no `require`, `__filename` or `__dirname`, which the CommonJS
 * parts of the bundle (Fastify, pino, ioredis) use; the banner defines them from the bundle's own
 * URL before any of that code runs.
 */
const COMMONJS_GLOBALS = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

/** Bundles `entry` (relative to the repository) and all it imports into `outfile`. */
export async function bundleNodeEntry(entry: string, outfile: string): Promise<number> {
  rmSync(outfile, { force: true });
  const result = await build({
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    // Whitespace and syntax only: names stay, so a stack trace in a function's log still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'eof',
    banner: { js: COMMONJS_GLOBALS },
    logLevel: 'warning',
    metafile: true,
  });
  const bytes = statSync(outfile).size;
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(
    `bundled ${entry} -> ${relative(root, outfile)} (${(bytes / 1024).toFixed(0)} KiB, ${inputs} modules)`,
  );
  return bytes;
}
