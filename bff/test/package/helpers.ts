import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CSRF_HEADER, CSRF_HEADER_VALUE, pathsFor } from '@siwv/shared';
import { completeAuthorization } from '@siwv/e2e';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const SESSION_SECRET = 'package-test-session-secret-long-enough-0123456789';
export const CLIENT = {
  clientId: 'cl_packagetestclient000000000000',
  clientSecret: 'package-test-client-secret',
  name: 'Package tests',
};

/** A port nobody listens on right now (the app's public origin must name it before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to its end; throws with its output when it fails. */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`,
    );
  }
  return `${result.stdout}${result.stderr}`;
}

export interface RunningProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves to the exit code (or signal name) once it has exited. */
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
}

/** Starts a long-running process and waits until it prints a line matching `ready`. */
export async function startProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number },
): Promise<RunningProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready after ${options.timeoutMs ?? 15_000} ms:\n${output}`)),
      options.timeoutMs ?? 15_000,
    );
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}`));
    });
  });
  await ready;
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The few cookie rules a sign-in needs on one origin: name=value, deletion by expiry. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const expired = attributes.some((attribute) => {
        const [key = '', attributeValue = ''] = attribute.split('=');
        if (key.toLowerCase() === 'max-age') return Number(attributeValue) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(attributeValue) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  names(): string[] {
    return [...this.cookies.keys()];
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface SignInTrace {
  authorize: Response;
  callback: Response;
  jar: CookieJar;
}

/**
 * Signs in over real HTTP as a browser would: the BFF's authorize route, the emulator's login and
 * consent, then the callback back at the BFF, keeping cookies between the steps.
 */
export async function signInOverHttp(
  origin: string,
  prefix: string,
  returnTo = '/profile',
): Promise<SignInTrace> {
  const paths = pathsFor(prefix);
  const jar = new CookieJar();
  const authorize = await fetch(
    `${origin}${paths.authorize}?${new URLSearchParams({ returnTo })}`,
    { redirect: 'manual' },
  );
  jar.store(authorize);
  const location = authorize.headers.get('location');
  if (authorize.status !== 302 || !location) {
    throw new Error(`authorize answered ${authorize.status}: ${await authorize.text()}`);
  }
  const back = await completeAuthorization(location);
  const callback = await fetch(`${origin}${back.pathname}${back.search}`, {
    redirect: 'manual',
    headers: { cookie: jar.header() },
  });
  jar.store(callback);
  return { authorize, callback, jar };
}

/** A JSON call the way the SPA makes it: the CSRF header, the cookies, a same-origin `Origin`. */
export async function apiCall(
  origin: string,
  jar: CookieJar,
  method: 'GET' | 'POST',
  path: string,
): Promise<Response> {
  const response = await fetch(origin + path, {
    method,
    headers: {
      cookie: jar.header(),
      [CSRF_HEADER]: CSRF_HEADER_VALUE,
      origin,
      'sec-fetch-site': 'same-origin',
    },
  });
  jar.store(response);
  return response;
}
