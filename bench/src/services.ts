import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorClient, EmulatorStats } from '@siwv/e2e';
import { bundleForNode } from './bundle';
import { freePort, launch, waitForHttp, type Started } from './processes';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const APP_URL = 'http://localhost:3000';
export const SESSION_SECRET = 'bench-session-secret-that-is-long-enough-0123456789';
export const CLIENT: EmulatorClient = {
  clientId: 'cl_benchclient000000000000000000',
  clientSecret: 'bench-client-secret',
  redirectUris: [`${APP_URL}/api/auth/callback`],
  name: 'Benchmarks',
  offlineAccess: true,
};

export interface Emulator {
  issuer: string;
  process: Started;
  stats(): Promise<EmulatorStats>;
}

export async function startEmulator(accessTokenTtl?: number): Promise<Emulator> {
  const started = launch('emulator', process.execPath, [
    '--import',
    'tsx',
    fileURLToPath(new URL('./servers/emulator.ts', import.meta.url)),
    JSON.stringify({ accessTokenTtl, clients: [CLIENT] }),
  ]);
  const [, issuer] = await started.waitFor(/ready (\S+)/);
  return {
    issuer: issuer!,
    process: started,
    async stats() {
      const response = await fetch(`${issuer}/__emulator/stats`);
      return (await response.json()) as EmulatorStats;
    },
  };
}

export interface Redis {
  url: string;
  process: Started;
}

/** A private redis-server: loopback, a free port, nothing persisted. */
export async function startRedis(): Promise<Redis> {
  const port = await freePort();
  const started = launch('redis-server', 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await started.waitFor(/Ready to accept connections/);
  return { url: `redis://127.0.0.1:${port}`, process: started };
}

export interface Server {
  origin: string;
  process: Started;
}

let bffBundle: Promise<string> | undefined;

/** Bundles servers/bff.ts once per bench run. */
export function bundleBff(workDir: string): Promise<string> {
  const outfile = join(workDir, 'bff', 'server.mjs');
  bffBundle ??= bundleForNode(
    fileURLToPath(new URL('./servers/bff.ts', import.meta.url)),
    outfile,
    false,
  ).then(() => outfile);
  return bffBundle;
}

/**
 * The standalone BFF (servers/bff.ts, bundled), configured from the environment as in production,
 * at `LOG_LEVEL=warn`: request logging costs throughput in any server and the baseline has none.
 */
export async function startBff(
  name: string,
  issuer: string,
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  if (!bffBundle) throw new Error('bundleBff() first');
  const script = await bffBundle;
  const port = await freePort();
  const started = launch(name, process.execPath, [script], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      APP_URL,
      VERCEL_ISSUER: issuer,
      VERCEL_APP_CLIENT_ID: CLIENT.clientId,
      VERCEL_APP_CLIENT_SECRET: CLIENT.clientSecret,
      SESSION_SECRET,
      BENCH_AUTH_RATE_LIMIT_MAX: '1000000000',
      ...extraEnv,
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/api/health`);
  return { origin, process: started };
}

export const BASELINE_SCRIPT = fileURLToPath(new URL('./servers/baseline.mjs', import.meta.url));

export async function startBaseline(body: unknown): Promise<Server> {
  const port = await freePort();
  const started = launch('baseline', process.execPath, [BASELINE_SCRIPT], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      BASELINE_BODY: JSON.stringify(body),
    },
  });
  await started.waitFor(/listening/);
  return { origin: `http://127.0.0.1:${port}`, process: started };
}
