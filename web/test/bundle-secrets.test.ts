// @vitest-environment node
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'siwv-web-secrets-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Values that must never reach a browser, set in the environment of the build as a deploy would. */
const SECRETS = {
  VERCEL_APP_CLIENT_SECRET: 'client-secret-sentinel-5f0c1e2a9b',
  SESSION_SECRET: 'session-secret-sentinel-8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a',
  VITE_LOOKS_PUBLIC_BUT_IS_NOT: 'vite-prefixed-sentinel-77aa',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the production SPA bundle', () => {
  it('contains neither the client secret nor the session secret', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, SECRETS);
    try {
      await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env = saved;
    }
    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(text.includes(value), `${name} found in ${file}`).toBe(false);
      }
    }
  }, 60_000);
});
