import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { completeAuthorization } from '../emulator';
import { authorizationUrl, createPkce } from './helpers/oauth';

const e2eRoot = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];

function startCli(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts'], {
    cwd: e2eRoot,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return child;
}

async function firstLine(child: ChildProcess): Promise<string> {
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    if (output.includes('\n')) return output.split('\n')[0]!;
  }
  throw new Error(`the CLI exited without printing a line`);
}

async function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the emulator CLI', () => {
  it('prints the issuer and the client id, serves, and exits cleanly on SIGTERM', async () => {
    const child = startCli({ EMULATOR_PORT: '0' });
    const line = await firstLine(child);
    const match = /^Vercel emulator at (http:\/\/localhost:\d+) \(client (cl_\w+)\)$/.exec(line);
    expect(match, line).not.toBeNull();
    expect(match![2]).toBe('cl_siwvlocalemulator0000000000000');
    expect((await fetch(`${match![1]}/.well-known/openid-configuration`)).status).toBe(200);

    const exit = exitOf(child);
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });

  it('takes its client from the environment', async () => {
    const child = startCli({
      EMULATOR_PORT: '0',
      EMULATOR_CLIENT_ID: 'cl_fromenvironment000000000000000',
      EMULATOR_CLIENT_SECRET: 'from-env',
      EMULATOR_REDIRECT_URIS:
        'http://localhost:5173/api/auth/callback, http://localhost:3000/api/auth/callback',
      EMULATOR_ACCESS_TOKEN_TTL: '60',
    });
    const line = await firstLine(child);
    expect(line).toContain('(client cl_fromenvironment000000000000000)');
    const issuer = /(http:\/\/localhost:\d+)/.exec(line)![1]!;
    const client = {
      clientId: 'cl_fromenvironment000000000000000',
      clientSecret: 'from-env',
      redirectUris: ['http://localhost:5173/api/auth/callback'],
      name: 'from env',
    };
    const url = authorizationUrl({ issuer }, createPkce(), {}, client);
    const redirect = await completeAuthorization(url);
    expect(redirect.origin).toBe('http://localhost:5173');
    expect(redirect.searchParams.get('code')).toBeTruthy();
    child.kill('SIGINT');
    expect((await exitOf(child)).code).toBe(0);
  });

  it.each([
    ['EMULATOR_PORT', 'four thousand'],
    ['EMULATOR_PORT', '70000'],
    ['EMULATOR_ACCESS_TOKEN_TTL', '0'],
    ['EMULATOR_ACCESS_TOKEN_TTL', '1.5'],
    ['EMULATOR_REDIRECT_URIS', 'not a url'],
  ])('exits 1 naming %s when it is %j', async (name, value) => {
    const { code, stderr } = await exitOf(startCli({ EMULATOR_PORT: '0', [name]: value }));
    expect(code).toBe(1);
    expect(stderr).toContain(name);
  });
});
