import { readFileSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { paths } from '@siwv/shared';
import { bundleForNode } from '../bundle';
import { row, spread, type Section } from '../figures';
import type { Plan } from '../plan';
import { freePort, launch, stop } from '../processes';
import { APP_URL, BASELINE_SCRIPT, CLIENT, ROOT, SESSION_SECRET } from '../services';
import { apiHeaders } from '../sign-in';

export interface FunctionBundle {
  /** the function's folder: everything a deployment uploads */
  dir: string;
  entry: string;
  origin: 'repository' | 'bench';
  description: string;
}

/**
 * The repository's own function bundle when the root package.json has `build:vercel` (Vercel's
 * Build Output API, built here into the bench's folder so the repository's `.vercel/` is left
 * alone); otherwise, or when that build fails, the bench bundles an app.ts-based handler itself.
 */
export async function functionBundle(workDir: string): Promise<FunctionBundle> {
  const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts ?? {};
  let failure = '';
  if (scripts['build:vercel']) {
    const out = join(workDir, 'vercel-output');
    const builder = launch('build:vercel', 'pnpm', ['build:vercel', '--out', out], { cwd: ROOT });
    const code = await builder.exited;
    const dir = join(out, 'functions', 'api.func');
    if (code === 0) {
      const config = JSON.parse(readFileSync(join(dir, '.vc-config.json'), 'utf8'));
      return {
        dir,
        entry: join(dir, config.handler ?? 'index.mjs'),
        origin: 'repository',
        description: '`pnpm build:vercel` → `functions/api.func/` of the Build Output API',
      };
    }
    failure = ` (\`pnpm build:vercel\` failed: ${builder.output().trim().split('\n').at(-1)})`;
    console.log(`  pnpm build:vercel failed, bundling app.ts instead:\n${builder.output()}`);
  }
  const dir = join(workDir, 'api.func');
  const entry = join(dir, 'index.mjs');
  await bundleForNode(
    fileURLToPath(new URL('../cold-start/function-entry.ts', import.meta.url)),
    entry,
    true,
  );
  return {
    dir,
    entry,
    origin: 'bench',
    description:
      `no function bundle from the repository${failure}: the bench bundles an \`app.ts\`-based ` +
      'handler (bench/src/cold-start/function-entry.ts) with esbuild, minified, one ESM file',
  };
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => statSync(join(dir, name)))
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + entry.size, 0);
}

function firstOk(port: number, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: paths.session, headers, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      },
    );
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Milliseconds from spawn to the first 200 from `GET /api/auth/session`. */
async function coldStart(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  headers: Record<string, string>,
): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = launch(name, process.execPath, args, {
    env: { ...env, PORT: String(port), NODE_ENV: 'production' },
  });
  try {
    for (;;) {
      if (await firstOk(port, headers)) return performance.now() - started;
      if (child.child.exitCode !== null) throw new Error(`${name} exited:\n${child.output()}`);
      if (performance.now() - started > 20_000) throw new Error(`${name}: no 200 within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    await stop(child);
  }
}

/** Section 6. */
export async function measureColdStart(
  bundle: FunctionBundle,
  issuer: string,
  session: string,
  plan: Plan,
): Promise<Section> {
  const functionEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    APP_URL,
    VERCEL_ISSUER: issuer,
    VERCEL_APP_CLIENT_ID: CLIENT.clientId,
    VERCEL_APP_CLIENT_SECRET: CLIENT.clientSecret,
    SESSION_SECRET,
    FUNCTION_ENTRY: bundle.entry,
  };
  const host = fileURLToPath(new URL('../servers/function-host.mjs', import.meta.url));
  const baseline = () => coldStart('baseline', [BASELINE_SCRIPT], process.env, {});
  const fn = () => coldStart('function', [host], functionEnv, apiHeaders(session));
  // One of each first, not counted: it brings the files into the page cache.
  await baseline();
  await fn();
  const baselineRuns: number[] = [];
  const functionRuns: number[] = [];
  for (let run = 0; run < plan.coldStarts; run += 1) {
    baselineRuns.push(await baseline());
    functionRuns.push(await fn());
    console.log(
      `  run ${run + 1}: bare Fastify ${baselineRuns.at(-1)!.toFixed(0)} ms, function ${functionRuns.at(-1)!.toFixed(0)} ms`,
    );
  }
  const entryBytes = readFileSync(bundle.entry);
  const base = { name: 'bare Fastify', value: spread(baselineRuns) };
  const constant = (value: number) => spread(Array(plan.coldStarts).fill(value));
  return {
    id: 'cold-start',
    title: '6. Cold start of the serverless function',
    method:
      `Spawn of \`node\` to the first 200 from \`GET /api/auth/session\` (with a valid session), polled ` +
      `every millisecond; ${plan.coldStarts} runs each, alternating, after one uncounted run of each. ` +
      'The function runs under a minimal launcher (bench/src/servers/function-host.mjs) that imports ' +
      'its entry and serves it over HTTP, as the platform does; the baseline is the bare Fastify ' +
      `server from node_modules. Bundle: ${bundle.description}.`,
    rows: [
      row('bare Fastify: spawn → first 200', 'ms', base.value),
      row('function: spawn → first 200', 'ms', spread(functionRuns), base),
      row('function folder, all files', 'bytes', constant(folderBytes(bundle.dir))),
      row('entry file', 'bytes', constant(entryBytes.length)),
      row('entry file, gzip -9', 'bytes', constant(gzipSync(entryBytes, { level: 9 }).length)),
    ],
    notes: [],
  };
}
