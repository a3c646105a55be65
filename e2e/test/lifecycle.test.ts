import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator';

describe('starting and stopping', () => {
  it('listens on a free port with port 0 and names it in the issuer', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      expect(emulator.port).toBeGreaterThan(0);
      expect(emulator.issuer).toBe(`http://localhost:${emulator.port}`);
    } finally {
      await emulator.close();
    }
  });

  it('closes at once even with an idle keep-alive connection open, and closing twice is fine', async () => {
    const emulator = await startEmulator({ port: 0 });
    await new Promise<void>((resolve, reject) => {
      const req = request(`${emulator.issuer}/.well-known/jwks`, {
        agent: new Agent({ keepAlive: true }),
      });
      req.on('response', (res) => res.resume().on('end', () => resolve()));
      req.on('error', reject);
      req.end();
    });
    const started = Date.now();
    await Promise.all([emulator.close(), emulator.close()]);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${emulator.issuer}/.well-known/jwks`)).rejects.toThrow();
  });

  it('says which port is taken', async () => {
    const first = await startEmulator({ port: 0 });
    try {
      await expect(startEmulator({ port: first.port })).rejects.toThrow(
        `port ${first.port} is already in use`,
      );
    } finally {
      await first.close();
    }
  });

  it('reports every invalid option at once, by name', async () => {
    const attempt = startEmulator({
      port: -1,
      accessTokenTtl: 0,
      refreshTokenTtl: 1.5,
      clients: [{ clientId: '', clientSecret: 's', redirectUris: ['not a url'], name: 'x' }],
    });
    const message = await attempt.then(
      () => '',
      (error: Error) => error.message,
    );
    for (const name of [
      'port',
      'accessTokenTtl',
      'refreshTokenTtl',
      'clients[0].clientId',
      'clients[0].redirectUris',
    ]) {
      expect(message).toContain(`- ${name} `);
    }
  });

  it('logs one line per request, with the path but never the query', async () => {
    const lines: string[] = [];
    const emulator = await startEmulator({ port: 0, logger: (line) => lines.push(line) });
    try {
      await fetch(`${emulator.issuer}/oauth/authorize?client_id=secret-looking-value&state=abc`, {
        redirect: 'manual',
      });
      expect(lines).toEqual([expect.stringMatching(/^GET \/oauth\/authorize 400 \d+ms$/)]);
    } finally {
      await emulator.close();
    }
  });
});
