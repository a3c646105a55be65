import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigningKey } from './keys';
import { resolveOptions, type EmulatorOptions } from './options';
import { createProvider } from './provider';
import { createRouter } from './router';
import { StatsRecorder, type EmulatorStats } from './stats';
import { MemoryStore } from './store';

export interface RunningEmulator {
  /** e.g. http://localhost:4000, no trailing slash */
  issuer: string;
  port: number;
  stats(): EmulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message;
      reject(
        new Error(`The Vercel emulator could not listen on ${host}:${port}: ${reason}`, {
          cause: error,
        }),
      );
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts a local Vercel identity provider; `close()` ends it and every open connection. */
export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const signingKey = resolved.signingKey ?? (await createSigningKey());
  const store = new MemoryStore();
  const stats = new StatsRecorder();

  // The issuer names the port, which is known only once listening (port 0 picks a free one).
  let handle: RequestListener = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => handle(req, res));
  let port: number;
  try {
    port = await listen(server, resolved.port, resolved.host);
  } catch (error) {
    store.dispose();
    throw error;
  }

  // `localhost` (unless a front proxy is announced instead), as the app's callback URLs use it:
  // Vercel's issuer is a host name too (`https://vercel.com`, no trailing slash), and clients
  // compare `iss` byte for byte (OpenID Connect Core §3.1.3.7).
  const issuer = resolved.issuer ?? `http://localhost:${port}`;
  const provider = createProvider({ issuer, options: resolved, signingKey, store });
  provider.on('grant.success', (ctx) => stats.recordGrant(String(ctx.oidc.params?.grant_type)));
  provider.on('server_error', (_ctx, error) => resolved.log(`server error: ${error.message}`));
  handle = createRouter({ provider, stats, log: resolved.log });

  let closing: Promise<void> | undefined;
  return {
    issuer,
    port,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open for seconds; tests start and stop many.
        server.closeAllConnections();
      }).finally(() => store.dispose());
      return closing;
    },
  };
}
