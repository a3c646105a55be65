#!/usr/bin/env tsx
import { startEmulator } from './emulator';
import { ACCESS_TOKEN_TTL_ENV, DEFAULT_CLIENT, type EmulatorClient } from './options';

interface CliConfig {
  port: number;
  accessTokenTtl: number | undefined;
  client: EmulatorClient;
}

function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  problems: string[],
  expected: string,
  isValid: (value: number) => boolean,
): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || !isValid(value))
    problems.push(`${name} must be ${expected}, got "${text}"`);
  return value;
}

/** Reads the environment once and reports every problem at once, each with its variable's name. */
function readEnv(env: NodeJS.ProcessEnv): CliConfig {
  const problems: string[] = [];
  const port = wholeNumber(
    env,
    'EMULATOR_PORT',
    problems,
    'a port number from 0 to 65535',
    (value) => value <= 65535,
  );
  const accessTokenTtl = wholeNumber(
    env,
    ACCESS_TOKEN_TTL_ENV,
    problems,
    'a positive whole number of seconds',
    (value) => value > 0,
  );

  const redirectUris = env.EMULATOR_REDIRECT_URIS?.split(',')
    .map((uri) => uri.trim())
    .filter(Boolean);
  if (redirectUris !== undefined && redirectUris.length === 0) {
    problems.push('EMULATOR_REDIRECT_URIS must list at least one URL, comma separated');
  }
  for (const uri of redirectUris ?? []) {
    if (!URL.canParse(uri)) problems.push(`EMULATOR_REDIRECT_URIS has an invalid URL: "${uri}"`);
  }

  if (problems.length > 0) throw new Error(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  return {
    port: port ?? 4000,
    accessTokenTtl,
    client: {
      ...DEFAULT_CLIENT,
      clientId: env.EMULATOR_CLIENT_ID || DEFAULT_CLIENT.clientId,
      clientSecret: env.EMULATOR_CLIENT_SECRET || DEFAULT_CLIENT.clientSecret,
      redirectUris: redirectUris ?? DEFAULT_CLIENT.redirectUris,
    },
  };
}

function exitWith(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

let config: CliConfig;
try {
  config = readEnv(process.env);
} catch (error) {
  exitWith(error);
}

const emulator = await startEmulator({
  port: config.port,
  accessTokenTtl: config.accessTokenTtl,
  clients: [config.client],
}).catch(exitWith);

console.log(`Vercel emulator at ${emulator.issuer} (client ${config.client.clientId})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
