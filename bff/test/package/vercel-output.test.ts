import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '@siwv/shared';
import { startEmulator, type RunningEmulator } from '@siwv/e2e';
import {
  apiCall,
  CLIENT,
  freePort,
  repoRoot,
  run,
  SESSION_SECRET,
  signInOverHttp,
  startProcess,
  type RunningProcess,
} from './helpers';

/**
 * `pnpm build:vercel` for real, then its output served the way Vercel routes it (config.json's
 * routes, static/, the function's handler called with Node's request and response) by
 * scripts/serve-vercel-output.ts, with a sign-in against the local emulator through it.
 */
const out = mkdtempSync(join(tmpdir(), 'siwv-vercel-'));
let emulator: RunningEmulator;
let site: RunningProcess;
let origin: string;

interface Route {
  src?: string;
  dest?: string;
  handle?: string;
  headers?: Record<string, string>;
}

beforeAll(async () => {
  run(process.execPath, ['--import', 'tsx', 'scripts/build-vercel.ts', '--out', out], {
    cwd: repoRoot,
  });
  const port = await freePort();
  origin = `http://localhost:${port}`;
  emulator = await startEmulator({
    port: 0,
    clients: [{ ...CLIENT, redirectUris: [`${origin}${paths.callback}`] }],
  });
  site = await startProcess(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve-vercel-output.ts', '--out', out, '--port', String(port)],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        VERCEL: '1',
        VERCEL_ENV: 'production',
        APP_URL: origin,
        VERCEL_APP_CLIENT_ID: CLIENT.clientId,
        VERCEL_APP_CLIENT_SECRET: CLIENT.clientSecret,
        SESSION_SECRET,
        VERCEL_ISSUER: emulator.issuer,
        LOG_LEVEL: 'warn',
      },
      ready: /Serving .* on http/,
    },
  );
}, 120_000);

afterAll(async () => {
  await site?.stop();
  await emulator?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('the Build Output API directory', () => {
  it('is version 3 with files first, /api/* to the function and the SPA for the rest', () => {
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.version).toBe(3);
    const routes: Route[] = config.routes;
    const phase = (name: string) => routes.findIndex((route) => route.handle === name);
    const api = routes.findIndex((route) => route.dest === '/api');
    const spa = routes.findIndex((route) => route.dest === '/index.html');
    expect(phase('filesystem')).toBeGreaterThanOrEqual(0);
    expect(api).toBeGreaterThan(phase('filesystem'));
    expect(spa).toBeGreaterThan(api);
    expect(phase('hit')).toBeGreaterThan(spa);
    expect(routes.slice(phase('hit'))).toContainEqual(
      expect.objectContaining({
        src: '^/assets/',
        headers: { 'cache-control': 'public, max-age=31536000, immutable' },
      }),
    );
  });

  it('holds one Node.js function, bundled into a single file', () => {
    const dir = join(out, 'functions/api.func');
    expect(JSON.parse(readFileSync(join(dir, '.vc-config.json'), 'utf8'))).toMatchObject({
      runtime: 'nodejs20.x',
      handler: 'index.mjs',
      launcherType: 'Nodejs',
      shouldAddHelpers: false,
    });
    expect(readdirSync(dir).sort()).toEqual(['.vc-config.json', 'index.mjs']);
    expect(readdirSync(join(out, 'functions'))).toEqual(['api.func']);
    // Nothing left to resolve at run time but Node's own modules (and the tests below run it from
    // a temporary directory, where no node_modules is within reach).
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
    const imports = [
      ...bundle.matchAll(/(?:^|;)\s*import\s*(?:[\w*{}\s,$]*from\s*)?["']([^"']+)["']/gm),
    ];
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.map((match) => match[1]).filter((name) => !name!.startsWith('node:'))).toEqual(
      [],
    );
  });

  it('has the SPA build in static/', () => {
    expect(existsSync(join(out, 'static/index.html'))).toBe(true);
    expect(readdirSync(join(out, 'static/assets')).some((file) => file.endsWith('.js'))).toBe(true);
  });
});

describe('served as Vercel routes it', () => {
  it('caches hashed assets for good and revalidates index.html', async () => {
    const asset = readdirSync(join(out, 'static/assets')).find((file) => file.endsWith('.js'))!;
    const script = await fetch(`${origin}/assets/${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).not.toMatch(/immutable/);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('opens the SPA on a deep link, but answers a missing asset with a 404', async () => {
    const deepLink = await fetch(`${origin}/profile?tab=token`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toMatch(/^text\/html/);
    const missing = await fetch(`${origin}/assets/index-00000000.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
  });

  it('hands /api/* to the function, unknown API paths included', async () => {
    const health = await fetch(`${origin}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const unknown = await fetch(`${origin}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
  });

  it('signs in through the function, each cookie in a Set-Cookie header of its own', async () => {
    const { authorize, callback, jar } = await signInOverHttp(origin, '/api', '/profile');
    expect(new URL(authorize.headers.get('location')!).searchParams.get('redirect_uri')).toBe(
      `${origin}/api/auth/callback`,
    );
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/profile');
    // The session cookie is set and the sign-in cookie cleared: two headers, not one joined line.
    const cookies = callback.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    expect(cookies.map((line) => line.split('=')[0]).sort()).toEqual([
      'siwv-login',
      'siwv-session',
    ]);
    expect(jar.names()).toEqual(['siwv-session']);

    const session = await apiCall(origin, jar, 'GET', paths.session);
    expect(await session.json()).toMatchObject({
      authenticated: true,
      user: { sub: expect.any(String) },
    });

    const signOut = await apiCall(origin, jar, 'POST', paths.signout);
    expect(signOut.status).toBe(204);
    expect(signOut.headers.getSetCookie().length).toBeGreaterThanOrEqual(2);
    expect(jar.names()).toEqual([]);
  });
});

describe('a function whose environment is wrong', () => {
  it('answers 500 with the coded error body, names the variable in its log, and spares the SPA', async () => {
    const port = await freePort();
    const broken = await startProcess(
      process.execPath,
      ['--import', 'tsx', 'scripts/serve-vercel-output.ts', '--out', out, '--port', String(port)],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, VERCEL: '1', VERCEL_ENV: 'production' },
        ready: /Serving .* on http/,
      },
    );
    try {
      const health = await fetch(`http://localhost:${port}/api/health`);
      expect(health.status).toBe(500);
      expect(await health.json()).toMatchObject({ statusCode: 500, code: 'internal_error' });
      expect(broken.output()).toMatch(/APP_URL: is required/);
      expect(broken.output()).toMatch(/VERCEL_APP_CLIENT_ID: is required/);
      expect((await fetch(`http://localhost:${port}/`)).status).toBe(200);
    } finally {
      await broken.stop();
    }
  });
});
