import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
 * The self-hosted build (what `pnpm build` leaves in dist/) run as `pnpm start` runs it: plain
 * `node server.mjs`, from a temporary directory where no node_modules is within reach.
 */
const out = mkdtempSync(join(tmpdir(), 'siwv-server-'));
let emulator: RunningEmulator;
let server: RunningProcess;
let origin: string;

beforeAll(async () => {
  run(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts', '--out', out], {
    cwd: repoRoot,
  });
  const port = await freePort();
  origin = `http://localhost:${port}`;
  emulator = await startEmulator({
    port: 0,
    clients: [{ ...CLIENT, redirectUris: [`${origin}${paths.callback}`] }],
  });
  server = await startProcess(process.execPath, ['server.mjs'], {
    cwd: out,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: origin,
      VERCEL_APP_CLIENT_ID: CLIENT.clientId,
      VERCEL_APP_CLIENT_SECRET: CLIENT.clientSecret,
      SESSION_SECRET,
      VERCEL_ISSUER: emulator.issuer,
    },
    ready: /Server listening at/,
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await emulator?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('the self-hosted server', () => {
  it('serves the SPA at / and has it checked with the server on every use', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('etag')).toBeTruthy();
    expect(await page.text()).toContain('<div id="root">');
  });

  it('caches hashed assets for good', async () => {
    const asset = readdirSync(join(out, 'public/assets')).find((file) => file.endsWith('.js'))!;
    const script = await fetch(`${origin}/assets/${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('opens the SPA on a deep link, but never answers a missing asset or API path with it', async () => {
    const deepLink = await fetch(`${origin}/profile?tab=token`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('cache-control')).toBe('no-cache');
    expect(await deepLink.text()).toContain('<div id="root">');
    expect((await fetch(`${origin}/assets/index-00000000.js`)).status).toBe(404);
    const unknownApi = await fetch(`${origin}/api/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ code: 'not_found' });
  });

  it('answers /api/health', async () => {
    const health = await fetch(`${origin}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('signs in on the same origin as the SPA', async () => {
    const { callback, jar } = await signInOverHttp(origin, '/api', '/profile');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/profile');
    const session = await apiCall(origin, jar, 'GET', paths.session);
    expect(await session.json()).toMatchObject({ authenticated: true });
  });

  it('shuts down on SIGTERM and exits 0', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"signal":"SIGTERM".*shutting down/);
    await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
  });
});

describe('a self-hosted server that cannot serve', () => {
  it('exits 1 when the SPA build is missing, saying how to make it', async () => {
    const attempt = await startProcess(process.execPath, ['server.mjs', join(out, 'nowhere')], {
      cwd: out,
      env: {
        PATH: process.env.PATH,
        APP_URL: 'http://localhost:3000',
        VERCEL_APP_CLIENT_ID: CLIENT.clientId,
        VERCEL_APP_CLIENT_SECRET: CLIENT.clientSecret,
        SESSION_SECRET,
      },
      ready: /no index\.html/,
    });
    expect(await attempt.exited).toBe(1);
    expect(attempt.output()).toContain('run `pnpm build` first');
    expect(attempt.output()).not.toMatch(/\n\s+at /);
  });
});

describe('a self-hosted server without its configuration', () => {
  it('exits 1 naming every missing variable', async () => {
    const port = await freePort();
    const attempt = await startProcess(process.execPath, ['server.mjs'], {
      cwd: out,
      env: { PATH: process.env.PATH, PORT: String(port) },
      ready: /Invalid configuration/,
    });
    expect(await attempt.exited).toBe(1);
    for (const name of [
      'VERCEL_APP_CLIENT_ID',
      'VERCEL_APP_CLIENT_SECRET',
      'APP_URL',
      'SESSION_SECRET',
    ]) {
      expect(attempt.output()).toContain(`${name}: is required`);
    }
  });
});
