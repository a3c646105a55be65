/**
 * Serves a Build Output API v3 directory on this machine as Vercel would route it, to check a
 * `pnpm build:vercel` result offline before `vercel deploy --prebuilt`:
 *
 *   node --import tsx scripts/serve-vercel-output.ts [--out .vercel/output] [--port 3000]
 *
 * It reads `config.json` and honours what that file uses: routes with `src`, `dest`, `headers`,
 * `continue`, `status` and `important`, in three phases (before `handle: "filesystem"`, after it
 * for what no file or function matched, and after `handle: "hit"` for what was found). It answers
 * from `static/` with Vercel's default caching, and runs each `functions/<name>.func` Node.js
 * function (`launcherType: "Nodejs"`) in this process, handing it Node's own request and response.
 * The environment passes through to the functions, as a project's variables do on Vercel. Not the
 * whole of Vercel's routing: a feature it does not know is refused at startup, never ignored.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
interface Route {
  src?: string;
  dest?: string;
  headers?: Record<string, string>;
  continue?: boolean;
  status?: number;
  important?: boolean;
  handle?: string;
}

const KNOWN_ROUTE_KEYS = new Set(['src', 'dest', 'headers', 'continue', 'status', 'important']);
const KNOWN_PHASES = ['filesystem', 'hit'];
/** What Vercel sends with a static file unless a route says otherwise. */
const STATIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const out = resolve(option('out') ?? '.vercel/output');
const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as {
  version: number;
  routes?: Route[];
};
if (config.version !== 3) throw new Error(`${out}/config.json: version must be 3`);
/** The routes of each phase: `main` before any `handle`, then those after each `handle`. */
const phases = new Map<string, Route[]>([['main', []]]);
let phase = 'main';
for (const route of config.routes ?? []) {
  if (route.handle !== undefined) {
    if (!KNOWN_PHASES.includes(route.handle) || Object.keys(route).length > 1) {
      throw new Error(`This local server does not support the route ${JSON.stringify(route)}`);
    }
    phase = route.handle;
    phases.set(phase, []);
    continue;
  }
  const unknown = Object.keys(route).filter((key) => !KNOWN_ROUTE_KEYS.has(key));
  if (unknown.length > 0 || route.src === undefined) {
    throw new Error(`This local server does not support the route ${JSON.stringify(route)}`);
  }
  phases.get(phase)!.push(route);
}

async function loadFunctions(): Promise<Map<string, Handler>> {
  const functions = new Map<string, Handler>();
  const dir = join(out, 'functions');
  if (!existsSync(dir)) return functions;
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith('.func')) continue;
    const vc = JSON.parse(readFileSync(join(dir, entry, '.vc-config.json'), 'utf8'));
    if (vc.launcherType !== 'Nodejs' || !String(vc.runtime).startsWith('nodejs')) {
      throw new Error(`${entry}: only Node.js functions with launcherType "Nodejs" are supported`);
    }
    const module = await import(pathToFileURL(join(dir, entry, vc.handler)).href);
    if (typeof module.default !== 'function') throw new Error(`${entry}: no default export`);
    functions.set(`/${entry.slice(0, -'.func'.length)}`, module.default);
  }
  return functions;
}

const functions = await loadFunctions();
const staticDir = join(out, 'static');

/** The static file for a path, never outside `static/`; a directory means its index.html. */
function staticFile(path: string): string | undefined {
  const file = normalize(join(staticDir, decodeURIComponent(path)));
  if (file !== staticDir && !file.startsWith(staticDir + sep)) return undefined;
  for (const candidate of [file, join(file, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

type Target = { kind: 'static'; file: string } | { kind: 'function'; handler: Handler };

function target(path: string): Target | undefined {
  const handler = functions.get(path);
  if (handler) return { kind: 'function', handler };
  const file = staticFile(path);
  return file ? { kind: 'static', file } : undefined;
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  found: Target | undefined,
  headers: Record<string, string>,
  status?: number,
) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (found?.kind === 'function') {
    return void Promise.resolve(found.handler(req, res)).catch((error: unknown) => {
      // What Vercel answers when a function throws: a 500 of its own, the detail in the log.
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end('FUNCTION_INVOCATION_FAILED\n');
    });
  }
  if (!found) {
    res.statusCode = status ?? 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    return void res.end(status ? '' : 'The page could not be found\n\nNOT_FOUND\n');
  }
  const body = readFileSync(found.file);
  res.statusCode = status ?? 200;
  if (!res.hasHeader('cache-control')) res.setHeader('cache-control', STATIC_CACHE_CONTROL);
  res.setHeader('content-type', CONTENT_TYPES[extname(found.file)] ?? 'application/octet-stream');
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Runs one phase's routes against `state`: headers add up, a `dest` rewrites the path, and the
 * first matching route without `continue` ends the phase (returned, for its `status`).
 */
function runPhase(name: string, state: { path: string; headers: Record<string, string> }) {
  for (const entry of phases.get(name) ?? []) {
    const match = new RegExp(entry.src!).exec(state.path);
    if (!match) continue;
    for (const [header, value] of Object.entries(entry.headers ?? {})) {
      if (entry.important || !(header in state.headers)) state.headers[header] = value;
    }
    if (entry.dest) {
      state.path = entry.dest.replace(/\$(\d+)/g, (_, n: string) => match[Number(n)] ?? '');
    }
    if (!entry.continue) return entry;
  }
  return undefined;
}

function route(req: IncomingMessage, res: ServerResponse) {
  const state = { path: new URL(req.url ?? '/', 'http://localhost').pathname, headers: {} };
  const answer = (found: Target | undefined, status?: number) => {
    if (found) runPhase('hit', state);
    send(req, res, found, state.headers, status);
  };
  const ended = runPhase('main', state);
  if (ended) return answer(ended.dest ? target(state.path) : undefined, ended.status);
  if (phases.has('filesystem')) {
    const found = target(state.path);
    if (found) return answer(found);
    const rewritten = runPhase('filesystem', state);
    if (rewritten) return answer(rewritten.dest ? target(state.path) : undefined, rewritten.status);
  }
  return answer(undefined);
}

const server = createServer((req, res) => {
  try {
    route(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  }
});
const port = Number(option('port') ?? 3000);
server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${out} on http://localhost:${(server.address() as AddressInfo).port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
