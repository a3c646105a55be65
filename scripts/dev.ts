/**
 * `pnpm dev`: the whole product on this machine. Without a real client id in `.env` (or with
 * `--emulator`) it also starts the local Vercel emulator and points the BFF at it, so nothing
 * needs an account or the network. Ports: APP_PORT (SPA, 3000), BFF_PORT (3001), EMULATOR_PORT (4000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const forceEmulator = process.argv.includes('--emulator');
// With --emulator a developer's real credentials in .env are ignored, so tests never reach Vercel.
if (!forceEmulator && existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`);

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    console.error(`${name}: must be a port number, got ${JSON.stringify(raw)}`);
    process.exit(1);
  }
  return value;
}

const appPort = port('APP_PORT', 3000);
const bffPort = port('BFF_PORT', 3001);
const emulatorPort = port('EMULATOR_PORT', 4000);
const appUrl = forceEmulator
  ? `http://localhost:${appPort}`
  : (process.env.APP_URL ?? `http://localhost:${appPort}`);
const useEmulator = forceEmulator || !process.env.VERCEL_APP_CLIENT_ID;

const env: NodeJS.ProcessEnv = { ...process.env, APP_URL: appUrl, PORT: String(bffPort) };
let closeEmulator: () => Promise<void> = async () => {};

if (useEmulator) {
  const { startEmulator, DEFAULT_CLIENT } = await import('../e2e/emulator/index.ts');
  const emulator = await startEmulator({
    port: emulatorPort,
    clients: [{ ...DEFAULT_CLIENT, redirectUris: [`${appUrl}/api/auth/callback`] }],
  });
  closeEmulator = () => emulator.close();
  Object.assign(env, {
    VERCEL_ISSUER: emulator.issuer,
    VERCEL_APP_CLIENT_ID: DEFAULT_CLIENT.clientId,
    VERCEL_APP_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    // A fixed development secret keeps sessions across restarts; it only ever seals emulator tokens.
    SESSION_SECRET:
      process.env.SESSION_SECRET || 'local-development-only-session-secret-0000000000',
  });
}

const rule = '─'.repeat(72);
console.log(
  [
    rule,
    `  Sign in with Vercel — open ${appUrl}`,
    useEmulator
      ? `  Identity provider: LOCAL VERCEL EMULATOR at ${env.VERCEL_ISSUER} (no account, no network)`
      : `  Identity provider: ${env.VERCEL_ISSUER || 'https://vercel.com'} (client ${env.VERCEL_APP_CLIENT_ID})`,
    `  BFF: http://localhost:${bffPort}   SPA: ${appUrl}`,
    rule,
  ].join('\n'),
);

const children: ChildProcess[] = [
  spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: `${root}bff`,
    env,
    stdio: 'inherit',
  }),
  spawn(
    process.execPath,
    [`${root}web/node_modules/vite/bin/vite.js`, '--port', String(appPort), '--strictPort'],
    {
      cwd: `${root}web`,
      env: { ...env, BFF_ORIGIN: `http://localhost:${bffPort}` },
      stdio: 'inherit',
    },
  ),
];

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await closeEmulator();
  process.exit(code);
}
for (const child of children) child.once('exit', (code) => void stop(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));
