import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A response as the proxy holds it before passing it on, body read in full. */
export interface ProxiedResponse {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface ProxiedRequest {
  method: string;
  pathname: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Decides what the client gets for one request: the upstream answer (`forward()`), a rewritten
 * or invented one, or `'stall'`, which leaves the request open until the client gives up.
 */
export type Interceptor = (
  request: ProxiedRequest,
  forward: () => Promise<ProxiedResponse>,
) => Promise<ProxiedResponse | 'stall'>;

export interface RunningProxy {
  /** `http://localhost:<port>`, no trailing slash. */
  origin: string;
  port: number;
  /** Where requests go; until set, every request is answered 503. */
  setTarget(host: string, port: number): void;
  close(): Promise<void>;
}

// Headers that describe one hop of the connection, not the message (RFC 9110 §7.6.1).
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length'];

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

/**
 * A small HTTP forwarder on a loopback port. It keeps the client's Host header, so a provider
 * behind it (oidc-provider builds endpoint URLs from the request) names the proxy in every URL.
 */
export async function startProxy(intercept: Interceptor): Promise<RunningProxy> {
  let target: { host: string; port: number } | undefined;

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (!target) {
        res.writeHead(503, { 'content-length': '0' }).end();
        return;
      }
      const upstream = target;
      const pathname = new URL(req.url ?? '/', 'http://proxy.invalid').pathname;
      const forward = () =>
        new Promise<ProxiedResponse>((resolve, reject) => {
          const outgoing = httpRequest(
            {
              host: upstream.host,
              port: upstream.port,
              method: req.method,
              path: req.url,
              // Bodies are read and may be rewritten: ask for them uncompressed.
              headers: { ...withoutHopByHop(req.headers), 'accept-encoding': 'identity' },
            },
            (response) => {
              readBody(response).then(
                (responseBody) =>
                  resolve({
                    status: response.statusCode ?? 502,
                    headers: withoutHopByHop(response.headers),
                    body: responseBody,
                  }),
                reject,
              );
            },
          );
          outgoing.on('error', reject);
          outgoing.end(body);
        });
      const answer = await intercept(
        { method: req.method ?? 'GET', pathname, headers: req.headers, body },
        forward,
      );
      if (answer === 'stall') return;
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
      res.end(answer.body);
    })().catch(() => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-length': '0' }).end();
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

  let closing: Promise<void> | undefined;
  return {
    origin: `http://localhost:${port}`,
    port,
    setTarget(host, targetPort) {
      target = { host, port: targetPort };
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled requests would otherwise hold close() open until their clients give up.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
