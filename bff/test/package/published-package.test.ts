import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { createApiClient, pathsFor } from '@siwv/shared';
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
} from './helpers';

/**
 * `@siwv/bff` and `@siwv/shared` as another team gets them: built, packed with `pnpm pack`, linted
 * with publint and Are the Types Wrong, installed from the tarballs into a Fastify app of its own
 * outside this workspace (everything else from the registry, or pnpm's store when it has it), and
 * mounted there under a prefix, where a user signs in against the local emulator.
 */
const PREFIX = '/account';
const work = mkdtempSync(join(tmpdir(), 'siwv-package-'));
const host = join(work, 'host');
const bffDir = join(repoRoot, 'bff');
const sharedDir = join(repoRoot, 'shared');
const tarballs = { bff: '', shared: '' };
let emulator: RunningEmulator;
/** One port for each host app started below; the emulator knows their callback URLs. */
const hostPorts: number[] = [];

/** The host app: its own route, the plugin under PREFIX, and @fastify/cookie when asked to. */
const HOST_SERVER = `
import Fastify from 'fastify';
import { siwv } from '@siwv/bff';

const app = Fastify({ logger: { level: 'warn' } });
if (process.env.HOST_REGISTERS_COOKIE === '1') {
  await app.register((await import('@fastify/cookie')).default);
  app.get('/whoami', async (request) => ({ visits: request.cookies.visits ?? null }));
}
app.get('/', async () => ({ app: 'host' }));
await app.register(siwv, {
  prefix: ${JSON.stringify(PREFIX)},
  clientId: process.env.CLIENT_ID,
  clientSecret: process.env.CLIENT_SECRET,
  appUrl: process.env.APP_URL,
  sessionSecrets: [process.env.SESSION_SECRET],
  issuer: process.env.ISSUER,
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('host listening');
`;

/**
 * A consumer's type-checked code: the plugin mounted with typed options, and an SPA's hooks made
 * from the shared query options in the few lines the shared README shows.
 */
const HOST_TYPES = `
import Fastify from 'fastify';
import { siwv, resolveOptions, SiwvConfigError, type SiwvOptions } from '@siwv/bff';
import { createApiClient, type SessionResponse, type Profile } from '@siwv/shared';
import { profileQueryOptions, sessionQueryOptions, signOutMutationOptions } from '@siwv/shared/query';
import { QueryClient, useMutation, useQuery } from '@tanstack/react-query';

const options: SiwvOptions = {
  clientId: 'cl_x',
  clientSecret: 'secret',
  appUrl: 'https://app.example.com',
  sessionSecrets: ['x'.repeat(32)],
};
const app = Fastify();
await app.register(siwv, { ...options, prefix: '/account' });
export const origin: string = resolveOptions(options).appOrigin;
export const failure: Error = new SiwvConfigError([{ option: 'clientId', problem: 'is required' }]);

const api = createApiClient({ prefix: '/account' });
const queryClient = new QueryClient();
export const useSession = () => useQuery(sessionQueryOptions(api));
export const useProfile = () => useQuery(profileQueryOptions(api));
export const useSignOut = () => useMutation(signOutMutationOptions(api, queryClient));
export function signedInName(): string | null | undefined {
  const session: SessionResponse | undefined = useSession().data;
  const profile: Profile | undefined = useProfile().data;
  void profile;
  return session?.authenticated ? session.user.name : undefined;
}
export const cached: SessionResponse | undefined = queryClient.getQueryData(
  sessionQueryOptions(api).queryKey,
);
`;

function build(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(dir, 'node_modules/.bin/tsdown'), ['--log-level', 'warn'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`tsdown in ${dir} failed:\n${output}`)),
    );
  });
}

function pack(dir: string): string {
  const before = new Set(readdirSync(work));
  run('pnpm', ['pack', '--pack-destination', work], { cwd: dir });
  const created = readdirSync(work).find((file) => file.endsWith('.tgz') && !before.has(file));
  if (!created) throw new Error(`pnpm pack in ${dir} made no tarball`);
  return join(work, created);
}

/** The packed package.json, as the registry would serve it. */
function packedManifest(tarball: string) {
  return JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']));
}

/** The packages that the packed JavaScript imports (Node's own modules and relative paths aside). */
function importedPackages(tarball: string): string[] {
  const files = run('tar', ['-tzf', tarball])
    .split('\n')
    .filter((file) => file.endsWith('.js'));
  const names = new Set<string>();
  for (const file of files) {
    const code = run('tar', ['-xzOf', tarball, file]);
    for (const [, specifier] of code.matchAll(/^(?:import|export)\b[^;'"]*?["']([^"']+)["']/gm)) {
      if (specifier!.startsWith('.') || specifier!.startsWith('node:')) continue;
      const [scope, name] = specifier!.split('/');
      names.add(scope!.startsWith('@') ? `${scope}/${name}` : scope!);
    }
  }
  return [...names].sort();
}

beforeAll(async () => {
  await Promise.all([build(sharedDir), build(bffDir)]);
  tarballs.shared = pack(sharedDir);
  tarballs.bff = pack(bffDir);

  mkdirSync(host);
  writeFileSync(
    join(host, 'package.json'),
    JSON.stringify({
      name: 'host-app',
      private: true,
      type: 'module',
      dependencies: {
        '@siwv/bff': `file:${tarballs.bff}`,
        '@siwv/shared': `file:${tarballs.shared}`,
        '@fastify/cookie': '^11.0.0',
        fastify: '^5.0.0',
        '@tanstack/react-query': '^5.102.0',
        react: '^19.0.0',
        '@types/react': '^19.0.0',
        '@types/node': '^20.19.0',
      },
      // Until @siwv/shared is on the registry, the bff's dependency on it comes from the tarball.
      pnpm: { overrides: { '@siwv/shared': `file:${tarballs.shared}` } },
    }),
  );
  writeFileSync(join(host, 'server.mjs'), HOST_SERVER);
  writeFileSync(join(host, 'types.ts'), HOST_TYPES);
  writeFileSync(
    join(host, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        lib: ['ES2022', 'DOM'],
        types: ['node'],
      },
      files: ['types.ts'],
    }),
  );
  run('pnpm', ['install', '--prefer-offline', '--config.strict-peer-dependencies=false'], {
    cwd: host,
    env: { ...process.env, CI: 'true' },
  });
  hostPorts.push(await freePort(), await freePort());
  emulator = await startEmulator({
    port: 0,
    clients: [
      {
        ...CLIENT,
        redirectUris: hostPorts.map(
          (port) => `http://localhost:${port}${pathsFor(PREFIX).callback}`,
        ),
      },
    ],
  });
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  if (!process.env.KEEP_PACKAGE_TEST) rmSync(work, { recursive: true, force: true });
});

describe('the packed @siwv/bff', () => {
  it('holds the built files only, with an exports map for types and import', () => {
    const files = run('tar', ['-tzf', tarballs.bff]).trim().split('\n').sort();
    expect(files).toEqual([
      'package/README.md',
      'package/dist/index.d.ts',
      'package/dist/index.js',
      'package/package.json',
    ]);
    const manifest = packedManifest(tarballs.bff);
    expect(manifest.exports['.']).toEqual({
      types: './dist/index.d.ts',
      import: './dist/index.js',
    });
    expect(manifest.peerDependencies).toEqual({ fastify: '^5.0.0' });
    expect(manifest.dependencies.fastify).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(manifest.dependencies['@siwv/shared']).toBe(packedManifest(tarballs.shared).version);
  });

  it('imports at run time only what it declares as a dependency or a peer', () => {
    const manifest = packedManifest(tarballs.bff);
    const declared = [
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ];
    const imported = importedPackages(tarballs.bff);
    expect(imported).toContain('fastify-plugin');
    expect(imported.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('passes publint', () => {
    const output = run(join(bffDir, 'node_modules/.bin/publint'), [
      'run',
      tarballs.bff,
      '--strict',
    ]);
    expect(output).toContain('All good!');
  });

  it('resolves its types for ESM consumers (Are the Types Wrong)', () => {
    run(join(bffDir, 'node_modules/.bin/attw'), [tarballs.bff, '--profile', 'esm-only']);
  });
});

describe('the packed @siwv/shared', () => {
  it('exports the contract, the schemas and the query options, each with types', () => {
    const manifest = packedManifest(tarballs.shared);
    for (const entry of ['.', './schemas', './query']) {
      expect(manifest.exports[entry]).toEqual({
        types: expect.stringMatching(/^\.\/dist\/.+\.d\.ts$/),
        import: expect.stringMatching(/^\.\/dist\/.+\.js$/),
      });
    }
    expect(manifest.peerDependencies).toEqual({ '@tanstack/react-query': expect.any(String) });
    expect(manifest.peerDependenciesMeta['@tanstack/react-query']).toEqual({ optional: true });
    const files = run('tar', ['-tzf', tarballs.shared]).trim().split('\n');
    expect(
      files.filter((file) => !/^package\/(dist\/|package\.json$|README\.md$)/.test(file)),
    ).toEqual([]);
    expect(importedPackages(tarballs.shared)).toEqual([
      '@sinclair/typebox',
      '@tanstack/react-query',
    ]);
  });

  it('passes publint and Are the Types Wrong', () => {
    expect(
      run(join(bffDir, 'node_modules/.bin/publint'), ['run', tarballs.shared, '--strict']),
    ).toContain('All good!');
    run(join(bffDir, 'node_modules/.bin/attw'), [tarballs.shared, '--profile', 'esm-only']);
  });
});

describe('a Fastify app outside the workspace that installs the tarballs', () => {
  it('type-checks against the published declarations, under NodeNext resolution', () => {
    // Only the published files and the consumer's own are checked, not every library below them.
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(host, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    )!;
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const checked = program
      .getSourceFiles()
      .filter(
        (file) => file.fileName.includes('/@siwv/') || !file.fileName.includes('/node_modules/'),
      );
    expect(
      checked.map((file) => file.fileName).filter((name) => name.endsWith('dist/index.d.ts')),
    ).toHaveLength(2);
    const diagnostics = checked.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]);
    const formatHost = {
      getCanonicalFileName: (name: string) => name,
      getCurrentDirectory: () => work,
      getNewLine: () => '\n',
    };
    expect(ts.formatDiagnostics(diagnostics, formatHost)).toBe('');
  });

  async function startHost(port: number, env: Record<string, string> = {}) {
    const origin = `http://localhost:${port}`;
    const server = await startProcess(process.execPath, ['server.mjs'], {
      cwd: host,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        APP_URL: origin,
        CLIENT_ID: CLIENT.clientId,
        CLIENT_SECRET: CLIENT.clientSecret,
        SESSION_SECRET,
        ISSUER: emulator.issuer,
        ...env,
      },
      ready: /host listening/,
    });
    return { origin, server };
  }

  it(`signs a user in with the plugin mounted under ${PREFIX}`, async () => {
    const { origin, server } = await startHost(hostPorts[0]!);
    try {
      const { authorize, callback, jar } = await signInOverHttp(origin, PREFIX, '/dashboard');
      const authorizeUrl = new URL(authorize.headers.get('location')!);
      expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${origin}/account/auth/callback`);
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/dashboard');

      // The shared client, told the prefix, reads the session the host's SPA would show.
      const client = createApiClient({
        baseUrl: origin,
        prefix: PREFIX,
        fetch: (input, init) =>
          fetch(input, { ...init, headers: { ...init?.headers, cookie: jar.header() } }),
      });
      expect(await client.getSession()).toMatchObject({
        authenticated: true,
        user: { sub: expect.any(String) },
      });
      expect((await apiCall(origin, jar, 'POST', pathsFor(PREFIX).signout)).status).toBe(204);
      expect(await client.getSession()).toEqual({ authenticated: false });

      // The host's own routes are untouched by the plugin's not-found and error handlers.
      expect(await (await fetch(`${origin}/`)).json()).toEqual({ app: 'host' });
    } finally {
      await server.stop();
    }
  });

  it('works beside a host that registered @fastify/cookie itself', async () => {
    const { origin, server } = await startHost(hostPorts[1]!, { HOST_REGISTERS_COOKIE: '1' });
    try {
      const { callback, jar } = await signInOverHttp(origin, PREFIX);
      expect(callback.status).toBe(302);
      expect(
        await (await apiCall(origin, jar, 'GET', pathsFor(PREFIX).session)).json(),
      ).toMatchObject({ authenticated: true });
      const visits = await fetch(`${origin}/whoami`, { headers: { cookie: 'visits=3' } });
      expect(await visits.json()).toEqual({ visits: '3' });
    } finally {
      await server.stop();
    }
  });
});
